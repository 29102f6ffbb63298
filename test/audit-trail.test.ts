/**
 * The audit trail: every write of the data plane leaves exactly one entry in its tenant's hash chain,
 * committed with the write (an aborted write leaves none); the control plane's writes and failed
 * authentications go to the platform's chain; verification names the first entry altered, removed or
 * reordered by the database owner; the application role can only append; a tenant sees only its own.
 */
import { PassThrough } from 'node:stream';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type TenantryApp } from '../src/api/app.js';
import { isControlPlane } from '../src/api/openapi.js';
import { runCli } from '../src/cli/main.js';
import type { TenantryConfig } from '../src/config.js';
import canonicalizeModule from 'canonicalize';
import { canonicalEntry, chainHash, GENESIS, type AuditEntry, type AuditRecord } from '../src/audit/chain.js';
import { adminTransaction } from '../src/storage/backends/backend.js';
import { routerOf } from '../src/storage/internals.js';
import { quoteIdent, quoteLiteral } from '../src/storage/names.js';
import type { Tenantry } from '../src/tenantry.js';
import { backend, createTestEnv, tenantId, type TestEnv } from './support/harness.js';
import { bearer, callerAs, send } from './support/http.js';
import { issueKeys } from './support/keys.js';
import { STRATEGIES } from './support/placements.js';
import { routeTable } from './support/routes.js';

const ADMIN = 'admin-token-audit-tests';

async function cli(config: TenantryConfig, ...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const streams = [new PassThrough(), new PassThrough()] as const;
  const text = streams.map((stream) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    return () => Buffer.concat(chunks).toString('utf8');
  });
  const code = await runCli(argv, { stdout: streams[0], stderr: streams[1], env: {}, config });
  return { code, stdout: text[0]!(), stderr: text[1]!() };
}
type Role = 'admin' | 'member' | 'viewer';

describe(`audit trail (${backend})`, () => {
  let env: TestEnv;
  let t: Tenantry;
  let app: TenantryApp;
  const A = tenantId('aud-a');
  const B = tenantId('aud-b');
  const placed: Record<string, string> = {};
  const keys: Record<string, Record<Role, string>> = {};
  const call = callerAs(() => app, keys);

  const entries = async (id: string, query = ''): Promise<AuditRecord[]> => {
    const res = await call(id, 'admin', 'GET', `/v1/audit?limit=500${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().items;
  };
  const verify = async (id: string) => (await call(id, 'admin', 'GET', '/v1/audit/verify')).json();

  /** Run `statement` (`$schema`: the tenant's schema, `$tenant`: its id) as the owner of the tenant's location. */
  const asOwner = async (id: string, statement: string) => {
    const location = await routerOf(t).open((await t.catalog.getFresh(id))!);
    try {
      await adminTransaction(location.db, async (conn) => {
        await conn.query(`select set_config('tenantry.tenant_id', $1, true)`, [id]);
        await conn.exec(statement.replaceAll('$schema', quoteIdent(location.names.schema)).replaceAll('$tenant', quoteLiteral(id)));
      });
    } finally {
      location.release();
    }
  };

  beforeAll(async () => {
    env = await createTestEnv();
    t = await env.open();
    app = await buildApp({ tenantry: t, adminToken: ADMIN, cursorSecret: 'c' });
    for (const id of [A, B]) {
      await t.tenants.create({ id, isolation: 'pooled' });
      await t.tenants.update(id, { limits: { requestsPerMinute: 1_000_000 } });
      keys[id] = await issueKeys(app, ADMIN, id, ['admin', 'member', 'viewer']);
    }
    for (const isolation of STRATEGIES) {
      placed[isolation] = tenantId(`aud-${isolation.slice(0, 2)}`);
      await t.tenants.create({ id: placed[isolation], isolation });
      keys[placed[isolation]] = await issueKeys(app, ADMIN, placed[isolation], ['admin', 'member', 'viewer']);
    }
  });
  afterAll(async () => {
    await app?.close();
    await env?.cleanup();
  });

  it("an entry is hashed as its RFC 8785 canonical JSON: the direct writing of the usual shape gives the library's text exactly", () => {
    // The chains already written (and exported) were hashed over canonicalize's output: any difference
    // would make verify report them broken.
    const canonicalize = canonicalizeModule as unknown as (input: unknown) => string;
    const base: AuditEntry = {
      at: '2026-12-02T06:00:00.123Z',
      actor: 'key:0190a1b2',
      action: 'POST /v1/collections/{name}/records',
      target: '/v1/collections/items/records',
      tenant: 't1',
      requestId: 'req-1',
      outcome: 'success',
      detail: null,
    };
    const odd = 'quote " backslash \\ nl \n tab \t ctl \u0001 ls \u2028 é 😀 lone \ud800 <>&';
    const entries: AuditEntry[] = [
      base,
      { ...base, target: null, tenant: null, requestId: null },
      { ...base, actor: odd, action: odd, target: odd, requestId: odd, outcome: odd, tenant: odd },
      { ...base, detail: { z: 1, a: [3, 'b', null, { y: 1.5, x: -0 }], m: { '\u00e9': true, e: false }, n: 1e21, s: odd } },
      { ...base, detail: {} },
    ];
    for (const entry of entries) {
      const { at, actor, action, target, tenant, requestId, outcome, detail } = entry;
      expect(canonicalEntry(entry)).toBe(canonicalize({ at, actor, action, target, tenant, requestId, outcome, detail }));
    }
    // Another shape (a member missing) takes the library's way, and still agrees with it.
    const partial = { ...base, detail: undefined } as unknown as AuditEntry;
    expect(canonicalEntry(partial)).toBe(canonicalize({ ...base, detail: undefined }));
  });

  it('every write route of the data plane leaves exactly one entry, naming the actor, action, target and request id', async () => {
    // [role, method, route (the action), path ({…} of earlier answers filled in), body]
    const steps: Array<[Role, string, string, string, unknown?]> = [
      ['admin', 'POST', '/v1/collections', '/v1/collections', { name: 'people' }],
      ['admin', 'PATCH', '/v1/collections/{name}', '/v1/collections/people', { indexes: ['x'] }],
      ['member', 'POST', '/v1/collections/{name}/records', '/v1/collections/people/records', { data: { x: 1, price: 10 } }],
      [
        'member',
        'POST',
        '/v1/collections/{name}/records/bulk',
        '/v1/collections/people/records/bulk',
        { records: Array.from({ length: 20 }, (_, i) => ({ data: { x: i, price: 3 * i + 1 } })) },
      ],
      ['member', 'PUT', '/v1/collections/{name}/records/{id}', '/v1/collections/people/records/{record}', { data: { x: 2, price: 7 } }],
      ['member', 'PATCH', '/v1/collections/{name}/records/{id}', '/v1/collections/people/records/{record}', { data: { price: 8 } }],
      ['member', 'POST', '/v1/models', '/v1/models', { name: 'prices', kind: 'regression', collection: 'people', features: ['x'], target: 'price' }],
      ['member', 'POST', '/v1/models/{name}/train', '/v1/models/prices/train'],
      ['admin', 'PUT', '/v1/workflows/{name}', '/v1/workflows/nightly', { steps: [{ id: 'wait', kind: 'delay', with: { ms: 60_000 } }] }],
      ['member', 'POST', '/v1/workflows/{name}/runs', '/v1/workflows/nightly/runs', {}],
      ['member', 'POST', '/v1/runs/{id}/cancel', '/v1/runs/{run}/cancel'],
      ['admin', 'DELETE', '/v1/workflows/{name}', '/v1/workflows/nightly'],
      ['admin', 'PATCH', '/v1/tenant/settings', '/v1/tenant/settings', { features: { beta: true } }],
      ['admin', 'POST', '/v1/api-keys', '/v1/api-keys', { name: 'ci', role: 'viewer' }],
      ['admin', 'POST', '/v1/api-keys/{id}/rotate', '/v1/api-keys/{key}/rotate', { overlapSeconds: 0 }],
      ['admin', 'DELETE', '/v1/api-keys/{id}', '/v1/api-keys/{key}'],
      ['member', 'DELETE', '/v1/collections/{name}/records/{id}', '/v1/collections/people/records/{record}'],
      ['admin', 'DELETE', '/v1/collections/{name}', '/v1/collections/people'],
    ];
    const ids: Record<string, string> = {};
    const done: Array<{ action: string; target: string; requestId: string; role: Role }> = [];
    for (const [role, method, route, template, body] of steps) {
      const path = template.replace(/\{(\w+)\}/g, (_, name: string) => ids[name]!);
      const requestId = `req-${done.length}-${Math.random().toString(36).slice(2)}`;
      const res = await send(app, method, path, body, { ...bearer(keys[A]![role]), 'x-request-id': requestId });
      expect(res.statusCode, `${method} ${path}: ${res.body}`).toBeLessThan(300);
      const answer = res.statusCode === 204 ? {} : res.json();
      if (route === '/v1/collections/{name}/records') ids.record = answer.id;
      if (route === '/v1/workflows/{name}/runs') ids.run = answer.id;
      if (route === '/v1/api-keys') ids.key = answer.id;
      done.push({ action: `${method} ${route}`, target: path, requestId, role });
    }
    await app.models.idle();
    const trail = await entries(A);
    expect(trail.map((e) => [e.action, e.target, e.requestId])).toEqual(done.map((d) => [d.action, d.target, d.requestId]));
    const actorOf = (token: string) => `key:${token.split('_')[1]}`;
    expect(trail.map((e) => e.actor)).toEqual(done.map((d) => actorOf(keys[A]![d.role])));
    expect(trail.every((e) => e.outcome === 'success' && e.tenant === A)).toBe(true);
    expect(trail.map((e) => e.seq)).toEqual(trail.map((_, i) => i + 1));

    // The scenario covers every write route the data plane serves (a new route must join it), but the
    // POSTs that only read.
    const writes = routeTable(app)
      .filter((r) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(r.method) && r.path.startsWith('/v1/') && !isControlPlane(r.path))
      .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`)
      .filter((a) => !/\/(predict|recommend)$/.test(a));
    expect([...new Set(done.map((d) => d.action))].sort()).toEqual([...new Set(writes)].sort());

    // Reads, and POSTs that only read, leave nothing.
    await call(A, 'viewer', 'GET', '/v1/collections');
    await call(A, 'viewer', 'GET', '/v1/tenant');
    expect(await entries(A)).toHaveLength(trail.length);
    // The chain holds, and its hashes are sha256(previous || RFC 8785 JSON of the entry).
    expect(await verify(A)).toMatchObject({ ok: true, entries: trail.length, firstBroken: null, head: { seq: trail.length } });
    let previous: Buffer = GENESIS;
    for (const entry of trail) {
      previous = chainHash(previous, entry);
      expect(previous.toString('hex')).toBe(entry.hash);
    }
  });

  it('an aborted write leaves no entry; filters and cursors page through the trail', async () => {
    const before = (await entries(B)).length;
    expect((await call(B, 'admin', 'POST', '/v1/collections', { name: 'things', schema: { type: 'object', required: ['n'] } })).statusCode).toBe(201);
    // Refused by the schema, by a missing collection, by a conflict, by a role: nothing recorded.
    expect((await call(B, 'member', 'POST', '/v1/collections/things/records', { data: { other: 1 } })).statusCode).toBe(400);
    expect((await call(B, 'member', 'POST', '/v1/collections/nothing/records', { data: { n: 1 } })).statusCode).toBe(404);
    expect((await call(B, 'admin', 'POST', '/v1/collections', { name: 'things' })).statusCode).toBe(409);
    expect((await call(B, 'viewer', 'POST', '/v1/collections/things/records', { data: { n: 1 } })).statusCode).toBe(403);
    // A bulk write failing in the database after its statement began (a duplicate in one batch is
    // impossible; a quota is the database's refusal) leaves neither records nor an entry.
    await t.tenants.update(B, { limits: { requestsPerMinute: 1_000_000, maxRecords: 3 } });
    const bulk = await call(B, 'member', 'POST', '/v1/collections/things/records/bulk', { records: [1, 2, 3, 4].map((n) => ({ data: { n } })) });
    expect(bulk.statusCode).toBe(403);
    expect((await entries(B)).slice(before).map((e) => e.action)).toEqual(['POST /v1/collections']);
    for (let n = 0; n < 3; n++) expect((await call(B, 'member', 'POST', '/v1/collections/things/records', { data: { n } })).statusCode).toBe(201);
    const all = await entries(B);
    expect(all.length).toBe(before + 4);
    // Filters: by action, by actor, by time; a cursor bound to its filters.
    const creates = await entries(B, `&action=${encodeURIComponent('POST /v1/collections/{name}/records')}`);
    expect(creates).toHaveLength(3);
    const member = `key:${keys[B]!.member.split('_')[1]}`;
    expect((await entries(B, `&actor=${encodeURIComponent(member)}`)).map((e) => e.seq)).toEqual(creates.map((e) => e.seq));
    expect(await entries(B, `&from=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`)).toEqual([]);
    const first = (await call(B, 'admin', 'GET', '/v1/audit?limit=2')).json();
    expect(first.items).toHaveLength(2);
    const second = (await call(B, 'admin', 'GET', `/v1/audit?limit=2&cursor=${encodeURIComponent(first.nextCursor)}`)).json();
    expect(second.items[0].seq).toBe(3);
    expect((await call(B, 'admin', 'GET', `/v1/audit?limit=2&action=x&cursor=${encodeURIComponent(first.nextCursor)}`)).statusCode).toBe(400);
    // The trail is the admin role's, and each tenant's own: B's cursor means nothing to A.
    expect((await call(B, 'member', 'GET', '/v1/audit')).statusCode).toBe(403);
    expect((await call(A, 'admin', 'GET', `/v1/audit?limit=2&cursor=${encodeURIComponent(first.nextCursor)}`)).statusCode).toBe(400);
    expect((await entries(A)).every((e) => e.tenant === A)).toBe(true);
    expect((await send(app, 'GET', `/t/${B}/v1/audit`, undefined, bearer(keys[A]!.admin))).statusCode).toBe(403);
  });

  it("a schedule's run and a workflow step's records are audited with their writes; another tenant's trail sees neither", async () => {
    const before = (await entries(A)).length;
    const otherBefore = await entries(B);
    expect((await call(A, 'admin', 'POST', '/v1/collections', { name: 'wf_out' })).statusCode).toBe(201);
    const steps = [{ id: 'save', kind: 'records.write', with: { collection: 'wf_out', records: [{ n: 1 }, { n: 2 }] } }];
    expect((await call(A, 'admin', 'PUT', '/v1/workflows/copy', { steps })).statusCode).toBe(201);
    // Its schedule's slot is overdue (written to the control plane by hand, as a definition's would be).
    await app.workflows.queue.setSchedule(await t.tenants.get(A), 'copy', { cron: '0 0 1 1 *', timezone: 'UTC', nextAt: new Date(Date.now() - 60_000) });
    const runs = () => t.withTenant(A, (s) => s.db.selectFrom('runs').select(['id', 'status', 'trigger']).where('workflow', '=', 'copy').execute());
    app.workflows.startEngine({ concurrency: 2, pollMs: 10, scheduleTickMs: 50 });
    try {
      for (const until = Date.now() + 20_000; (await runs()).find((r) => r.status === 'succeeded') === undefined;) {
        if (Date.now() > until) throw new Error(`the scheduled run did not finish: ${JSON.stringify(await runs())}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    } finally {
      await app.workflows.stopEngine();
    }
    const [run] = await runs();
    expect(run).toMatchObject({ trigger: 'schedule', status: 'succeeded' });
    const added = (await entries(A)).slice(before);
    expect(added.map((e) => [e.actor, e.action, e.target])).toEqual([
      [`key:${keys[A]!.admin.split('_')[1]}`, 'POST /v1/collections', '/v1/collections'],
      [`key:${keys[A]!.admin.split('_')[1]}`, 'PUT /v1/workflows/{name}', '/v1/workflows/copy'],
      ['schedule:copy', 'workflows.run', '/v1/workflows/copy/runs'],
      [`workflow:copy/run/${run!.id}/step/save`, 'records.write', '/v1/collections/wf_out/records'],
    ]);
    expect(added[3]!.detail).toEqual({ records: 2 });
    expect(await verify(A)).toMatchObject({ ok: true, firstBroken: null, entries: before + 4 });
    // The other tenant's trail is as it was.
    expect(await entries(B)).toEqual(otherBefore);
    expect((await call(B, 'admin', 'GET', `/v1/audit?actor=${encodeURIComponent('schedule:copy')}`)).json().items).toEqual([]);
  });

  for (const isolation of STRATEGIES) {
    it(`${isolation}: verify names the row the owner altered, removed or reordered; the application role cannot change the trail`, async () => {
      const id = placed[isolation]!;
      expect((await call(id, 'admin', 'POST', '/v1/collections', { name: 'c' })).statusCode).toBe(201);
      for (let n = 0; n < 5; n++) expect((await call(id, 'member', 'POST', '/v1/collections/c/records', { data: { n } })).statusCode).toBe(201);
      expect(await verify(id)).toMatchObject({ ok: true, entries: 6 });

      // The application role (a tenant scope) may append, never change or remove.
      for (const statement of [sql`UPDATE audit_log SET actor = 'someone'`, sql`DELETE FROM audit_log`, sql`TRUNCATE audit_log`]) {
        await expect(t.withTenant(id, (s) => statement.execute(s.db))).rejects.toThrow(/permission denied|append-only|must be owner/);
      }
      expect(await verify(id)).toMatchObject({ ok: true, entries: 6 });

      // (The owner may be a superuser, whom row-level security does not filter: each statement names the tenant.)
      await asOwner(id, `UPDATE $schema.audit_log SET actor = 'key:someone-else' WHERE tenant_id = $tenant AND seq = 4`);
      expect(await verify(id)).toMatchObject({ ok: false, entries: 3, firstBroken: { seq: 4, reason: expect.stringMatching(/altered/) } });
      const cli = await app.inject({ method: 'GET', url: `/v1/tenants/${id}/audit/verify`, headers: bearer(ADMIN) });
      expect(cli.json()).toMatchObject({ ok: false, firstBroken: { seq: 4 } });
      await asOwner(
        id,
        `UPDATE $schema.audit_log SET actor = (SELECT actor FROM $schema.audit_log WHERE tenant_id = $tenant AND seq = 5) WHERE tenant_id = $tenant AND seq = 4`,
      );
      expect(await verify(id)).toMatchObject({ ok: true });

      // Reordered: entries 2 and 3 swap places.
      const SWAP = `UPDATE $schema.audit_log SET seq = -2 WHERE tenant_id = $tenant AND seq = 2;
         UPDATE $schema.audit_log SET seq = 2 WHERE tenant_id = $tenant AND seq = 3;
         UPDATE $schema.audit_log SET seq = 3 WHERE tenant_id = $tenant AND seq = -2`;
      await asOwner(id, SWAP);
      expect(await verify(id)).toMatchObject({ ok: false, firstBroken: { seq: 2 } });
      await asOwner(id, SWAP);
      expect(await verify(id)).toMatchObject({ ok: true });

      // Removed: in the middle, then at the end.
      await asOwner(id, `DELETE FROM $schema.audit_log WHERE tenant_id = $tenant AND seq = 6`);
      expect(await verify(id)).toMatchObject({ ok: false, firstBroken: { seq: 6, reason: expect.stringMatching(/missing/) } });
      await asOwner(id, `DELETE FROM $schema.audit_log WHERE tenant_id = $tenant AND seq = 3`);
      expect(await verify(id)).toMatchObject({ ok: false, entries: 2, firstBroken: { seq: 3, reason: expect.stringMatching(/missing/) } });
    });
  }

  it('control-plane writes and failed authentications go to the platform trail, which verifies', async () => {
    const id = tenantId('aud-ctl');
    expect((await send(app, 'POST', '/v1/tenants', { id }, bearer(ADMIN))).statusCode).toBe(201);
    expect((await send(app, 'PATCH', `/v1/tenants/${id}`, { name: 'Renamed' }, bearer(ADMIN))).statusCode).toBe(200);
    expect((await send(app, 'POST', `/v1/tenants/${id}/api-keys`, { name: 'k', role: 'admin' }, bearer(ADMIN))).statusCode).toBe(201);
    expect((await send(app, 'POST', `/v1/tenants/${id}/suspend`, undefined, bearer(ADMIN))).statusCode).toBe(200);
    expect((await send(app, 'PATCH', `/v1/tenants/${id}`, { tier: 'nope' }, bearer(ADMIN))).statusCode).toBe(400);
    // A flood of bad credentials: counted, not one entry each.
    for (let i = 0; i < 30; i++) expect((await send(app, 'GET', '/v1/collections', undefined, bearer(`tnty_nokey${i}_bad`))).statusCode).toBe(401);
    expect((await send(app, 'GET', '/v1/tenants', undefined, bearer('wrong-admin-token'))).statusCode).toBe(401);
    // A wrong admin token on /metrics is a failure of the control plane's credential too.
    expect((await send(app, 'GET', '/metrics', undefined, bearer('wrong-admin-token'))).statusCode).toBe(401);
    await t.platformAudit.flush();

    const page = await send(app, 'GET', `/v1/platform/audit?tenant=${id}`, undefined, bearer(ADMIN));
    expect(page.statusCode, page.body).toBe(200);
    expect(page.json().items.map((e: AuditRecord) => [e.action, e.actor, e.outcome])).toEqual([
      ['POST /v1/tenants', 'admin', 'success'],
      ['PATCH /v1/tenants/{id}', 'admin', 'success'],
      ['POST /v1/tenants/{id}/api-keys', 'admin', 'success'],
      ['POST /v1/tenants/{id}/suspend', 'admin', 'success'],
    ]);
    const failed: AuditRecord[] = (await send(app, 'GET', '/v1/platform/audit?action=auth.failed', undefined, bearer(ADMIN))).json().items;
    const data = failed.filter((e) => e.target === 'data');
    expect(data.reduce((n, e) => n + (e.detail!.count as number), 0)).toBeGreaterThanOrEqual(30);
    expect(data.length).toBeLessThanOrEqual(2); // one per minute (the flood may straddle a minute)
    expect(failed.filter((e) => e.target === 'control').reduce((n, e) => n + (e.detail!.count as number), 0)).toBeGreaterThanOrEqual(2);
    expect((await send(app, 'GET', '/v1/platform/audit/verify', undefined, bearer(ADMIN))).json()).toMatchObject({ ok: true, firstBroken: null });
    // The platform trail is the admin's: a tenant credential does not reach it.
    expect((await send(app, 'GET', '/v1/platform/audit', undefined, bearer(keys[A]!.admin))).statusCode).toBe(401);

    // Tampering needs the append-only trigger disabled first; verify then names the row.
    const control = routerOf(t).controlCluster.main;
    await expect(adminTransaction(control, (conn) => conn.query(`UPDATE tenantry.platform_audit_log SET actor = 'x' WHERE seq = 1`))).rejects.toThrow(
      /append-only/,
    );
    const seq = (page.json().items as AuditRecord[])[0]!.seq;
    await adminTransaction(control, async (conn) => {
      await conn.query('ALTER TABLE tenantry.platform_audit_log DISABLE TRIGGER platform_audit_append_only');
      await conn.query(`UPDATE tenantry.platform_audit_log SET outcome = 'denied' WHERE seq = $1`, [seq]);
      await conn.query('ALTER TABLE tenantry.platform_audit_log ENABLE TRIGGER platform_audit_append_only');
    });
    expect((await send(app, 'GET', '/v1/platform/audit/verify', undefined, bearer(ADMIN))).json()).toMatchObject({ ok: false, firstBroken: { seq } });
    await adminTransaction(control, async (conn) => {
      await conn.query('ALTER TABLE tenantry.platform_audit_log DISABLE TRIGGER platform_audit_append_only');
      await conn.query(`UPDATE tenantry.platform_audit_log SET outcome = 'success' WHERE seq = $1`, [seq]);
      await conn.query('ALTER TABLE tenantry.platform_audit_log ENABLE TRIGGER platform_audit_append_only');
    });
  });

  it('tenantry audit verify [<tenant>] reports the first broken link (exit 1) or an intact chain, as text or JSON', async () => {
    // One process owns an embedded data directory: the command line opens it after this one closed it.
    await app.close();
    await t.close();
    try {
      const broken = await cli(env.config, 'audit', 'verify', placed.pooled!, '--json');
      expect(broken.code).toBe(1);
      expect(JSON.parse(broken.stdout)).toMatchObject({ ok: false, firstBroken: { seq: 3 } });
      const text = await cli(env.config, 'audit', 'verify', placed.pooled!);
      expect(text.stdout).toMatch(/BROKEN at entry 3: entry 3 is missing/);
      expect(await cli(env.config, 'audit', 'verify', A)).toMatchObject({ code: 0, stdout: expect.stringMatching(/intact: \d+ entries/) });
      const platform = await cli(env.config, 'audit', 'verify', '--json');
      expect(platform.code).toBe(0);
      expect(JSON.parse(platform.stdout)).toMatchObject({ ok: true, firstBroken: null });
      expect((await cli(env.config, 'audit', 'verify', 'no-such-tenant')).code).toBe(1);
    } finally {
      t = await env.open();
      app = await buildApp({ tenantry: t, adminToken: ADMIN, cursorSecret: 'c' });
    }
  });
});
