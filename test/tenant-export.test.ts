/**
 * Tenant export and import (issue 13): GET /v1/tenants/{id}/export streams everything a tenant owns as
 * NDJSON; POST /v1/tenants/{id}/import restores it into an empty tenant of any strategy, all or
 * nothing. An export, imported into a tenant of another strategy and exported again, comes back line
 * for line; a damaged file changes nothing; no export or import ever reaches another tenant.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type TenantryApp } from '../src/api/app.js';
import { runCli } from '../src/cli/main.js';
import type { TenantryConfig } from '../src/config.js';
import { adminQuery } from '../src/storage/backends/backend.js';
import { routerOf } from '../src/storage/internals.js';
import type { Isolation } from '../src/storage/placement.js';
import { Services } from '../src/services.js';
import { ndjsonLines } from '../src/tenancy/export/ndjson.js';
import { Tenantry } from '../src/tenantry.js';
import { backend, createTestEnv, tenantId, type TestEnv } from './support/harness.js';
import { issueKeys } from './support/keys.js';
import { STRATEGIES } from './support/placements.js';
import { scratchRoot } from './support/scratch.js';

const ADMIN = 'admin-token-export-tests';
const NDJSON = { 'content-type': 'application/x-ndjson' };

const SCHEMA = {
  type: 'object',
  properties: { name: { type: 'string' }, age: { type: 'number' }, score: { type: 'number' }, city: { type: 'string' } },
  required: ['name', 'age'],
};

/** People whose score follows their age; names and nested values that must come back byte for byte. */
function people(n: number, owner: string): Array<{ data: Record<string, unknown> }> {
  return Array.from({ length: n }, (_, i) => ({
    data: {
      name: `${['Zoë', 'Łukasz', '李雷', 'Ada 🚀', 'O\u2019Brien "Q"\n'][i % 5]} ${i}`,
      age: 20 + ((i * 7) % 50),
      score: 3 * (20 + ((i * 7) % 50)) + (i % 3),
      city: ['paris', 'oslo', 'rome'][i % 3],
      owner,
      nested: { list: [1, 'two', { three: [null, true, false] }], empty: {}, none: null },
      big: 9007199254740991,
      huge: 1.7976931348623157e308,
      tiny: 5e-324,
      fraction: 0.1 + 0.2,
      negative: -12.5e-7,
    },
  }));
}

const WORKFLOW = {
  steps: [
    { id: 'load', kind: 'records.query', with: { collection: 'people', filter: { city: 'oslo' }, limit: 5 } },
    { id: 'count', kind: 'transform', needs: ['load'], with: { expression: '$count(steps.load.items)' } },
  ],
  schedule: { cron: '0 0 1 1 *' },
};

/** The lines of an export but its audit section (and the end line, whose counts and checksum cover it). */
const dataLines = (lines: string[]) => lines.slice(0, -1).filter((l) => JSON.parse(l).type !== 'audit');

/** An export's lines (without the final newline's empty string). */
const linesOf = (text: string) => text.split('\n').filter((l, i, all) => l !== '' || i < all.length - 1);

/** The end line made to fit `lines` again (counts and checksum), as a careful forger would. */
function reseal(lines: string[]): string {
  const body = lines.slice(1, -1);
  const counts = { collections: 0, records: 0, models: 0, modelVersions: 0, workflows: 0, runs: 0, runSteps: 0, auditEntries: 0 };
  const key = {
    audit: 'auditEntries',
    collection: 'collections',
    record: 'records',
    model: 'models',
    modelVersion: 'modelVersions',
    workflow: 'workflows',
    run: 'runs',
    runStep: 'runSteps',
  };
  for (const l of body) counts[key[JSON.parse(l).type as keyof typeof key] as keyof typeof counts]++;
  const sha256 = createHash('sha256')
    .update(body.map((l) => `${l}\n`).join(''))
    .digest('hex');
  return [lines[0]!, ...body, JSON.stringify({ type: 'end', counts, sha256 })].join('\n') + '\n';
}

describe(`tenant export and import (${backend})`, () => {
  let env: TestEnv;
  let t: Tenantry;
  let app: TenantryApp;
  const keys: Record<string, string> = {};
  let bystander: string;
  let bystanderExport: string;

  const admin = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown, headers: Record<string, string> = {}) =>
    app.inject({ method, url, headers: { authorization: `Bearer ${ADMIN}`, ...headers }, ...(payload !== undefined && { payload: payload as string }) });
  const as = (tenant: string, method: string, url: string, payload?: unknown) =>
    app.inject({
      method: method as 'GET',
      url,
      headers: { authorization: `Bearer ${keys[tenant]}` },
      ...(payload !== undefined && { payload: payload as object }),
    });
  const exportOf = async (id: string): Promise<string> => {
    const res = await admin('GET', `/v1/tenants/${id}/export`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/x-ndjson/);
    return res.body;
  };
  const importInto = (id: string, body: string) => admin('POST', `/v1/tenants/${id}/import`, body, NDJSON);
  /** The record indexes built for a tenant's collection (their indexed expressions), read as the owner. */
  const indexesOf = async (tenant: string, collection: string): Promise<string[]> => {
    const location = await routerOf(t).open((await t.catalog.get(tenant))!);
    try {
      const { rows } = await adminQuery<{ expr: string }>(
        location.db,
        `SELECT pg_get_indexdef(i.indexrelid, 1, true) AS expr FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
          WHERE c.relname LIKE 'rx\\_%' AND pg_get_expr(i.indpred, i.indrelid) LIKE $1 ORDER BY expr`,
        [`%'${tenant}'%'${collection}'%`],
      );
      return rows.map((r) => r.expr);
    } finally {
      location.release();
    }
  };
  /** The workflow schedules the control plane holds for a tenant. */
  const schedulesOf = async (tenant: string) =>
    (
      await adminQuery<{ workflow: string; cron: string }>(
        routerOf(t).controlCluster.main,
        'SELECT workflow, cron FROM tenantry.schedules WHERE tenant_id = $1',
        [tenant],
      )
    ).rows;

  /** A new empty tenant, with an admin key. */
  async function fresh(label: string, isolation: Isolation, limits: Record<string, unknown> = {}): Promise<string> {
    const id = tenantId(label);
    await t.tenants.create({ id, isolation });
    await t.tenants.update(id, { limits: { requestsPerMinute: 1_000_000, ...limits } });
    keys[id] = (await issueKeys(app, ADMIN, id, ['admin'])).admin;
    return id;
  }

  /** A tenant owning one of everything: collections (schema, indexes), records, a trained model, a scheduled workflow and a finished run. */
  async function populated(label: string, isolation: Isolation): Promise<string> {
    const id = await fresh(label, isolation);
    expect((await admin('PATCH', `/v1/tenants/${id}`, { settings: { theme: 'dark', flags: { beta: true } } })).statusCode).toBe(200);
    expect((await as(id, 'POST', '/v1/collections', { name: 'people', schema: SCHEMA, indexes: ['age', 'city'] })).statusCode).toBe(201);
    expect((await as(id, 'POST', '/v1/collections', { name: 'empty_one' })).statusCode).toBe(201);
    const bulk = await as(id, 'POST', '/v1/collections/people/records/bulk', { records: people(40, id) });
    expect(bulk.statusCode, bulk.body).toBe(201);
    const first = bulk.json().items[0].id as string;
    expect((await as(id, 'PATCH', `/v1/collections/people/records/${first}`, { data: { city: 'bergen' } })).json().version).toBe(2);
    const model = await as(id, 'POST', '/v1/models', { name: 'scores', kind: 'regression', collection: 'people', features: ['age', 'city'], target: 'score' });
    expect(model.statusCode, model.body).toBe(202);
    await app.models.idle();
    expect((await as(id, 'PUT', '/v1/workflows/oslo_count', WORKFLOW)).statusCode).toBe(201);
    const run = await as(id, 'POST', '/v1/workflows/oslo_count/runs', { input: { why: 'export test', n: [1, 2.5] } });
    expect(run.statusCode, run.body).toBe(202);
    for (let i = 0; ; i++) {
      const status = (await as(id, 'GET', `/v1/runs/${run.json().id}`)).json().status;
      if (status === 'succeeded') break;
      if (status === 'failed' || i > 400) throw new Error(`run ended ${status}`);
      await new Promise((r) => setTimeout(r, 25));
    }
    return id;
  }

  async function expectEmpty(id: string): Promise<void> {
    const text = await exportOf(id);
    const lines = linesOf(text);
    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines[0]!).counts).toEqual({
      collections: 0,
      records: 0,
      models: 0,
      modelVersions: 0,
      workflows: 0,
      runs: 0,
      runSteps: 0,
      auditEntries: 0,
    });
    expect((await as(id, 'GET', '/v1/collections')).json().items).toEqual([]);
  }

  beforeAll(async () => {
    env = await createTestEnv();
    t = await env.open();
    app = await buildApp({ tenantry: t, adminToken: ADMIN, cursorSecret: 'c' });
    app.workflows.startEngine({ concurrency: 4, pollMs: 10 });
    bystander = await populated('exp-by', 'pooled');
    bystanderExport = await exportOf(bystander);
  });

  afterAll(async () => {
    await app?.workflows.stopEngine();
    await app?.close();
    await env?.cleanup();
  });

  it.each(STRATEGIES.map((from, i) => [from, STRATEGIES[(i + 1) % STRATEGIES.length]!] as const))(
    'exports a %s tenant and imports it into a %s tenant exactly',
    async (from, to) => {
      const source = await populated(`exp-${from.slice(0, 2)}`, from);
      const text = await exportOf(source);
      const lines = linesOf(text);
      const header = JSON.parse(lines[0]!);
      expect(header).toMatchObject({
        format: 'tenantry-export',
        version: 1,
        tenant: { id: source, isolation: from, settings: { theme: 'dark', flags: { beta: true } } },
        counts: { collections: 2, records: 40, models: 1, modelVersions: 1, workflows: 1, runs: 1, runSteps: 2 },
      });
      const end = JSON.parse(lines.at(-1)!);
      expect(end).toEqual({ type: 'end', counts: header.counts, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
      expect(lines.slice(1, -1).map((l) => JSON.parse(l).type)).toEqual([
        'collection', // empty_one, then people and its records
        'collection',
        ...Array(40).fill('record'),
        'model',
        'modelVersion',
        'workflow',
        'run',
        'runStep',
        'runStep',
        // Its audit trail, in chain order: the seven data-plane writes that populated it.
        ...Array(7).fill('audit'),
      ]);
      expect(header.counts.auditEntries).toBe(7);
      expect(header.auditHead).toEqual({ seq: 7, hash: JSON.parse(lines.at(-2)!).hash });
      // Nothing of the bystander (another pooled tenant, sharing the tables) is in it.
      expect(text).not.toContain(bystander);
      const theirs = linesOf(bystanderExport)
        .slice(1, -1)
        .map((l) => JSON.parse(l).id)
        .filter(Boolean);
      for (const id of theirs) expect(text).not.toContain(id);

      const target = await fresh(`imp-${to.slice(0, 2)}`, to);
      const res = await importInto(target, text);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({
        tenantId: target,
        lines: lines.length,
        bytes: Buffer.byteLength(text),
        counts: header.counts,
        interrupted: { runs: 0, modelVersions: 0 },
        settingsRestored: true,
      });

      // Exported again, line for line the same but for the header's tenant, time and audit trail.
      const again = linesOf(await exportOf(target));
      expect(dataLines(again).slice(1)).toEqual(dataLines(lines).slice(1));
      expect(JSON.parse(again[0]!)).toEqual({
        ...header,
        tenant: { ...header.tenant, id: target, name: target, isolation: to },
        exportedAt: expect.any(String),
        counts: { ...header.counts, auditEntries: 8 },
        auditHead: { seq: 8, hash: expect.stringMatching(/^[0-9a-f]{64}$/) },
      });
      // The trail came along, re-chained under the target's id (each hash covers the tenant id), the
      // import recorded after it naming the source's head; and it verifies.
      const entries = (id: string) => as(id, 'GET', '/v1/audit?limit=100').then((r) => r.json().items as Array<Record<string, unknown>>);
      const content = ({ seq: _, hash: __, tenant: ___, ...rest }: Record<string, unknown>) => rest;
      const carried = await entries(target);
      expect(carried.slice(0, 7).map(content)).toEqual((await entries(source)).slice(0, 7).map(content));
      expect(carried[7]).toMatchObject({
        actor: 'admin',
        action: 'tenant.import',
        detail: { from: source, entries: 7, carried: 'rechained', sourceHead: header.auditHead },
      });
      expect((await as(target, 'GET', '/v1/audit/verify')).json()).toMatchObject({ ok: true, entries: 8, firstBroken: null });

      // The restored tenant works: same records (ids, versions, times), queries on its indexes, predictions, runs.
      const query = (id: string) => as(id, 'GET', `/v1/collections/people/records?filter=${encodeURIComponent('{"age":{"$gte":40}}')}&sort=-age&limit=500`);
      const [mine, restored] = [(await query(source)).json(), (await query(target)).json()];
      expect(restored.items.length).toBeGreaterThan(0);
      expect(restored.items).toEqual(mine.items);
      const input = { inputs: [{ age: 33, city: 'oslo' }] };
      const predicted = await as(target, 'POST', '/v1/models/scores/predict', input);
      expect(predicted.statusCode, predicted.body).toBe(200);
      expect(predicted.json()).toEqual((await as(source, 'POST', '/v1/models/scores/predict', input)).json());
      const runId = lines.map((l) => JSON.parse(l)).find((l) => l.type === 'run').id;
      expect((await as(target, 'GET', `/v1/runs/${runId}`)).json()).toEqual((await as(source, 'GET', `/v1/runs/${runId}`)).json());
      expect((await as(target, 'GET', '/v1/workflows/oslo_count')).json()).toEqual((await as(source, 'GET', '/v1/workflows/oslo_count')).json());
      expect((await admin('GET', `/v1/tenants/${target}`)).json().settings).toEqual({ theme: 'dark', flags: { beta: true } });
      // Its collection's indexes were built, and its workflow's schedule set.
      expect(await indexesOf(target, 'people')).toEqual(await indexesOf(source, 'people'));
      expect(await indexesOf(target, 'people')).toHaveLength(2);
      expect(await schedulesOf(target)).toEqual([{ workflow: 'oslo_count', cron: '0 0 1 1 *' }]);
      // A record the restored tenant writes goes through its schema, as ever.
      expect((await as(target, 'POST', '/v1/collections/people/records', { data: { name: 'no age' } })).statusCode).toBe(400);

      // The bystander was never touched.
      expect((await exportOf(bystander)).split('\n').slice(1)).toEqual(bystanderExport.split('\n').slice(1));
    },
  );

  it('carries the audit trail verbatim into the tenant re-created under its id, and the quota counts with the rows', async () => {
    const id = await fresh('exp-again', 'pooled', { maxRecords: 12 });
    expect((await as(id, 'POST', '/v1/collections', { name: 'notes' })).statusCode).toBe(201);
    const bulk = (n: number) => as(id, 'POST', '/v1/collections/notes/records/bulk', { records: Array.from({ length: n }, (_, i) => ({ data: { i } })) });
    expect((await bulk(10)).statusCode).toBe(201);
    const trail = async () => (await as(id, 'GET', '/v1/audit?limit=100')).json().items as Array<Record<string, unknown>>;
    const before = await trail();
    expect(before).toHaveLength(2);
    const text = await exportOf(id);
    // Deleted (its storage and chain with it), made again under the same id in another strategy, restored.
    await t.tenants.delete(id);
    await t.tenants.create({ id, isolation: 'schema' });
    await t.tenants.update(id, { limits: { requestsPerMinute: 1_000_000, maxRecords: 12 } });
    keys[id] = (await issueKeys(app, ADMIN, id, ['admin'])).admin;
    const res = await importInto(id, text);
    expect(res.statusCode, res.body).toBe(200);
    const after = await trail();
    expect(after.slice(0, 2)).toEqual(before); // the same sequence numbers and hashes
    expect(after[2]).toMatchObject({ action: 'tenant.import', detail: { from: id, entries: 2, carried: 'verbatim' } });
    expect((await as(id, 'GET', '/v1/audit/verify')).json()).toMatchObject({ ok: true, entries: 3, firstBroken: null });
    // The quota counts were kept by the database as the rows arrived: right, and enforced from there.
    const { rows } = await t.withTenant(id, (s) => sql<{ kind: string; n: string | number }>`SELECT kind, n FROM quota_counts ORDER BY kind`.execute(s.db));
    expect(rows.map((r) => [r.kind, Number(r.n)])).toEqual([
      ['collections', 1],
      ['records', 10],
    ]);
    expect((await as(id, 'GET', '/v1/usage')).json().current).toMatchObject({ records: 10, collections: 1 });
    expect((await bulk(3)).json()).toMatchObject({ status: 403, code: 'quota_exceeded' });
    expect((await bulk(2)).statusCode).toBe(201);
  });

  it('refuses a damaged file, a file past the plan or a target that is not empty, and leaves the target empty', async () => {
    const source = bystander;
    const text = bystanderExport;
    const lines = linesOf(text);
    const target = await fresh('imp-bad', 'pooled');
    const recordAt = lines.findIndex((l) => JSON.parse(l).type === 'record');
    const record = JSON.parse(lines[recordAt]!);
    const refused = async (body: string, status: number, code: string, detail: RegExp) => {
      const res = await importInto(target, body);
      expect(res.statusCode, res.body).toBe(status);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json()).toMatchObject({ code, detail: expect.stringMatching(detail) });
      await expectEmpty(target);
    };
    const withLine = (at: number, line: string) => [...lines.slice(0, at), line, ...lines.slice(at + 1)].join('\n') + '\n';

    // Truncated: the last lines lost, or cut inside a line.
    await refused(lines.slice(0, -1).join('\n') + '\n', 400, 'validation_failed', /ends at line \d+ without its end line: it is truncated/);
    await refused(lines.slice(0, -2).join('\n') + '\n', 400, 'validation_failed', /lacks the lines of its step|truncated/);
    await refused(text.slice(0, Math.floor(text.length / 2)), 400, 'validation_failed', /line \d+: not JSON|truncated/);
    // Corrupted: a line that is not JSON, in the middle.
    await refused(withLine(recordAt + 3, '{"type": "record", "collection": '), 400, 'validation_failed', new RegExp(`^line ${recordAt + 4}: not JSON`));
    // A line for a table that does not exist.
    await refused(withLine(recordAt + 1, '{"type": "api_key", "id": "k", "secretHash": "x"}'), 400, 'validation_failed', /unknown type "api_key"/);
    // Audit entries out of chain order, or past the head the header names (resealed: only the checks see it).
    const [a1, a2] = [lines.length - 3, lines.length - 2];
    await refused(reseal([...lines.slice(0, a1), lines[a2]!, lines[a1]!, lines.at(-1)!]), 400, 'validation_failed', /audit entry \d+ after entry \d+/);
    const past = JSON.stringify({ ...JSON.parse(lines[a2]!), seq: 99 });
    await refused(reseal([...lines.slice(0, a2), past, lines.at(-1)!]), 400, 'validation_failed', /audit entry 99 is past the chain's head/);
    // A record whose collection is not in the file; another that repeats an id (resealed, so only the database sees it).
    await refused(
      withLine(recordAt, JSON.stringify({ ...record, collection: 'ghosts' })),
      400,
      'validation_failed',
      /collection 'ghosts', which is not in the file/,
    );
    await refused(
      reseal([...lines.slice(0, recordAt + 2), lines[recordAt]!, ...lines.slice(recordAt + 2)]),
      400,
      'validation_failed',
      /repeats one the file already holds/,
    );
    // Data altered in place (valid, but not what was exported), or its schema no longer kept.
    await refused(withLine(recordAt, JSON.stringify({ ...record, data: { ...record.data, age: 99 } })), 400, 'validation_failed', /checksum does not match/);
    await refused(
      reseal(lines.slice(0, recordAt).concat(JSON.stringify({ ...record, data: { name: 'x' } }), lines.slice(recordAt + 1))),
      400,
      'validation_failed',
      /does not match the schema of 'people'/,
    );
    // Text PostgreSQL cannot store, numbers that do not survive, a version that is not one.
    await refused(withLine(recordAt, JSON.stringify({ ...record, data: { ...record.data, name: 'nul \u0000' } })), 400, 'validation_failed', /U\+0000/);
    await refused(
      withLine(recordAt, JSON.stringify(record).replace(/"version":\d+/, '"version":1e400')),
      400,
      'validation_failed',
      /does not survive a JSON round trip/,
    );
    await refused(withLine(recordAt, JSON.stringify({ ...record, createdAt: '2025-02-30T00:00:00.000000Z' })), 400, 'validation_failed', /must be a timestamp/);
    // A record far larger than any the API stores.
    await refused(
      withLine(recordAt, JSON.stringify({ ...record, data: { ...record.data, name: 'x'.repeat(9 * 1024 * 1024) } })),
      400,
      'validation_failed',
      /only a model version's line may be longer/,
    );
    // Not an export at all; another version of the format.
    await refused('{"hello": "world"}\n', 400, 'validation_failed', /not the header of a tenant export/);
    await refused(withLine(0, JSON.stringify({ ...JSON.parse(lines[0]!), version: 2 })), 400, 'validation_failed', /format version 2/);
    // Past the target's plan: nothing written, 409.
    await t.tenants.update(target, { limits: { requestsPerMinute: 1_000_000, maxCollections: 1 } });
    await refused(text, 409, 'limit_reached', /maxCollections/);
    await t.tenants.update(target, { limits: { requestsPerMinute: 1_000_000 } });
    // Not NDJSON, or no body.
    expect((await admin('POST', `/v1/tenants/${target}/import`, text, { 'content-type': 'application/json' })).json()).toMatchObject({
      status: 415,
      code: 'unsupported_media_type',
    });
    expect((await admin('POST', `/v1/tenants/${target}/import`)).json()).toMatchObject({ status: 415, code: 'unsupported_media_type' });
    await expectEmpty(target);

    // A tenant that has data is never an import's target: the source itself, unchanged after.
    const res = await importInto(source, text);
    expect(res.json()).toMatchObject({ status: 409, code: 'tenant_not_empty' });
    expect(linesOf(await exportOf(source)).slice(1)).toEqual(lines.slice(1));

    // The target, still empty, takes the intact file.
    expect((await importInto(target, text)).statusCode).toBe(200);
  });

  it('restores records a schema changed with ?validate=false no longer matches only with ?validate=false, which skips nothing else', async () => {
    const source = await fresh('exp-loose', 'pooled');
    const loose = { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] };
    expect((await as(source, 'POST', '/v1/collections', { name: 'people', schema: loose, indexes: ['name'] })).statusCode).toBe(201);
    const created = await as(source, 'POST', '/v1/collections/people/records', { data: { name: 'Ada', note: 'n'.repeat(2000) } });
    expect(created.statusCode, created.body).toBe(201);
    const record = created.json();
    // The stricter schema, forced past the record that does not match it (it has no age).
    expect((await as(source, 'PATCH', '/v1/collections/people', { schema: SCHEMA })).json()).toMatchObject({ status: 409, code: 'records_do_not_match' });
    expect((await as(source, 'PATCH', '/v1/collections/people?validate=false', { schema: SCHEMA })).statusCode).toBe(200);
    const text = await exportOf(source);
    const lines = linesOf(text);

    // By default the import checks the record against the schema, refuses the file, and says how to restore it anyway.
    const target = await fresh('imp-loose', 'schema');
    const importLoose = (body: string, query = '?validate=false') => admin('POST', `/v1/tenants/${target}/import${query}`, body, NDJSON);
    const refused = await importInto(target, text);
    expect(refused.statusCode, refused.body).toBe(400);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.json()).toMatchObject({
      code: 'validation_failed',
      detail: expect.stringMatching(new RegExp(`^line 3: record ${record.id} does not match the schema of 'people': .*\\?validate=false.*--no-validate`)),
    });
    await expectEmpty(target);
    expect((await importLoose(text, '?validate=true')).json()).toMatchObject({ status: 400, code: 'validation_failed' });
    await expectEmpty(target);
    // The querystring is strict.
    for (const query of ['?validate=maybe', '?validate=false&force=1']) {
      expect((await importLoose(text, query)).json()).toMatchObject({ status: 400 });
    }
    await expectEmpty(target);

    // ?validate=false skips that check only: a changed file, a schema that does not compile, a file past the plan are refused as ever.
    const recordLine = JSON.parse(lines[2]!);
    const changed = [...lines.slice(0, 2), JSON.stringify({ ...recordLine, data: { ...recordLine.data, name: 'Eve' } }), ...lines.slice(3)];
    expect((await importLoose(changed.join('\n') + '\n')).json()).toMatchObject({ status: 400, detail: expect.stringMatching(/checksum does not match/) });
    const broken = reseal([lines[0]!, JSON.stringify({ ...JSON.parse(lines[1]!), schema: { type: 'nope' } }), ...lines.slice(2)]);
    expect((await importLoose(broken)).json()).toMatchObject({ status: 400, detail: expect.stringMatching(/^line 2: the schema of collection 'people'/) });
    await t.tenants.update(target, { limits: { requestsPerMinute: 1_000_000, storageBytes: 1_000 } });
    expect((await importLoose(text)).json()).toMatchObject({ status: 409, code: 'limit_reached', detail: expect.stringMatching(/storageBytes/) });
    await t.tenants.update(target, { limits: { requestsPerMinute: 1_000_000 } });
    await expectEmpty(target);

    // With ?validate=false the export is restored: the record intact and readable, under the schema it was exported with.
    const res = await importLoose(text);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ tenantId: target, counts: { collections: 1, records: 1 } });
    expect((await as(target, 'GET', `/v1/collections/people/records/${record.id}`)).json()).toEqual(
      (await as(source, 'GET', `/v1/collections/people/records/${record.id}`)).json(),
    );
    expect((await as(target, 'GET', '/v1/collections/people')).json().schema).toEqual(SCHEMA);
    const query = await as(target, 'GET', `/v1/collections/people/records?filter=${encodeURIComponent('{"name":"Ada"}')}`);
    expect(query.json().items.map((r: { id: string }) => r.id)).toEqual([record.id]);
    expect(dataLines(linesOf(await exportOf(target))).slice(1)).toEqual(dataLines(lines).slice(1));
    // New writes still go through the schema.
    expect((await as(target, 'POST', '/v1/collections/people/records', { data: { name: 'no age' } })).statusCode).toBe(400);
  });

  it('records each export and import as an operation with its progress, and refuses them while another operation of the tenant is under way', async () => {
    const source = await fresh('exp-op', 'pooled');
    expect((await as(source, 'POST', '/v1/collections', { name: 'things' })).statusCode).toBe(201);
    expect(
      (await as(source, 'POST', '/v1/collections/things/records/bulk', { records: Array.from({ length: 30 }, (_, n) => ({ data: { n } })) })).statusCode,
    ).toBe(201);
    const text = await exportOf(source);
    const target = await fresh('imp-op', 'schema');
    expect((await importInto(target, text)).statusCode).toBe(200);
    const ops = async (id: string) => (await admin('GET', `/v1/operations?tenant=${id}`)).json().items as Array<Record<string, unknown>>;
    expect(await ops(source)).toEqual([
      expect.objectContaining({ kind: 'export', status: 'succeeded', step: 'exported', progress: { done: linesOf(text).length, total: linesOf(text).length } }),
    ]);
    expect(await ops(target)).toEqual([
      expect.objectContaining({ kind: 'import', status: 'succeeded', step: 'imported', progress: { done: linesOf(text).length, total: linesOf(text).length } }),
    ]);
    // A damaged file: the import fails as an operation too, and the tenant stays empty.
    const other = await fresh('imp-op2', 'pooled');
    expect((await importInto(other, text.slice(0, -20))).statusCode).toBe(400);
    expect(await ops(other)).toEqual([expect.objectContaining({ kind: 'import', status: 'failed', error: expect.any(String) })]);
    // A tenant with a move queued (nobody runs operations in this app): export and import wait their turn.
    const moving = await fresh('exp-mv', 'pooled');
    expect((await admin('POST', `/v1/tenants/${moving}/move`, { isolation: 'schema' })).statusCode).toBe(202);
    for (const res of [await admin('GET', `/v1/tenants/${moving}/export`), await importInto(moving, text)]) {
      expect(res.statusCode, res.body).toBe(409);
      expect(res.json()).toMatchObject({ code: 'tenant_not_ready', detail: expect.stringMatching(/move operation under way/) });
    }
    expect((await ops(moving)).map((o) => o.kind)).toEqual(['move']);
  });

  it('needs the admin token, and answers 404 for an unknown tenant', async () => {
    const id = bystander;
    expect((await as(id, 'GET', `/v1/tenants/${id}/export`)).statusCode).toBe(401);
    expect(
      (await app.inject({ method: 'POST', url: `/v1/tenants/${id}/import`, headers: { ...NDJSON, authorization: `Bearer ${keys[id]}` }, payload: '{}' }))
        .statusCode,
    ).toBe(401);
    expect((await admin('GET', '/v1/tenants/no-such-tenant/export')).json()).toMatchObject({ status: 404, code: 'tenant_not_found' });
    expect((await importInto('no-such-tenant', bystanderExport)).json()).toMatchObject({ status: 404, code: 'tenant_not_found' });
    expect((await admin('GET', '/v1/tenants/Bad_Id/export')).statusCode).toBe(400);
  });

  it('exports a suspended tenant, and cancels runs that were under way when it was exported', async () => {
    const source = await fresh('exp-susp', 'pooled');
    expect((await as(source, 'PUT', '/v1/workflows/slow', { steps: [{ id: 'wait', kind: 'delay', with: { ms: 60_000 } }] })).statusCode).toBe(201);
    const run = (await as(source, 'POST', '/v1/workflows/slow/runs', {})).json();
    await t.tenants.suspend(source);
    const text = await exportOf(source);
    expect(JSON.parse(linesOf(text).find((l) => l.includes('"type":"run"'))!).status).toMatch(/queued|running/);
    const target = await fresh('imp-susp', 'schema');
    const res = await importInto(target, text);
    expect(res.json()).toMatchObject({ counts: { workflows: 1, runs: 1, runSteps: 1 }, interrupted: { runs: 1, modelVersions: 0 } });
    const restored = (await as(target, 'GET', `/v1/runs/${run.id}`)).json();
    expect(restored).toMatchObject({ status: 'cancelled', steps: [{ id: 'wait', status: 'cancelled' }] });
    await t.tenants.resume(source);
    await as(source, 'POST', `/v1/runs/${run.id}/cancel`);
  });

  it('reads and writes large tenants in pages bounded in bytes', async () => {
    const source = await fresh('exp-big', 'schema');
    // 160 records of ~100 kB: a page of 500 of them would be 16 MB.
    await t.withTenant(source, async ({ db }) => {
      await db.insertInto('collections').values({ name: 'blobs' }).execute();
      await sql`INSERT INTO records (collection, id, data)
        SELECT 'blobs', gen_random_uuid(), jsonb_build_object('i', g, 'blob', repeat(md5(g::text), 3125)) FROM generate_series(1, 160) g`.execute(db);
    });
    const services = Services.over(t);
    try {
      const started = await services.tenantExports.export(source);
      const chunks: string[] = [];
      for await (const chunk of started.chunks) chunks.push(chunk);
      const pages = chunks.filter((c) => c.includes('"type":"record"')).map((c) => Buffer.byteLength(c));
      expect(pages.length).toBeGreaterThanOrEqual(2);
      for (const bytes of pages) expect(bytes).toBeLessThan(8 * 1024 * 1024 + 200_000);
      expect(started.progress).toMatchObject({ lines: 163, counts: { collections: 1, records: 160 } });
      const target = await fresh('imp-big', 'pooled');
      const res = await importInto(target, chunks.join(''));
      expect(res.json()).toMatchObject({ counts: { records: 160 } });
      expect(linesOf(await exportOf(target)).slice(1)).toEqual(linesOf(chunks.join('')).slice(1));
    } finally {
      await services.close();
    }
  });

  it('reads lines bounded in length and in total', async () => {
    const read = async (chunks: string[], maxBytes = 1000, maxLineBytes = 10) => {
      const out: string[] = [];
      for await (const line of ndjsonLines(Readable.from(chunks.map((c) => Buffer.from(c))), { maxBytes, maxLineBytes }))
        out.push(`${line.number}:${line.text}`);
      return out;
    };
    expect(await read(['ab', 'c\nde\n', '\nf'])).toEqual(['1:abc', '2:de', '3:', '4:f']);
    expect(await read(['é\n'.repeat(3)])).toEqual(['1:é', '2:é', '3:é']);
    await expect(read(['0123456789', 'x\n'])).rejects.toThrow('line 1 is longer than 10 bytes');
    await expect(read(['a\n'.repeat(600)])).rejects.toMatchObject({ code: 'payload_too_large' });
    const bad = Readable.from([Buffer.from([0x61, 0x0a, 0xff, 0x0a])]);
    await expect(
      (async () => {
        for await (const _ of ndjsonLines(bad, { maxBytes: 100, maxLineBytes: 100 }));
      })(),
    ).rejects.toThrow('line 2 is not valid UTF-8');
  });
});

describe(`tenantry tenant export | import (${backend})`, () => {
  let env: TestEnv;
  let dir: string;

  async function cli(config: TenantryConfig, ...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    const collect = () => {
      const stream = new PassThrough();
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
    };
    const [out, err] = [collect(), collect()];
    const code = await runCli(argv, { stdout: out.stream, stderr: err.stream, env: {}, config });
    return { code, stdout: out.text(), stderr: err.text() };
  }

  beforeAll(async () => {
    env = await createTestEnv();
    dir = await fs.mkdtemp(path.join(scratchRoot, 'tenantry-export-cli-'));
  });
  afterAll(async () => {
    await env?.cleanup();
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('exports to a file and imports it into a tenant of another strategy, and refuses a non-empty target', async () => {
    const source = tenantId('cli-src');
    const target = tenantId('cli-dst');
    // Populated through the HTTP API, then closed: embedded, one process holds the data directory at a time.
    const t = await Tenantry.open({ config: env.config, onError: () => {} });
    try {
      const app = await buildApp({ tenantry: t, adminToken: ADMIN, cursorSecret: 'c' });
      await t.tenants.create({ id: source, isolation: 'schema' });
      await t.tenants.create({ id: target, isolation: 'pooled' });
      const key = (await issueKeys(app, ADMIN, source, ['admin'])).admin;
      const call = (method: string, url: string, payload: object) =>
        app.inject({ method: method as 'POST', url, headers: { authorization: `Bearer ${key}` }, payload });
      expect((await call('POST', '/v1/collections', { name: 'notes', indexes: ['n'] })).statusCode).toBe(201);
      expect((await call('POST', '/v1/collections/notes/records/bulk', { records: people(25, source) })).statusCode).toBe(201);
      expect((await call('PUT', '/v1/workflows/noop', { steps: [{ id: 'wait', kind: 'delay', with: { ms: 1 } }] })).statusCode).toBe(201);
      await app.close();
    } finally {
      await t.close();
    }
    const file = path.join(dir, 'source.ndjson');
    const exported = await cli(env.config, 'tenant', 'export', source, '--output', file, '--json');
    expect(exported.code, exported.stderr).toBe(0);
    const summary = JSON.parse(exported.stdout);
    expect(summary).toMatchObject({ tenantId: source, counts: { collections: 1, records: 25, workflows: 1, auditEntries: 3 }, lines: 32 });
    const text = await fs.readFile(file, 'utf8');
    expect(Buffer.byteLength(text)).toBe(summary.bytes);

    const imported = await cli(env.config, 'tenant', 'import', target, '--input', file);
    expect(imported, imported.stderr).toMatchObject({ code: 0, stderr: '' });
    expect(imported.stdout).toBe(`imported into tenant ${target}: 1 collection, 25 records, 0 models (0 versions), 1 workflow, 0 runs (0 steps)\n`);

    // To stdout this time: the data lines are the same, and so is their checksum.
    const again = await cli(env.config, 'tenant', 'export', target);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain(`exported tenant ${target}: 1 collection, 25 records`);
    expect(dataLines(linesOf(again.stdout)).slice(1)).toEqual(dataLines(linesOf(text)).slice(1));

    const refused = await cli(env.config, 'tenant', 'import', target, '--input', file, '--json');
    expect(refused).toMatchObject({ code: 1, stdout: '' });
    expect(JSON.parse(refused.stderr)).toMatchObject({ error: { code: 'tenant_not_empty', status: 409 } });
    expect((await cli(env.config, 'tenant', 'import', target, '--input', path.join(dir, 'missing.ndjson'))).stderr).toMatch(/cannot read .*ENOENT/);
  });

  it('refuses a file it cannot write or read in one line, before any export or import operation begins', async () => {
    const source = tenantId('cli-paths');
    const t = await Tenantry.open({ config: env.config, onError: () => {} });
    try {
      await t.tenants.create({ id: source, isolation: 'pooled' });
    } finally {
      await t.close();
    }
    const operations = async () => (JSON.parse((await cli(env.config, 'operations', 'list', '--tenant', source, '--json')).stdout) as unknown[]).length;

    // No such folder: said as such, not Node's message, and no export streamed into nowhere and recorded as a success.
    const missing = path.join(dir, 'no-such-folder', 'out.ndjson');
    const noFolder = await cli(env.config, 'tenant', 'export', source, '--output', missing, '--json');
    expect(noFolder).toMatchObject({ code: 1, stdout: '' });
    expect(JSON.parse(noFolder.stderr)).toEqual({
      error: { code: 'validation_failed', message: `cannot write '${missing}': ENOENT`, status: 400 },
    });
    expect(await cli(env.config, 'tenant', 'export', source, '--output', dir)).toMatchObject({ code: 1, stderr: `error: cannot write '${dir}': EISDIR\n` });
    // A folder as the input: refused before the import's operation, not at its first read.
    expect(await cli(env.config, 'tenant', 'import', source, '--input', dir)).toMatchObject({
      code: 1,
      stderr: `error: cannot read '${dir}': EISDIR (a directory)\n`,
    });
    expect(await operations()).toBe(0);

    // An unknown tenant leaves a file that was there as it was, and makes none.
    const kept = path.join(dir, 'kept.ndjson');
    await fs.writeFile(kept, 'an earlier export\n');
    expect((await cli(env.config, 'tenant', 'export', tenantId('cli-nobody'), '--output', kept)).code).toBe(1);
    expect(await fs.readFile(kept, 'utf8')).toBe('an earlier export\n');
    const made = path.join(dir, 'made.ndjson');
    expect((await cli(env.config, 'tenant', 'export', tenantId('cli-nobody'), '--output', made)).code).toBe(1);
    await expect(fs.stat(made)).rejects.toThrow(/ENOENT/);
    // And a good export over it replaces it whole.
    const over = await cli(env.config, 'tenant', 'export', source, '--output', kept, '--json');
    expect(over.code, over.stderr).toBe(0);
    const written = await fs.readFile(kept, 'utf8');
    expect(Buffer.byteLength(written)).toBe(JSON.parse(over.stdout).bytes);
    expect(JSON.parse(linesOf(written)[0]!)).toMatchObject({ format: 'tenantry-export' });
  });

  it('imports records a schema changed with ?validate=false no longer matches with --no-validate, and says so when refusing them', async () => {
    const source = tenantId('cli-loose');
    const target = tenantId('cli-loose-to');
    const t = await Tenantry.open({ config: env.config, onError: () => {} });
    let recordId: string;
    try {
      const app = await buildApp({ tenantry: t, adminToken: ADMIN, cursorSecret: 'c' });
      await t.tenants.create({ id: source, isolation: 'pooled' });
      await t.tenants.create({ id: target, isolation: 'schema' });
      const key = (await issueKeys(app, ADMIN, source, ['admin'])).admin;
      const call = (method: string, url: string, payload: object) =>
        app.inject({ method: method as 'POST', url, headers: { authorization: `Bearer ${key}` }, payload });
      expect((await call('POST', '/v1/collections', { name: 'people' })).statusCode).toBe(201);
      recordId = (await call('POST', '/v1/collections/people/records', { data: { name: 'Ada' } })).json().id;
      expect((await call('PATCH', '/v1/collections/people?validate=false', { schema: SCHEMA })).statusCode).toBe(200);
      await app.close();
    } finally {
      await t.close();
    }
    const file = path.join(dir, 'loose.ndjson');
    expect((await cli(env.config, 'tenant', 'export', source, '--output', file)).code).toBe(0);

    const refused = await cli(env.config, 'tenant', 'import', target, '--input', file);
    expect(refused).toMatchObject({ code: 1, stdout: '' });
    expect(refused.stderr).toMatch(new RegExp(`record ${recordId} does not match the schema of 'people'.*--no-validate`));
    const imported = await cli(env.config, 'tenant', 'import', target, '--input', file, '--no-validate', '--json');
    expect(imported.code, imported.stderr).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ tenantId: target, counts: { collections: 1, records: 1 } });
    const exported = linesOf((await cli(env.config, 'tenant', 'export', target)).stdout);
    expect(exported.map((l) => JSON.parse(l)).find((l) => l.type === 'record')).toMatchObject({ id: recordId, data: { name: 'Ada' } });
  });
});
