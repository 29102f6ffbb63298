import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type TenantryApp } from '../src/api/app.js';
import type { Isolation } from '../src/storage/placement.js';
import type { Tenantry } from '../src/tenantry.js';
import { findCycle } from '../src/workflows/definition.js';
import { issueKeys } from './support/keys.js';
import { backend, createTestEnv, tenantId, type TestEnv } from './support/harness.js';

const ADMIN = 'admin-token-workflow-tests';
const STRATEGIES: Isolation[] = ['pooled', 'schema', 'database'];
/** Every strategy, plus a second pooled tenant: two tenants sharing the same tables is the closest pair. */
const PLACEMENTS = [...STRATEGIES, 'pooled2'] as const;
const isolationOf = (label: (typeof PLACEMENTS)[number]): Isolation => (label === 'pooled2' ? 'pooled' : label);

const DIAMOND = {
  steps: [
    { id: 'load', kind: 'records.query', with: { collection: 'orders', filter: { status: 'open' }, limit: 100 } },
    { id: 'total', kind: 'transform', needs: ['load'], with: { expression: '$sum(steps.load.items.data.amount)' } },
    { id: 'count', kind: 'transform', needs: ['load'], with: { expression: '$count(steps.load.items)' } },
    {
      id: 'notify',
      kind: 'http.request',
      needs: ['total', 'count'],
      with: { url: { $expr: '"https://hooks.example.com/" & input.channel' }, method: 'POST', body: { total: { $expr: 'steps.total' } } },
      retry: { attempts: 3, backoff: { type: 'exponential', delayMs: 100 } },
      timeoutMs: 5000,
    },
  ],
  schedule: { cron: '0 */5 * * * *', timezone: 'Europe/Paris' },
};

describe(`workflow definitions over HTTP (${backend})`, () => {
  let env: TestEnv;
  let t: Tenantry;
  let app: TenantryApp;
  const tenants = {} as Record<(typeof PLACEMENTS)[number], string>;
  const keys: Record<string, Record<'admin' | 'viewer', string>> = {};

  const call = (tenant: string, role: 'admin' | 'viewer', method: string, url: string, payload?: unknown) =>
    app.inject({ method: method as 'GET', url, payload: payload as object, headers: { authorization: `Bearer ${keys[tenant]![role]}` } });

  beforeAll(async () => {
    env = await createTestEnv();
    t = await env.open();
    app = await buildApp({ tenantry: t, adminToken: ADMIN, cursorSecret: 'c' });
    for (const label of PLACEMENTS) {
      const id = tenantId(`wf-${label.slice(0, 3)}${label.slice(-1)}`);
      tenants[label] = id;
      await t.tenants.create({ id, isolation: isolationOf(label) });
      keys[id] = await issueKeys(app, ADMIN, id, ['admin', 'viewer']);
      expect((await call(id, 'admin', 'PUT', `/v1/workflows/own_${label}`, { steps: [{ id: 'wait', kind: 'delay', with: { ms: 10 } }] })).statusCode).toBe(201);
    }
  });

  afterAll(async () => {
    await app?.close();
    await env?.cleanup();
  });

  it('creates, reads, replaces, lists and deletes a definition', async () => {
    const id = tenants.pooled;
    const created = await call(id, 'admin', 'PUT', '/v1/workflows/daily_report', DIAMOND);
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ name: 'daily_report', revision: 1, schedule: { cron: '0 */5 * * * *', timezone: 'Europe/Paris' } });
    expect(created.json().steps).toEqual(DIAMOND.steps);
    const read = await call(id, 'viewer', 'GET', '/v1/workflows/daily_report');
    expect(read.json()).toEqual(created.json());
    const replaced = await call(id, 'admin', 'PUT', '/v1/workflows/daily_report', { steps: DIAMOND.steps.slice(0, 2), schedule: { cron: '@hourly' } });
    expect(replaced.statusCode).toBe(200);
    expect(replaced.json()).toMatchObject({ revision: 2, schedule: { cron: '@hourly', timezone: 'UTC' } });
    expect(replaced.json().steps).toHaveLength(2);
    const list = await call(id, 'viewer', 'GET', '/v1/workflows?limit=1');
    expect(list.json().items.map((w: { name: string }) => w.name)).toEqual(['daily_report']);
    const next = await call(id, 'viewer', 'GET', `/v1/workflows?limit=1&cursor=${encodeURIComponent(list.json().nextCursor)}`);
    expect(next.json().items.map((w: { name: string }) => w.name)).toEqual(['own_pooled']);
    expect((await call(id, 'viewer', 'PUT', '/v1/workflows/daily_report', DIAMOND)).statusCode).toBe(403);
    expect((await call(id, 'viewer', 'DELETE', '/v1/workflows/daily_report')).statusCode).toBe(403);
    expect((await call(id, 'admin', 'DELETE', '/v1/workflows/daily_report')).statusCode).toBe(204);
    expect((await call(id, 'viewer', 'GET', '/v1/workflows/daily_report')).statusCode).toBe(404);
    expect((await call(id, 'admin', 'DELETE', '/v1/workflows/daily_report')).statusCode).toBe(404);
  });

  it('refuses bad definitions with a 400 naming the problem, storing nothing', async () => {
    const id = tenants.schema;
    const step = (extra: object) => ({ id: 'a', kind: 'delay', with: { ms: 1 }, ...extra });
    const cases: Array<[unknown, RegExp]> = [
      [{ steps: [] }, /steps/],
      [{ steps: [step({}), step({})] }, /'a' is used by another step/],
      [{ steps: [step({ kind: 'shell.exec' })] }, /kind/],
      [{ steps: [step({ needs: ['ghost'] })] }, /needs 'ghost', which is not a step/],
      [{ steps: [step({ needs: ['a'] })] }, /needs itself/],
      [{ steps: [step({ id: 'a', needs: ['c'] }), step({ id: 'b', needs: ['a'] }), step({ id: 'c', needs: ['b'] })] }, /cycle: a → c → b → a/],
      [{ steps: [step({ id: 'has space' })] }, /must match/],
      [{ steps: [step({ with: {} })] }, /with\.ms is required for delay/],
      [{ steps: [step({ with: { ms: 'soon' } })] }, /with\.ms must be a number/],
      [{ steps: [step({ with: { ms: 1, seconds: 2 } })] }, /seconds is not a parameter of delay/],
      [{ steps: [{ id: 't', kind: 'transform', with: { expression: 'input.a +' } }] }, /steps\[0\]\.with\.expression: JSONata error at \d+/],
      [{ steps: [step({ with: { ms: { $expr: '$$$(' } } })] }, /steps\[0\]\.with\.ms: JSONata error/],
      [{ steps: [{ id: 'h', kind: 'http.request', with: { url: 'https://x', body: { deep: [{ $expr: '1 +' }] } } }] }, /with\.body\.deep\[0\]: JSONata error/],
      [{ steps: [step({ retry: { attempts: 0 } })] }, /attempts/],
      [{ steps: [step({ timeoutMs: -1 })] }, /timeoutMs/],
      [{ steps: [step({})], schedule: { cron: '61 * * * *' } }, /schedule\.cron '61 \* \* \* \*' does not parse/],
      [{ steps: [step({})], schedule: { cron: '* * * * *', timezone: 'Mars/Olympus' } }, /not an IANA time zone/],
      [{ steps: [step({})], extra: true }, /unknown property 'extra'/],
      // Expressions are parsed on the request thread when a definition is stored: bounded in length.
      [{ steps: [{ id: 't', kind: 'transform', with: { expression: `1${' + 1'.repeat(5_000)}` } }] }, /at most 16384 characters, this one 20001/],
      [
        { steps: Array.from({ length: 6 }, (_, i) => ({ id: `t${i}`, kind: 'transform', with: { expression: `1${' + 1'.repeat(3_000)}` } })) },
        /at most 65536 characters in all, this one's 72006/,
      ],
    ];
    for (const [body, detail] of cases) {
      const res = await call(id, 'admin', 'PUT', '/v1/workflows/broken', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().detail, JSON.stringify(body)).toMatch(detail);
    }
    expect((await call(id, 'viewer', 'GET', '/v1/workflows/broken')).statusCode).toBe(404);
    // A bad replacement leaves the stored definition as it was.
    const before = (await call(id, 'viewer', 'GET', '/v1/workflows/own_schema')).json();
    expect((await call(id, 'admin', 'PUT', '/v1/workflows/own_schema', { steps: [step({ needs: ['a'] })] })).statusCode).toBe(400);
    expect((await call(id, 'viewer', 'GET', '/v1/workflows/own_schema')).json()).toEqual(before);
  });

  it('finds cycles in larger graphs and accepts any DAG', () => {
    const chain = Array.from({ length: 50 }, (_, i) => ({ id: `s${i}`, kind: 'delay' as const, needs: i ? [`s${i - 1}`] : [] }));
    expect(findCycle(chain)).toBeUndefined();
    const fan = [
      { id: 'root', kind: 'delay' as const },
      ...Array.from({ length: 20 }, (_, i) => ({ id: `f${i}`, kind: 'delay' as const, needs: ['root'] })),
      { id: 'join', kind: 'delay' as const, needs: Array.from({ length: 20 }, (_, i) => `f${i}`) },
    ];
    expect(findCycle(fan)).toBeUndefined();
    expect(findCycle([...chain.slice(1), { ...chain[0]!, needs: ['s49'] }])).toHaveLength(51);
  });

  for (const a of PLACEMENTS) {
    for (const b of PLACEMENTS) {
      if (a === b) continue;
      it(`a ${a} tenant cannot read, replace, delete or list a ${b} tenant's workflows`, async () => {
        const A = tenants[a];
        const B = tenants[b];
        const name = `own_${b}`;
        const before = (await call(B, 'viewer', 'GET', `/v1/workflows/${name}`)).json();
        expect((await call(A, 'admin', 'GET', `/v1/workflows/${name}`)).statusCode).toBe(404);
        expect((await call(A, 'admin', 'DELETE', `/v1/workflows/${name}`)).statusCode).toBe(404);
        // A PUT of the same name makes A's own workflow; B's is untouched.
        const mine = await call(A, 'admin', 'PUT', `/v1/workflows/${name}`, { steps: [{ id: 'x', kind: 'delay', with: { ms: 1 } }] });
        expect([200, 201]).toContain(mine.statusCode);
        expect((await call(B, 'viewer', 'GET', `/v1/workflows/${name}`)).json()).toEqual(before);
        const names = (await call(A, 'viewer', 'GET', '/v1/workflows')).json().items.map((w: { name: string }) => w.name);
        expect(names).toContain(`own_${a}`);
        expect((await call(A, 'admin', 'DELETE', `/v1/workflows/${name}`)).statusCode).toBe(204);
        expect((await call(B, 'viewer', 'GET', `/v1/workflows/${name}`)).statusCode).toBe(200);
      });
    }
  }
});
