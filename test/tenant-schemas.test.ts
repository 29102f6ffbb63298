import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type TenantryApp } from '../src/api/app.js';
import { SCHEMA_MAX_EXPANSION } from '../src/records/tenant-schema.js';
import type { Tenantry } from '../src/tenantry.js';
import { issueKeys } from './support/keys.js';
import { backend, createTestEnv, tenantId, type TestEnv } from './support/harness.js';
import { callerAs } from './support/http.js';

const ADMIN = 'admin-token-schema-tests';
type Role = 'admin' | 'member' | 'viewer';

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
}

/**
 * Collection schemas are the tenant's own code, run on every write: they must not stall or crash the
 * process, nor reach another tenant's schemas (red-team findings: `^(a+)+$` blocked every tenant for
 * 20 s on 31 characters; 26 chained `$defs` exhausted memory; one Ajv made `$id` a global namespace).
 */
describe(`tenant schemas are bounded and private (${backend})`, () => {
  let env: TestEnv;
  let t: Tenantry;
  let app: TenantryApp;
  const A = tenantId('sch-a');
  const B = tenantId('sch-b');
  const keys: Record<string, Record<Role, string>> = {};
  const call = callerAs(() => app, keys);
  const collection = (tenant: string, name: string, schema: unknown) => call(tenant, 'admin', 'POST', '/v1/collections', { name, schema });
  const write = (tenant: string, name: string, data: unknown) => call(tenant, 'member', 'POST', `/v1/collections/${name}/records`, { data });

  beforeAll(async () => {
    env = await createTestEnv();
    t = await env.open();
    app = await buildApp({ tenantry: t, adminToken: ADMIN, cursorSecret: 'c' });
    for (const id of [A, B]) {
      await t.tenants.create({ id, isolation: id === A ? 'pooled' : 'schema' });
      keys[id] = await issueKeys(app, ADMIN, id, ['admin', 'member', 'viewer']);
      await t.tenants.update(id, { limits: { requestsPerMinute: 100_000 } });
    }
  });

  afterAll(async () => {
    await app?.close();
    await env?.cleanup();
  });

  it('a catastrophic-backtracking pattern answers at once, for the tenant and for everyone else', async () => {
    expect((await collection(A, 'redos', { type: 'object', properties: { s: { type: 'string', pattern: '^(a+)+$' } } })).statusCode).toBe(201);
    const attack = await timed(() => write(A, 'redos', { s: `${'a'.repeat(5_000)}b` }));
    expect(attack.value.statusCode).toBe(400);
    expect(attack.value.json().detail).toMatch(/must match pattern/);
    expect(attack.ms).toBeLessThan(1_000);
    const other = await timed(() => call(B, 'viewer', 'GET', '/v1/collections'));
    expect(other.value.statusCode).toBe(200);
    expect(other.ms).toBeLessThan(1_000);
    expect((await write(A, 'redos', { s: 'aaaa' })).statusCode).toBe(201);
  });

  it('patterns the linear-time engine cannot run are refused when the schema is set, naming them', async () => {
    for (const pattern of ['(?=a)a', '(a)\\1']) {
      const res = await collection(A, 'lookaround', { type: 'string', pattern });
      expect(res.statusCode).toBe(400);
      expect(res.json().detail).toContain(`pattern '${pattern}' cannot be used`);
    }
    // JavaScript escapes are understood.
    expect((await collection(A, 'accents', { type: 'object', properties: { c: { type: 'string', pattern: '^\\u00e9+$' } } })).statusCode).toBe(201);
    expect((await write(A, 'accents', { c: 'éé' })).statusCode).toBe(201);
    expect((await write(A, 'accents', { c: 'e' })).statusCode).toBe(400);
  });

  it('a chain of $refs that would explode is refused when the schema is set, and the process lives', async () => {
    const defs: Record<string, unknown> = { d26: { type: 'string' } };
    for (let i = 0; i < 26; i++) defs[`d${i}`] = { anyOf: [{ $ref: `#/$defs/d${i + 1}` }, { $ref: `#/$defs/d${i + 1}` }] };
    const res = await timed(() => collection(A, 'bomb', { $ref: '#/$defs/d0', $defs: defs }));
    expect(res.value.statusCode).toBe(400);
    expect(res.value.json().detail).toContain(`more than ${SCHEMA_MAX_EXPANSION} subschemas`);
    expect(res.ms).toBeLessThan(2_000);
    // Infinite recursion without data, remote refs and oversized schemas too.
    expect((await collection(A, 'loop', { anyOf: [{ $ref: '#' }] })).json().detail).toMatch(/infinite recursion/);
    expect((await collection(A, 'remote', { $ref: 'https://acme.example/order.json' })).json().detail).toMatch(/must be local/);
    const big = { type: 'object', description: 'x'.repeat(70_000) };
    expect((await collection(A, 'big', big)).json().detail).toMatch(/bytes of JSON; the limit is 65536/);
  });

  it("$id names stay inside one schema: a tenant cannot reach, reveal or break another's", async () => {
    const secret = { $id: 'https://acme.example/order.json', type: 'object', properties: { code: { type: 'string', enum: ['A-SECRET-CODE'] } } };
    expect((await collection(A, 'orders', secret)).statusCode).toBe(201);
    // First write to a collection whose schema has an $id (a 500 before).
    expect((await write(A, 'orders', { code: 'A-SECRET-CODE' })).statusCode).toBe(201);
    // B refers to A's $id: refused as non-local, and nothing of A's schema is echoed.
    const probe = await collection(B, 'probe', { $ref: 'https://acme.example/order.json' });
    expect(probe.statusCode).toBe(400);
    expect(probe.body).not.toContain('A-SECRET-CODE');
    // B reuses A's $id for a schema of its own: fine, and each tenant keeps its own meaning.
    const mine = { $id: 'https://acme.example/order.json', type: 'object', properties: { code: { type: 'number' } } };
    expect((await collection(B, 'orders', mine)).statusCode).toBe(201);
    expect((await write(B, 'orders', { code: 7 })).statusCode).toBe(201);
    const refused = await write(B, 'orders', { code: 'A-SECRET-CODE' });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).not.toContain('A-SECRET-CODE');
    expect((await write(A, 'orders', { code: 'A-SECRET-CODE' })).statusCode).toBe(201);
    // Restarted (a fresh app compiles in the other order): both still work.
    const again = await buildApp({ tenantry: t, adminToken: ADMIN, cursorSecret: 'c' });
    try {
      const post = (tenant: string, data: unknown) =>
        again.inject({
          method: 'POST',
          url: '/v1/collections/orders/records',
          payload: { data },
          headers: { authorization: `Bearer ${keys[tenant]!.member}` },
        });
      expect((await post(B, { code: 8 })).statusCode).toBe(201);
      expect((await post(A, { code: 'A-SECRET-CODE' })).statusCode).toBe(201);
    } finally {
      await again.close();
    }
  });

  it('recursive schemas work, checked off the request thread under the deadline', async () => {
    const tree = { type: 'object', properties: { value: { type: 'number' }, children: { type: 'array', items: { $ref: '#' } } }, required: ['value'] };
    expect((await collection(A, 'trees', tree)).statusCode).toBe(201);
    expect((await write(A, 'trees', { value: 1, children: [{ value: 2, children: [{ value: 3 }] }] })).statusCode).toBe(201);
    const bad = await write(A, 'trees', { value: 1, children: [{ value: 2, children: [{ value: 'x' }] }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().detail).toContain('/children/0/children/0/value must be number');
    // A recursion that fans out at every level is exponential in the data's depth: it hits the
    // tenant's deadline (400) instead of holding the process.
    await t.tenants.update(A, { limits: { requestsPerMinute: 100_000, evaluationTimeoutMs: 500 } });
    const fan = {
      anyOf: [
        { type: 'object', properties: { x: { $ref: '#' } } },
        { type: 'object', properties: { x: { $ref: '#' } }, maxProperties: 5 },
      ],
    };
    expect((await collection(A, 'fans', fan)).statusCode).toBe(201);
    let deep: Record<string, unknown> = { x: 1 };
    for (let i = 0; i < 60; i++) deep = { x: deep };
    const slow = await timed(() => write(A, 'fans', deep));
    expect(slow.value.statusCode).toBe(400);
    expect(slow.value.json().detail).toMatch(/ran longer than 500 ms/);
    expect(slow.ms).toBeLessThan(5_000);
  });

  it('uniqueItems is linear: a large array of objects checks in moments', async () => {
    expect((await collection(A, 'uniq', { type: 'object', properties: { list: { type: 'array', uniqueItems: true } } })).statusCode).toBe(201);
    const list = Array.from({ length: 20_000 }, (_, i) => ({ n: i, tag: `t${i}` }));
    const ok = await timed(() => write(A, 'uniq', { list }));
    expect(ok.value.statusCode).toBe(201);
    expect(ok.ms).toBeLessThan(3_000);
    const dup = await write(A, 'uniq', { list: [{ a: 1, b: 2 }, { c: 3 }, { b: 2, a: 1 }] });
    expect(dup.statusCode).toBe(400);
    expect(dup.json().detail).toMatch(/duplicate items \(items ## 0 and 2/);
  });
});
