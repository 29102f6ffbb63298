/**
 * Online moves between strategies and clusters (issue: tenant lifecycle at scale): a writer keeps
 * creating and changing records during the move; afterwards every acknowledged write is there exactly
 * once, nothing else changed, neither the writer nor a tenant beside it saw an error, and the old
 * place is gone. A move whose process died is resumed from where it was.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type TenantryApp } from '../src/api/app.js';
import { adminQuery } from '../src/storage/backends/backend.js';
import { routerOf } from '../src/storage/internals.js';
import type { Isolation } from '../src/storage/placement.js';
import { Tenantry } from '../src/tenantry.js';
import { backend, cell2OnAnotherServer, createTestEnv, tenantId, type TestEnv } from './support/harness.js';
import { finishedOperation } from './support/http.js';
import { issueKeys } from './support/keys.js';

const ADMIN = 'admin-token-move-tests';

interface Acked {
  id: string;
  data: Record<string, unknown>;
}

describe(`online tenant moves (${backend})`, () => {
  let env: TestEnv;
  let t: Tenantry;
  let app: TenantryApp;

  const admin = (method: 'GET' | 'POST', url: string, payload?: unknown) =>
    app.inject({ method, url, headers: { authorization: `Bearer ${ADMIN}` }, ...(payload !== undefined && { payload: payload as object }) });
  const asKey = (key: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) =>
    app.inject({ method, url, headers: { authorization: `Bearer ${key}` }, ...(payload !== undefined && { payload: payload as object }) });

  const finished = (id: string) => finishedOperation(app, ADMIN, id, 60);

  /** A tenant with an indexed collection of `n` records. */
  async function populated(label: string, isolation: Isolation, cluster: string, n: number) {
    const id = tenantId(label);
    await t.tenants.create({ id, isolation, cluster });
    await t.tenants.update(id, { limits: { requestsPerMinute: 1_000_000 } });
    const { admin: key } = await issueKeys(app, ADMIN, id, ['admin']);
    expect((await asKey(key, 'POST', '/v1/collections', { name: 'items', indexes: ['n'] })).statusCode).toBe(201);
    const acked: Acked[] = [];
    for (let i = 0; i < n; i += 100) {
      const records = Array.from({ length: Math.min(100, n - i) }, (_, j) => ({
        data: { n: i + j, text: `item ${i + j} ✓`, nested: { deep: [i + j, null, true] } },
      }));
      const res = await asKey(key, 'POST', '/v1/collections/items/records/bulk', { records });
      expect(res.statusCode, res.body).toBe(201);
      for (const item of res.json().items as Array<{ id: string; data: Record<string, unknown> }>) acked.push({ id: item.id, data: item.data });
    }
    return { id, key, acked };
  }

  /** Every record of the tenant, through the API. */
  async function allRecords(key: string): Promise<Map<string, Record<string, unknown>>> {
    const out = new Map<string, Record<string, unknown>>();
    let cursor: string | undefined;
    for (;;) {
      const res = await asKey(key, 'GET', `/v1/collections/items/records?limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json() as { items: Array<{ id: string; data: Record<string, unknown> }>; nextCursor: string | null };
      for (const r of body.items) {
        expect(out.has(r.id), `record ${r.id} listed twice`).toBe(false);
        out.set(r.id, r.data);
      }
      if (!body.nextCursor) return out;
      cursor = body.nextCursor;
    }
  }

  beforeAll(async () => {
    env = await createTestEnv({}, 1);
    t = await env.open();
    app = await buildApp({ tenantry: t, adminToken: ADMIN, cursorSecret: 'c' });
    t.operations.start();
  });
  afterAll(async () => {
    await app?.close();
    await env?.cleanup();
  });

  it.each([
    ['pooled', 'main', 'schema', 'main'],
    ['schema', 'main', 'database', 'main'],
    ['database', 'main', 'pooled', 'main'],
    ['pooled', 'main', 'pooled', 'cell2'],
    ['schema', 'cell2', 'database', 'main'],
    // Between two servers (CI starts a second one): a database tenant keeps its strategy and changes
    // server. PostgreSQL only: embedded, this needs three tenant databases open under load (see docs).
    ...(backend === 'postgres' && cell2OnAnotherServer ? [['database', 'main', 'database', 'cell2']] : []),
  ] as Array<[Isolation, string, Isolation, string]>)(
    'moves a %s tenant on %s to %s on %s under a live writer, losing nothing',
    async (fromIso, fromCluster, toIso, toCluster) => {
      const label = `mv-${fromIso.slice(0, 2)}${toIso.slice(0, 2)}-${toCluster === 'main' ? 'm' : 'c'}`;
      const moving = await populated(label, fromIso, fromCluster, 200);
      const bystander = await populated(`${label}-by`, fromIso, fromCluster, 20);
      // A run started with no input: its input is the JSON null, which the move must not make an SQL NULL.
      const flow = await app.inject({
        method: 'PUT',
        url: '/v1/workflows/later',
        headers: { authorization: `Bearer ${moving.key}` },
        payload: { steps: [{ id: 'wait', kind: 'delay', with: { ms: 10 } }] },
      });
      expect(flow.statusCode, flow.body).toBe(201);
      const run = await asKey(moving.key, 'POST', '/v1/workflows/later/runs');
      expect(run.statusCode, run.body).toBe(202);

      // The writer: creates and changes records until told to stop; every acknowledged write is kept.
      const acked = new Map(moving.acked.map((r) => [r.id, r.data]));
      const errors: string[] = [];
      const extras: Array<{ collection: string; id: string; data: unknown }> = [];
      let stop = false;
      let writes = 0;
      const writer = (async () => {
        for (let i = 0; !stop; i++) {
          const created = await asKey(moving.key, 'POST', '/v1/collections/items/records', { data: { n: 10_000 + i, text: `live ${i}` } });
          if (created.statusCode !== 201) errors.push(`create ${created.statusCode} ${created.body}`);
          else acked.set(created.json().id, created.json().data);
          const target = moving.acked[i % moving.acked.length]!;
          const changed = await asKey(moving.key, 'PATCH', `/v1/collections/items/records/${target.id}`, { data: { text: `changed ${i}` } });
          if (changed.statusCode !== 200) errors.push(`patch ${changed.statusCode} ${changed.body}`);
          else acked.set(target.id, changed.json().data);
          if (i % 25 === 0) {
            // A collection made mid-move, with a record in it: its rows reference a parent the bulk
            // copy may already have passed.
            const made = await asKey(moving.key, 'POST', '/v1/collections', { name: `extra${i}` });
            const rec = await asKey(moving.key, 'POST', `/v1/collections/extra${i}/records`, { data: { i } });
            if (made.statusCode !== 201 || rec.statusCode !== 201) errors.push(`extra ${made.statusCode} ${made.body} ${rec.statusCode} ${rec.body}`);
            else extras.push({ collection: `extra${i}`, id: rec.json().id, data: rec.json().data });
          }
          const seen = await asKey(bystander.key, 'GET', '/v1/collections/items/records?limit=5');
          if (seen.statusCode !== 200) errors.push(`bystander ${seen.statusCode} ${seen.body}`);
          writes++;
        }
      })();
      await new Promise((r) => setTimeout(r, 100));

      const res = await admin('POST', `/v1/tenants/${moving.id}/move`, { isolation: toIso, cluster: toCluster });
      expect(res.statusCode, res.body).toBe(202);
      expect(res.headers.location).toBe(`/v1/operations/${res.json().id}`);
      const op = await finished(res.json().id);
      // Keep writing a little at the new place, then stop.
      await new Promise((r) => setTimeout(r, 100));
      stop = true;
      await writer;
      expect(op, JSON.stringify(op)).toMatchObject({ status: 'succeeded', kind: 'move', progress: { done: 5, total: 5 } });
      expect(errors, errors.join('\n')).toEqual([]);
      expect(writes).toBeGreaterThan(0);

      expect(await t.tenants.get(moving.id)).toMatchObject({ isolation: toIso, cluster: toCluster, status: 'active' });
      const runAfter = await asKey(moving.key, 'GET', `/v1/runs/${run.json().id}`);
      expect(runAfter.statusCode, runAfter.body).toBe(200);
      expect(runAfter.json()).toMatchObject({ id: run.json().id, input: null });
      const now = await allRecords(moving.key);
      expect(now.size).toBe(acked.size);
      for (const [id, data] of acked) expect(now.get(id), id).toEqual(data);
      expect(extras.length).toBeGreaterThan(0);
      for (const x of extras) expect((await asKey(moving.key, 'GET', `/v1/collections/${x.collection}/records/${x.id}`)).json().data).toEqual(x.data);
      // Its index came along: a filter on it answers at once.
      expect(
        (await asKey(moving.key, 'GET', `/v1/collections/items/records?filter=${encodeURIComponent('{"n":{"$gte":195}}')}`)).json().items.length,
      ).toBeGreaterThanOrEqual(5);
      // The tenant beside it is untouched and cannot see the moved one's records.
      expect((await allRecords(bystander.key)).size).toBe(20);
      expect((await asKey(bystander.key, 'GET', `/v1/collections/items/records/${moving.acked[0]!.id}`)).statusCode).toBe(404);

      // The old place is gone.
      const router = routerOf(t);
      const main = router.cluster(fromCluster).main;
      const names = router.names;
      if (fromIso === 'pooled') {
        const { rows } = await adminQuery<{ n: number }>(main, `select count(*)::int as n from tenant_pool.records where tenant_id = $1`, [moving.id]);
        expect(rows[0]!.n).toBe(0);
      } else if (fromIso === 'schema') {
        const { rows } = await adminQuery<{ n: number }>(main, 'select count(*)::int as n from pg_namespace where nspname = $1', [
          names.schemaTenant(moving.id).schema,
        ]);
        expect(rows[0]!.n).toBe(0);
      } else {
        const { database, role } = names.databaseTenant(moving.id);
        expect(
          await router.openTenantDatabase(fromCluster, database, role).then(
            (h) => (h.release(), true),
            () => false,
          ),
        ).toBe(false);
      }
    },
  );

  it('refuses moves that make no sense, naming why, and changes nothing', async () => {
    const { id } = await populated('mv-refuse', 'pooled', 'main', 1);
    for (const [body, status, code] of [
      [{ isolation: 'pooled' }, 400, 'validation_failed'],
      [{ isolation: 'sideways' }, 400, 'validation_failed'],
      [{ cluster: 'mars' }, 400, 'unknown_cluster'],
      [{}, 400, 'validation_failed'],
      [{ isolation: 'schema', extra: 1 }, 400, 'validation_failed'],
    ] as Array<[object, number, string]>) {
      const res = await admin('POST', `/v1/tenants/${id}/move`, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(status);
      expect(res.json().code, JSON.stringify(body)).toBe(code);
    }
    expect((await admin('POST', `/v1/tenants/${tenantId('nobody')}/move`, { isolation: 'schema' })).json()).toMatchObject({
      status: 404,
      code: 'tenant_not_found',
    });
    expect(await t.tenants.get(id)).toMatchObject({ isolation: 'pooled', cluster: 'main' });
  });

  it('resumes a move whose process died after the switch, and one that died while copying', async () => {
    await t.operations.stop();
    // Died after the switch, before the catalog recorded it: the fence says new, the catalog old.
    const a = await populated('mv-died-sw', 'schema', 'main', 50);
    const opA = (await t.tenants.requestMove(a.id, { isolation: 'pooled' })).operation;
    const p = opA.params as { generation: number; to: { isolation: Isolation; cluster: string; placementEpoch: number } };
    const from = await t.tenants.get(a.id);
    const to = { id: a.id, generation: p.generation, isolation: p.to.isolation, cluster: p.to.cluster, placementEpoch: p.to.placementEpoch };
    await t.storage.prepareMoveTarget(from, to, t.migrations);
    await t.storage.copyTenant(from, to, async () => {});
    await t.storage.switchPlacement(from, to, to.placementEpoch);
    // Died while copying: half a copy at the new place.
    const b = await populated('mv-died-cp', 'pooled', 'main', 50);
    const opB = (await t.tenants.requestMove(b.id, { isolation: 'database' })).operation;
    const pb = opB.params as { to: { isolation: Isolation; cluster: string; placementEpoch: number } };
    const fromB = await t.tenants.get(b.id);
    const toB = { id: b.id, generation: fromB.generation, isolation: pb.to.isolation, cluster: pb.to.cluster, placementEpoch: pb.to.placementEpoch };
    await t.storage.prepareMoveTarget(fromB, toB, t.migrations);
    let copied = 0;
    await expect(
      t.storage.copyTenant(fromB, toB, async ({ done }) => {
        copied = done;
        if (done >= 20) throw new Error('the process died');
      }),
    ).rejects.toThrow(/died/);
    expect(copied).toBeGreaterThan(0);
    const control = routerOf(t).controlCluster.main;
    for (const op of [opA, opB]) {
      await adminQuery(
        control,
        `update tenantry.operations set status = 'running', lease_owner = 'dead', lease_until = now() - interval '1 second', attempts = 1 where id = $1`,
        [op.id],
      );
    }
    // Meanwhile tenant A waits (its scopes find the old place closed and the catalog not yet moved).
    const waiting = asKey(a.key, 'GET', '/v1/collections/items/records?limit=1');
    t.operations.start();
    expect(await finished(opA.id)).toMatchObject({ status: 'succeeded', attempts: 2 });
    expect(await finished(opB.id)).toMatchObject({ status: 'succeeded', attempts: 2 });
    expect((await waiting).statusCode).toBe(200);
    expect(await t.tenants.get(a.id)).toMatchObject({ isolation: 'pooled' });
    expect(await t.tenants.get(b.id)).toMatchObject({ isolation: 'database' });
    for (const x of [a, b]) {
      const now = await allRecords(x.key);
      expect(now.size).toBe(50);
      for (const r of x.acked) expect(now.get(r.id)).toEqual(r.data);
    }
  });

  it('refuses two cluster names for one database, which a move would empty (PostgreSQL; embedded clusters are always apart)', async () => {
    const places = await t.storage.clusterPlaces();
    expect(new Set(places.map((p) => `${p.server}/${p.database}`)).size).toBe(places.length);
    const main = env.config.clusters[0]!;
    if (main.url) {
      // The same database under a second name — here literally, in real life an alias of the host.
      const config = { ...env.config, clusters: [main, { name: 'alias', url: main.url }] };
      await expect(Tenantry.open({ config, onError: () => {} })).rejects.toThrow(/clusters 'main' and 'alias' are the same database/);
    } else {
      expect(places.every((p) => p.server.startsWith('embedded:'))).toBe(true);
    }
  });

  it('chooses an epoch past any switch a failed move left, so a second move copies from the frozen place and loses nothing', async () => {
    await t.operations.stop();
    const x = await populated('mv-second', 'schema', 'main', 30);
    // A first move switched the fences and then failed for good (catalog not recorded): the tenant waits.
    const first = (await t.tenants.requestMove(x.id, { isolation: 'database' })).operation;
    const pf = first.params as { generation: number; to: { isolation: Isolation; cluster: string; placementEpoch: number } };
    const from = await t.tenants.get(x.id);
    const firstTo = { id: x.id, generation: pf.generation, ...pf.to };
    await t.storage.prepareMoveTarget(from, firstTo, t.migrations);
    await t.storage.copyTenant(from, firstTo, async () => {});
    await t.storage.switchPlacement(from, firstTo, firstTo.placementEpoch);
    await adminQuery(routerOf(t).controlCluster.main, `update tenantry.operations set status = 'failed', error = 'gave up' where id = $1`, [first.id]);
    // The operator asks again, for another place: the new move's epoch is past the fence's.
    const second = (await t.tenants.requestMove(x.id, { isolation: 'pooled' })).operation;
    expect((second.params as { to: { placementEpoch: number } }).to.placementEpoch).toBe(firstTo.placementEpoch + 1);
    t.operations.start();
    expect(await finished(second.id)).toMatchObject({ status: 'succeeded' });
    expect(await t.tenants.get(x.id)).toMatchObject({ isolation: 'pooled' });
    const now = await allRecords(x.key);
    expect(now.size).toBe(30);
    for (const r of x.acked) expect(now.get(r.id)).toEqual(r.data);
  });

  it('a deletion resumed after its tenant was made again leaves the new one alone, and no new pooled tenant sees an old one’s rows', async () => {
    await t.operations.stop();
    const d = await populated('mv-recreate', 'pooled', 'main', 5);
    const { operation } = await t.tenants.requestDelete(d.id);
    // The deletion got as far as removing the catalog row, then its process died; the id is made again.
    await t.tenants.delete(d.id);
    await t.tenants.create({ id: d.id, isolation: 'pooled' });
    const { admin: fresh } = await issueKeys(app, ADMIN, d.id, ['admin']);
    expect((await asKey(fresh, 'POST', '/v1/collections', { name: 'mine' })).statusCode).toBe(201);
    await adminQuery(
      routerOf(t).controlCluster.main,
      `update tenantry.operations set status = 'running', lease_owner = 'dead', lease_until = now() - interval '1 second', attempts = 1 where id = $1`,
      [operation.id],
    );
    t.operations.start();
    expect(await finished(operation.id)).toMatchObject({ status: 'succeeded' });
    expect(await t.tenants.get(d.id)).toMatchObject({ status: 'active' });
    expect((await asKey(fresh, 'GET', '/v1/collections')).json().items.map((c: { name: string }) => c.name)).toEqual(['mine']);
    await t.tenants.delete(d.id);
    // Rows of the id left in the pool (a move that could not tidy up) are cleared when the id is made again.
    await adminQuery(routerOf(t).cluster('main').main, `insert into tenant_pool.collections (tenant_id, name) values ($1, 'items')`, [d.id]);
    await adminQuery(
      routerOf(t).cluster('main').main,
      `insert into tenant_pool.records (tenant_id, collection, id, data) values ($1, 'items', gen_random_uuid(), '{"old": true}')`,
      [d.id],
    );
    await t.tenants.create({ id: d.id, isolation: 'pooled' });
    const { admin: key } = await issueKeys(app, ADMIN, d.id, ['admin']);
    expect((await asKey(key, 'GET', '/v1/collections')).json().items).toEqual([]);
    expect((await asKey(key, 'GET', '/v1/collections/items/records')).statusCode).toBe(404);
  });

  // A move's process killed outright (SIGKILL: no chance to give anything back) mid-way; another
  // process resumes it once the lease runs out. Two processes on one database: PostgreSQL only (an
  // embedded data directory is one process's).
  if (backend === 'postgres') {
    it('resumes a move whose process was killed with SIGKILL, and loses nothing', async () => {
      const k = await populated('mv-sigkill', 'pooled', 'main', 20);
      const main = routerOf(t).cluster('main').main;
      // Enough rows that the copy takes a few seconds: the kill lands while it runs (or thereabouts —
      // any step must resume), even when this process, loaded, reads the child's "copying" late (with
      // 30,000 rows a loaded run once saw the move finished before the kill; 60,000 take ~4 s more).
      await adminQuery(
        main,
        `insert into tenant_pool.records (tenant_id, collection, id, data) select $1, 'items', gen_random_uuid(), jsonb_build_object('n', g) from generate_series(1, 60000) g`,
        [k.id],
      );
      const before = (await adminQuery<{ n: number }>(main, `select count(*)::int as n from tenant_pool.records where tenant_id = $1`, [k.id])).rows[0]!.n;
      const cli = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist/src/cli/main.js');
      const child = spawn(process.execPath, [cli, 'tenant', 'move', k.id, '--isolation', 'database'], {
        env: {
          ...process.env,
          TENANTRY_DATABASE_URL: env.config.clusters[0]!.url!,
          TENANTRY_CLUSTERS: `cell2=${env.config.clusters[1]!.url!}`,
          TENANTRY_DATA_DIR: env.config.dataDir,
          TENANTRY_MASTER_KEY: env.config.masterKey!,
          TENANTRY_OPERATION_LEASE_MS: '1500',
          TENANTRY_LOG_LEVEL: 'warn',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      const exited = new Promise((resolve) => child.once('exit', resolve));
      await new Promise<void>((resolve, reject) => {
        child.stdout!.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          if (/copying/.test(out)) resolve();
        });
        void exited.then(() => reject(new Error(`the move ended before it was killed:\n${out}`)));
      });
      child.kill('SIGKILL');
      await exited;
      const [op] = await t.operations.list({ tenantId: k.id, kind: ['move'], limit: 1 });
      expect(op).toMatchObject({ status: 'running', attempts: 1 });
      t.operations.start();
      expect(await finished(op!.id)).toMatchObject({ status: 'succeeded', attempts: 2 });
      expect(await t.tenants.get(k.id)).toMatchObject({ isolation: 'database' });
      const now = await allRecords(k.key);
      expect(now.size).toBe(before);
      for (const r of k.acked) expect(now.get(r.id)).toEqual(r.data);
      expect((await adminQuery<{ n: number }>(main, `select count(*)::int as n from tenant_pool.records where tenant_id = $1`, [k.id])).rows[0]!.n).toBe(0);
    });
  }
});
