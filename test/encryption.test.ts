/**
 * Per-tenant encryption of declared fields (issue 14): data keys wrapped by the master key, envelopes
 * bound to tenant, collection, record and field, rotation of both keys, crypto-shredding on deletion,
 * export/import carrying ciphertext, and moves copying it as is.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type TenantryApp } from '../src/api/app.js';
import { loadConfig } from '../src/config.js';
import { DataKeys, type KeysDatabase } from '../src/crypto/data-keys.js';
import { loadMasterKeys, parseMasterKey } from '../src/crypto/master-key.js';
import { decodeRecords, keysFrom } from '../src/records/codec.js';
import { RecordsService } from '../src/records/records.js';
import { Sandbox } from '../src/sandbox/sandbox.js';
import { Services } from '../src/services.js';
import { adminQuery } from '../src/storage/backends/backend.js';
import { routerOf } from '../src/storage/internals.js';
import type { Tenantry } from '../src/tenantry.js';
import { backend, createTestEnv, tenantId, type TestEnv } from './support/harness.js';
import { callerAs } from './support/http.js';
import { issueKeys } from './support/keys.js';

const ADMIN = 'admin-token-encryption-tests';
const NDJSON = { 'content-type': 'application/x-ndjson' };
/** Plaintexts that must never be found in the database. */
const SECRET_SSN = '078-05-1120';
const SECRET_NOTE = 'prefers-the-blue-door-7f3a';

const PEOPLE = {
  name: 'people',
  encrypted: ['ssn', 'notes'],
  indexes: ['city'],
  schema: { type: 'object', required: ['name'], properties: { name: { type: 'string' }, ssn: { type: 'string', pattern: '^\\d{3}-\\d{2}-\\d{4}$' } } },
};

describe(`encrypted fields (${backend})`, () => {
  let env: TestEnv;
  let t: Tenantry;
  let app: TenantryApp;
  const keys: Record<string, Record<'admin' | 'member', string>> = {};
  const call = callerAs(() => app, keys);
  const admin = (method: string, url: string, payload?: unknown, headers: Record<string, string> = {}) =>
    app.inject({
      method: method as 'GET',
      url,
      headers: { authorization: `Bearer ${ADMIN}`, ...headers },
      ...(payload !== undefined && { payload: payload as string }),
    });
  const A = tenantId('enc-a');
  const B = tenantId('enc-b');

  /** Run a statement on the tenant's storage as the owner (no RLS): what a database dump would see. */
  const asOwner = async <R = Record<string, unknown>>(tenant: string, text: string, params: unknown[] = []): Promise<R[]> => {
    const location = await routerOf(t).open((await t.catalog.getFresh(tenant))!);
    try {
      return (await adminQuery<R>(location.db, text.replaceAll('records', `"${location.names.schema}".records`), params)).rows;
    } finally {
      location.release();
    }
  };

  async function setUp(id: string): Promise<void> {
    await t.tenants.create({ id, isolation: 'pooled' });
    keys[id] = await issueKeys(app, ADMIN, id, ['admin', 'member']);
    expect((await call(id, 'admin', 'POST', '/v1/collections', PEOPLE)).json()).toMatchObject({ encrypted: ['ssn', 'notes'] });
  }

  const person = (n: number) => ({ name: `p${n}`, city: 'Oslo', ssn: SECRET_SSN, notes: { text: SECRET_NOTE, n } });

  async function createPerson(id: string, n: number): Promise<string> {
    const res = await call(id, 'member', 'POST', '/v1/collections/people/records', { data: person(n) });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().data).toEqual(person(n));
    return res.json().id;
  }

  beforeAll(async () => {
    env = await createTestEnv();
    t = await env.open();
    app = await buildApp({ tenantry: t, adminToken: ADMIN, cursorSecret: 'c' });
    await setUp(A);
    await setUp(B);
  });

  afterAll(async () => {
    await app?.close();
    await env?.cleanup();
  });

  it('stores declared fields only as envelopes and reads them back through every path', async () => {
    const id = await createPerson(A, 1);
    const bulk = await call(A, 'member', 'POST', '/v1/collections/people/records/bulk', { records: [{ data: person(2) }, { data: person(3) }] });
    expect(bulk.statusCode).toBe(201);
    // A write answers with what it wrote, the encrypted fields included (from what it sealed, not decrypted again).
    expect(bulk.json().items.map((r: { data: unknown }) => r.data)).toEqual([person(2), person(3)]);
    const put = await call(A, 'member', 'PUT', `/v1/collections/people/records/${id}`, { data: { ...person(1), ssn: '123-45-6789' } });
    expect(put.json().data.ssn).toBe('123-45-6789');
    const patched = await call(A, 'member', 'PATCH', `/v1/collections/people/records/${id}`, { data: { ssn: SECRET_SSN, city: 'Bergen' } });
    expect(patched.json()).toMatchObject({ version: 3, data: { ssn: SECRET_SSN, city: 'Bergen', notes: { text: SECRET_NOTE } } });
    expect((await call(A, 'member', 'GET', `/v1/collections/people/records/${id}`)).json().data).toEqual({ ...person(1), city: 'Bergen' });
    const page = await call(A, 'member', 'GET', '/v1/collections/people/records?filter={"city":"Oslo"}&sort=city');
    expect(page.json().items.map((r: { data: unknown }) => r.data)).toEqual([person(2), person(3)]);

    // The raw rows, read as the owner: ciphertext only, never the plaintext.
    const rows = await asOwner<{ data: string }>(A, 'select data::text as data from records where tenant_id = $1', [A]);
    expect(rows.length).toBe(3);
    for (const row of rows) {
      expect(row.data).not.toContain(SECRET_SSN);
      expect(row.data).not.toContain(SECRET_NOTE);
      const stored = JSON.parse(row.data) as { $enc: string };
      expect(Object.keys(stored).sort()).toEqual(['$enc', 'city', 'name']);
      // One envelope for the record's encrypted fields: header (5) + IV (12) + ciphertext + tag (16).
      const sealed = JSON.stringify({ ssn: SECRET_SSN, notes: { text: SECRET_NOTE, n: 0 } }).length;
      expect(Math.abs(Buffer.from(stored.$enc, 'base64').length - (5 + 12 + sealed + 16))).toBeLessThanOrEqual(2);
    }
  });

  it('audits reads of encrypted fields, aggregated per minute, collection and reader, off the read path; the other tenant sees none', async () => {
    type Entry = { actor: string; action: string; target: string; tenant: string; detail: { reads: number; records: number } };
    const trail = async (id: string): Promise<Entry[]> => (await call(id, 'admin', 'GET', '/v1/audit?limit=500')).json().items;
    await t.audit.reads.flush();
    const [before, otherBefore] = [(await trail(A)).length, await trail(B)];
    expect((await call(A, 'admin', 'POST', '/v1/collections', { name: 'plain' })).statusCode).toBe(201);
    expect((await call(A, 'member', 'POST', '/v1/collections/plain/records', { data: { n: 1 } })).statusCode).toBe(201);
    const id = await createPerson(A, 7);
    await createPerson(A, 8);
    // A flood of reads: 40 by id and 10 pages by the member, 1 page by the admin; plain reads too.
    for (let i = 0; i < 40; i++) expect((await call(A, 'member', 'GET', `/v1/collections/people/records/${id}`)).statusCode).toBe(200);
    const pages = await Promise.all(Array.from({ length: 10 }, () => call(A, 'member', 'GET', '/v1/collections/people/records?limit=100')));
    const perPage = pages[0]!.json().items.length;
    expect(perPage).toBeGreaterThan(1);
    expect((await call(A, 'admin', 'GET', '/v1/collections/people/records?limit=2')).statusCode).toBe(200);
    for (let i = 0; i < 5; i++) expect((await call(A, 'member', 'GET', '/v1/collections/plain/records')).statusCode).toBe(200);
    // Counted in memory only: the reads appended nothing themselves (a timer records windows whose minute is over).
    expect(t.audit.reads.pending).toBeGreaterThanOrEqual(1);
    const writes = (await trail(A)).slice(before).filter((e) => e.action !== 'encrypted.read');
    expect(writes.map((e) => e.action)).toEqual(['POST /v1/collections', ...Array(3).fill('POST /v1/collections/{name}/records')]);

    await t.audit.reads.flush();
    expect(t.audit.reads.pending).toBe(0);
    const reads = (await trail(A)).slice(before).filter((e) => e.action === 'encrypted.read');
    expect(reads.every((e) => e.target === '/v1/collections/people/records' && e.tenant === A)).toBe(true);
    const actor = (role: 'admin' | 'member') => `key:${keys[A]![role].split('_')[1]}`;
    const sum = (who: string) => {
      const mine = reads.filter((e) => e.actor === who);
      // One entry per minute (two if the flood straddled a minute), with the counts.
      expect(mine.length).toBeGreaterThanOrEqual(1);
      expect(mine.length).toBeLessThanOrEqual(2);
      return mine.reduce((n, e) => ({ reads: n.reads + e.detail.reads, records: n.records + e.detail.records }), { reads: 0, records: 0 });
    };
    expect(sum(actor('member'))).toEqual({ reads: 50, records: 40 + 10 * perPage });
    expect(sum(actor('admin'))).toEqual({ reads: 1, records: 2 });
    expect((await call(A, 'admin', 'GET', '/v1/audit/verify')).json()).toMatchObject({ ok: true, firstBroken: null });
    // The other tenant's trail is as it was.
    expect(await trail(B)).toEqual(otherBefore);
  });

  it('checks the JSON Schema against the plaintext, before encrypting', async () => {
    const res = await call(A, 'member', 'POST', '/v1/collections/people/records', { data: { name: 'x', ssn: 'not-an-ssn' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().detail).toMatch(/ssn|pattern/);
  });

  it('refuses an encrypted field in a filter, a sort, an index, a model or a key, naming it (400)', async () => {
    const filter = await call(A, 'member', 'GET', `/v1/collections/people/records?filter=${encodeURIComponent('{"ssn":"x"}')}`);
    expect(filter.json()).toMatchObject({ status: 400, code: 'field_encrypted' });
    expect(filter.json().detail).toContain("'ssn'");
    const nested = await call(A, 'member', 'GET', `/v1/collections/people/records?filter=${encodeURIComponent('{"$or":[{"city":"x"},{"notes.text":"y"}]}')}`);
    expect(nested.json()).toMatchObject({ status: 400, code: 'field_encrypted' });
    expect(nested.json().detail).toContain("'notes.text'");
    expect((await call(A, 'member', 'GET', '/v1/collections/people/records?sort=-ssn')).json()).toMatchObject({ status: 400, code: 'field_encrypted' });
    const index = await call(A, 'admin', 'PATCH', '/v1/collections/people', { indexes: ['city', 'ssn'] });
    expect(index.json()).toMatchObject({ status: 400, code: 'field_encrypted' });
    expect(index.json().detail).toContain("'ssn'");
    const created = await call(A, 'admin', 'POST', '/v1/collections', { name: 'bad_idx', encrypted: ['secret'], indexes: ['secret.x'] });
    expect(created.json()).toMatchObject({ status: 400, code: 'field_encrypted' });
    const model = await call(A, 'member', 'POST', '/v1/models', { name: 'm', kind: 'regression', collection: 'people', features: ['ssn'], target: 'n' });
    expect(model.json()).toMatchObject({ status: 400, code: 'field_encrypted' });
    expect(model.json().detail).toContain("'ssn'");
    // The envelope object is not the client's to write; nested names and dot paths are not encryptable.
    expect((await call(A, 'member', 'POST', '/v1/collections/people/records', { data: { name: 'x', $enc: {} } })).statusCode).toBe(400);
    expect((await call(A, 'admin', 'POST', '/v1/collections', { name: 'dotted', encrypted: ['a.b'] })).statusCode).toBe(400);
    // Which fields are encrypted changes only while the collection is empty.
    expect((await call(A, 'admin', 'PATCH', '/v1/collections/people', { encrypted: ['ssn'] })).json()).toMatchObject({
      status: 409,
      code: 'collection_not_empty',
    });
  });

  it('fails authentication (500 data_corrupt, a problem naming the record) for an altered or moved envelope', async () => {
    const first = await createPerson(A, 10);
    const second = await createPerson(A, 11);
    const otherTenants = await createPerson(B, 12);
    const stored = async (tenant: string, id: string) =>
      JSON.parse(
        (await asOwner<{ data: string }>(tenant, 'select data::text as data from records where tenant_id = $1 and id = $2', [tenant, id]))[0]!.data,
      ) as { $enc: string } & Record<string, unknown>;
    const put = (tenant: string, id: string, data: unknown) =>
      asOwner(tenant, 'update records set data = $3::jsonb where tenant_id = $1 and id = $2', [tenant, id, JSON.stringify(data)]);
    const read = (tenant: string, id: string) => call(tenant, 'member', 'GET', `/v1/collections/people/records/${id}`);
    const original = await stored(A, first);

    // Any byte flipped: header, IV, ciphertext or tag.
    const bytes = Buffer.from(original.$enc, 'base64');
    for (const at of [1, 5, 17, bytes.length - 1]) {
      const flipped = Buffer.from(bytes);
      flipped[at]! ^= 0x01;
      await put(A, first, { ...original, $enc: flipped.toString('base64') });
      const res = await read(A, first);
      expect(res.statusCode, `byte ${at}`).toBeGreaterThanOrEqual(500);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json().code).toBe('data_corrupt');
      if (at !== 1) expect(res.json().detail).toMatch(new RegExp(`encrypted fields of record ${first} in 'people' failed authentication`));
      expect(res.body).not.toContain(SECRET_SSN);
    }
    // A truncated or foreign value where the envelope goes.
    for (const bad of ['', 'AQ', 42, { ssn: 'x' }]) {
      await put(A, first, { ...original, $enc: bad });
      expect((await read(A, first)).json(), JSON.stringify(bad)).toMatchObject({ status: 500, code: 'data_corrupt' });
    }
    // Moved to another record, or to the same record id in another collection: the AAD names both.
    await put(A, second, original);
    expect((await read(A, second)).json()).toMatchObject({ status: 500, code: 'data_corrupt' });
    expect((await call(A, 'admin', 'POST', '/v1/collections', { ...PEOPLE, name: 'people_copy' })).statusCode).toBe(201);
    await put(A, first, original);
    await asOwner(A, "update records set collection = 'people_copy' where tenant_id = $1 and id = $2", [A, first]);
    expect((await call(A, 'member', 'GET', `/v1/collections/people_copy/records/${first}`)).json()).toMatchObject({ status: 500, code: 'data_corrupt' });
    await asOwner(A, "update records set collection = 'people' where tenant_id = $1 and id = $2", [A, first]);
    expect((await call(A, 'admin', 'DELETE', '/v1/collections/people_copy')).statusCode).toBe(204);
    // Moved to another tenant's record (the pooled table is shared: a copy across tenant_id).
    const bOriginal = await stored(B, otherTenants);
    await put(B, otherTenants, original);
    const foreign = await read(B, otherTenants);
    expect(foreign.json()).toMatchObject({ status: 500, code: 'data_corrupt' });
    expect(foreign.body).not.toContain(SECRET_SSN);
    await put(B, otherTenants, bOriginal);
    // Put back, it reads again.
    await put(A, first, original);
    expect((await read(A, first)).json().data).toEqual(person(10));
  });

  it("gives each tenant its own keys: B's keyring never opens A's records, through the cache or the codec", async () => {
    const a = (await t.catalog.getFresh(A))!;
    const b = (await t.catalog.getFresh(B))!;
    const ringA = await t.keys.keyring(a);
    const ringB = await t.keys.keyring(b);
    expect(ringA.tenantId).toBe(A);
    expect(ringB.tenantId).toBe(B);
    expect(ringA.current!.key.equals(ringB.current!.key)).toBe(false);
    const [row] = await asOwner<{ id: string; data: unknown; version: number; created_at: Date; updated_at: Date }>(
      A,
      "select id, data, version, created_at, updated_at from records where tenant_id = $1 and data ? '$enc' limit 1",
      [A],
    );
    // A's row decoded as B's (B's keys, B's AAD): refused; as A's: opened.
    await expect(decodeRecords(keysFrom(t.keys), { tenantId: B, generation: b.generation, collection: 'people' }, [row!])).rejects.toMatchObject({
      code: 'data_corrupt',
    });
    // Even handing it B's keys under A's name fails: the key is B's.
    await expect(decodeRecords(async () => ringB, { tenantId: A, generation: a.generation, collection: 'people' }, [row!])).rejects.toMatchObject({
      code: 'data_corrupt',
    });
    expect((await decodeRecords(keysFrom(t.keys), { tenantId: A, generation: a.generation, collection: 'people' }, [row!]))[0]!.data.ssn).toBe(SECRET_SSN);
    // B's credentials see none of A's records.
    const bPage = await call(B, 'member', 'GET', '/v1/collections/people/records?limit=500');
    expect(bPage.json().items.every((r: { data: { name: string } }) => r.data.name === 'p12')).toBe(true);
    // The keys are wrapped: the catalog row is not the key.
    const wrapped = await adminQuery<{ wrapped: string }>(routerOf(t).controlCluster.main, 'select wrapped from tenantry.tenant_keys where tenant_id = $1', [
      A,
    ]);
    expect(wrapped.rows.length).toBe(1);
    expect(Buffer.from(wrapped.rows[0]!.wrapped, 'base64').includes(ringA.current!.key.export())).toBe(false);
  });

  it('rotates a tenant key as an operation: records re-encrypted under the new version, the old one destroyed, all readable throughout', async () => {
    const tenant = tenantId('enc-rot');
    await setUp(tenant);
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push(await createPerson(tenant, 100 + i));
    const started = await admin('POST', `/v1/tenants/${tenant}/keys/rotate`);
    expect(started.statusCode, started.body).toBe(202);
    expect(started.json()).toMatchObject({ kind: 'rotate-key', tenantId: tenant });
    // The old version is readable, the new one encrypts, before the operation has run.
    const during = await createPerson(tenant, 199);
    const versionsOf = async () =>
      (await asOwner<{ data: { $enc: string } }>(tenant, 'select data from records where tenant_id = $1', [tenant])).map((r) =>
        Buffer.from(r.data.$enc, 'base64').readUInt32BE(1),
      );
    expect(new Set(await versionsOf())).toEqual(new Set([1, 2]));
    for (const id of [...ids, during]) expect((await call(tenant, 'member', 'GET', `/v1/collections/people/records/${id}`)).statusCode).toBe(200);
    const finished = await t.operations.runOne(started.json().id);
    expect(finished).toMatchObject({ status: 'succeeded', progress: { done: 6, total: 6 } });
    expect(new Set(await versionsOf())).toEqual(new Set([2]));
    expect((await t.keys.versions((await t.catalog.getFresh(tenant))!)).map((v) => v.version)).toEqual([2]);
    const page = await call(tenant, 'member', 'GET', '/v1/collections/people/records?limit=10');
    expect(page.json().items.map((r: { data: { ssn: string } }) => r.data.ssn)).toEqual(Array(6).fill(SECRET_SSN));
    // Record versions are untouched by re-encryption.
    expect(page.json().items.every((r: { version: number }) => r.version === 1)).toBe(true);
    expect((await admin('POST', '/v1/tenants/no-such-tenant/keys/rotate')).json()).toMatchObject({ status: 404, code: 'tenant_not_found' });
  });

  it('crypto-shreds on deletion: rows and an export copied out before cannot be decrypted afterwards', async () => {
    const tenant = tenantId('enc-del');
    await setUp(tenant);
    const id = await createPerson(tenant, 300);
    const copied = await asOwner<{ id: string; data: string }>(tenant, 'select id::text, data::text as data from records where tenant_id = $1', [tenant]);
    const exported = (await admin('GET', `/v1/tenants/${tenant}/export`)).body;
    expect(exported).toContain('"encrypted":["ssn","notes"]');
    expect(exported).not.toContain(SECRET_SSN);

    const deletion = await admin('DELETE', `/v1/tenants/${tenant}`);
    expect(deletion.statusCode).toBe(202);
    expect(await t.operations.runOne(deletion.json().id)).toMatchObject({ status: 'succeeded', step: 'deleted' });
    const left = await adminQuery(routerOf(t).controlCluster.main, 'select 1 from tenantry.tenant_keys where tenant_id = $1', [tenant]);
    expect(left.rows).toEqual([]);

    // The same id again: a new tenant with new keys. The old rows, put back as the owner, do not open;
    // nor does the export import.
    await setUp(tenant);
    await createPerson(tenant, 301); // it has keys of its own now
    await asOwner(tenant, "insert into records (tenant_id, collection, id, data) values ($1, 'people', $2, $3::jsonb)", [
      tenant,
      copied[0]!.id,
      copied[0]!.data,
    ]);
    expect((await call(tenant, 'member', 'GET', `/v1/collections/people/records/${id}`)).json()).toMatchObject({ status: 500, code: 'data_corrupt' });
    await asOwner(tenant, 'delete from records where tenant_id = $1', [tenant]);
    expect((await call(tenant, 'admin', 'DELETE', '/v1/collections/people')).statusCode).toBe(204);
    const imported = await admin('POST', `/v1/tenants/${tenant}/import`, exported, NDJSON);
    expect(imported.statusCode).toBe(400);
    expect(imported.json().detail).toMatch(/do not open with this tenant's keys/);
  });

  it('exports ciphertext: it imports back into its own tenant, not into another', async () => {
    const tenant = tenantId('enc-exp');
    await setUp(tenant);
    const ids = [await createPerson(tenant, 400), await createPerson(tenant, 401)];
    const exported = (await admin('GET', `/v1/tenants/${tenant}/export`)).body;
    expect(exported).not.toContain(SECRET_SSN);
    expect(exported).not.toContain(SECRET_NOTE);
    // Another tenant: its keys do not open them (and nothing is written).
    const other = tenantId('enc-imp');
    await t.tenants.create({ id: other });
    const refused = await admin('POST', `/v1/tenants/${other}/import`, exported, NDJSON);
    expect(refused.json()).toMatchObject({ status: 400 });
    expect(refused.json().detail).toMatch(/do not open with this tenant's keys/);
    // Its own tenant, emptied: back as they were.
    expect((await call(tenant, 'admin', 'DELETE', '/v1/collections/people')).statusCode).toBe(204);
    const restored = await admin('POST', `/v1/tenants/${tenant}/import`, exported, NDJSON);
    expect(restored.statusCode, restored.body).toBe(200);
    for (const [i, id] of ids.entries()) {
      expect((await call(tenant, 'member', 'GET', `/v1/collections/people/records/${id}`)).json().data).toEqual(person(400 + i));
    }
    expect((await call(tenant, 'admin', 'GET', '/v1/collections/people')).json().encrypted).toEqual(['ssn', 'notes']);
    // A file carrying a declared encrypted field in clear is refused.
    expect((await call(tenant, 'admin', 'DELETE', '/v1/collections/people')).statusCode).toBe(204);
    const tampered = exported.replace(/"data":\{/, `"data":{"ssn":"${SECRET_SSN}",`);
    expect((await admin('POST', `/v1/tenants/${tenant}/import`, tampered, NDJSON)).json().detail).toMatch(/in clear|sha256|checksum/);
  });

  it('keeps ciphertext valid across a move between strategies (the AAD names the tenant, not the place)', async () => {
    const tenant = tenantId('enc-mov');
    await setUp(tenant);
    const id = await createPerson(tenant, 500);
    const before = (await asOwner<{ data: string }>(tenant, 'select data::text as data from records where tenant_id = $1', [tenant]))[0]!.data;
    const trail = (await call(tenant, 'admin', 'GET', '/v1/audit')).json().items;
    expect(trail).toHaveLength(2);
    const { operation } = await t.tenants.requestMove(tenant, { isolation: 'schema' });
    expect(await t.operations.runOne(operation.id)).toMatchObject({ status: 'succeeded' });
    expect((await t.catalog.getFresh(tenant))!.isolation).toBe('schema');
    const after = (await asOwner<{ data: string }>(tenant, 'select data::text as data from records where tenant_id = $1', [tenant]))[0]!.data;
    expect(after).toBe(before); // copied as is
    expect((await call(tenant, 'member', 'GET', `/v1/collections/people/records/${id}`)).json().data).toEqual(person(500));
    // The audit trail moved with it, as it was: it verifies, and goes on from its head.
    expect((await call(tenant, 'admin', 'GET', '/v1/audit')).json().items).toEqual(trail);
    expect((await call(tenant, 'admin', 'POST', '/v1/collections', { name: 'after_move' })).statusCode).toBe(201);
    expect((await call(tenant, 'admin', 'GET', '/v1/audit/verify')).json()).toMatchObject({ ok: true, entries: 3, firstBroken: null });
  });

  it('writes keyed workflow records into an encrypted collection bound to the id they keep', async () => {
    const tenant = (await t.catalog.getFresh(A))!;
    const scopes = t.withTenant.bind(t);
    const sandbox = new Sandbox();
    try {
      const svc = new RecordsService(t, sandbox);
      const write = async (items: Array<Record<string, unknown>>, ids: string[]) => {
        const checked = await svc.prepareWrite(scopes, tenant.id, 'people', items);
        return t.withTenant(tenant, (scope) => svc.writeIdempotent(scope, 'people', items, { ids, key: 'name', checked }));
      };
      const first = await write([{ name: 'keyed', ssn: SECRET_SSN }], ['00000000-0000-7000-8000-000000000001']);
      expect(first.written).toBe(1);
      const again = await write([{ name: 'keyed', ssn: '111-22-3333' }], ['00000000-0000-7000-8000-000000000002']);
      expect(again.written).toBe(1);
      const page = await svc.queryRecords(tenant, 'people', { filter: { kind: 'leaf', field: 'name', op: '$eq', value: 'keyed' }, limit: 10 });
      expect(page.items).toMatchObject([{ id: '00000000-0000-7000-8000-000000000001', version: 2, data: { ssn: '111-22-3333' } }]);
      const checked = await svc.prepareWrite(scopes, tenant.id, 'people', [{ name: 'y', ssn: SECRET_SSN }]);
      await expect(
        t.withTenant(tenant, (scope) =>
          svc.writeIdempotent(scope, 'people', [{ name: 'y', ssn: SECRET_SSN }], { ids: ['00000000-0000-7000-8000-000000000004'], key: 'ssn', checked }),
        ),
      ).rejects.toMatchObject({ code: 'field_encrypted' });
    } finally {
      await sandbox.close();
    }
  });

  it('is refused at startup when malformed, unreadable, or not the one that wrapped the keys; rotate-master re-wraps every key', async () => {
    const oldKey = env.config.masterKey!;
    const id = tenantId('enc-mk');
    // A rotation re-wraps; a wrong key or none refuses to start (Tenantry.open runs checkMasters).
    await t.tenants.create({ id });
    const services = Services.over(t);
    try {
      await services.records.createCollection(id, { name: 'c', encrypted: ['s'] });
      await services.records.create(id, 'c', [{ s: SECRET_SSN }]);
    } finally {
      await services.close();
    }
    await expect(loadMasterKeys({ dataDir: env.config.dataDir, masterKey: 'not base64!' })).rejects.toThrow(/TENANTRY_MASTER_KEY is not base64/);
    await expect(loadMasterKeys({ dataDir: env.config.dataDir, masterKey: randomBytes(16).toString('base64') })).rejects.toThrow(
      /must be 32 bytes in base64.*got 16/,
    );
    await expect(loadMasterKeys({ dataDir: env.config.dataDir, masterKeyFile: '/nonexistent/key' })).rejects.toThrow(/TENANTRY_MASTER_KEY_FILE: cannot read/);
    expect(() => loadConfig({ TENANTRY_MASTER_KEY: 'short' })).toThrow(/TENANTRY_MASTER_KEY must be 32 bytes/);
    const newKey = randomBytes(32).toString('base64');
    const control = t.storage.control.kysely<KeysDatabase>();
    // The wrong key alone: the catalog's keys need the old one, and the startup check says so.
    await expect(new DataKeys(control, { current: parseMasterKey(newKey, 'new') }, { cacheMs: 0 }).checkMasters()).rejects.toThrow(
      /need a master key this process does not have.*TENANTRY_MASTER_KEY_PREVIOUS/,
    );
    // New key with the old as previous (what `tenantry keys rotate-master` runs with): every key re-wrapped.
    const rotating = new DataKeys(control, { current: parseMasterKey(newKey, 'new'), previous: parseMasterKey(oldKey, 'old') }, { cacheMs: 0 });
    await rotating.checkMasters();
    const rewrapped = await rotating.rewrapAll();
    expect(rewrapped.total).toBeGreaterThanOrEqual(3); // A's, B's, this one's, …
    expect(rewrapped.rewrapped).toBe(rewrapped.total);
    expect(await rotating.rewrapAll()).toEqual({ rewrapped: 0, total: 0 });
    // Last in this file: the app and its Tenantry are closed here (the app first: closing it flushes
    // its meter into the catalog), and reopened with the new key alone.
    await app.close();
    t = await env.open({ config: { masterKey: newKey } });
    app = await buildApp({ tenantry: t, adminToken: ADMIN, cursorSecret: 'c' });
    const again = Services.over(t);
    try {
      const page = await again.records.queryRecords(id, 'c', { limit: 10 });
      expect(page.items[0]!.data).toEqual({ s: SECRET_SSN });
    } finally {
      await again.close();
    }
  });

  it('generates one into the data directory (mode 0600) when none is configured, and says so once', async () => {
    const heard: string[] = [];
    const settings = { dataDir: `${env.config.dataDir}/gen` };
    const first = await loadMasterKeys(settings, (file) => heard.push(file));
    const second = await loadMasterKeys(settings, (file) => heard.push(file));
    expect(first.current.id).toBe(second.current.id);
    expect(heard).toEqual([`${settings.dataDir}/master-key`]);
    const { stat } = await import('node:fs/promises');
    expect((await stat(heard[0]!)).mode & 0o777).toBe(0o600);
  });
});
