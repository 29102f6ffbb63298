import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ApiKeys } from '../src/auth/api-keys.js';
import { TenantNotFoundError } from '../src/errors.js';
import { adminQuery } from '../src/storage/backends/backend.js';
import { TenantScopes, type TenantDirectory, type TenantInfo } from '../src/storage/scope.js';
import { buildApp } from '../src/api/app.js';
import { Sandbox } from '../src/sandbox/sandbox.js';
import type { Tenantry } from '../src/tenantry.js';
import { WorkQueue } from '../src/workflows/queue.js';
import { backend, createTestEnv, tenantId, type TestEnv } from './support/harness.js';
import { routerOf } from '../src/storage/internals.js';
import { STRATEGIES } from './support/placements.js';

/**
 * A deleted tenant's work in flight — requests that passed their checks, catalog entries cached by
 * other processes, workflow steps — must never write after the deletion, and a tenant re-created under
 * the same id must never see or receive anything of the old one (red-team finding: a re-created pooled
 * tenant saw 35 of the old owner's workflows).
 */
describe(`tenant deletion is fenced (${backend})`, () => {
  let env: TestEnv;
  let t: Tenantry;

  beforeAll(async () => {
    env = await createTestEnv({ catalogCacheMs: 60_000 });
    t = await env.open();
  });

  afterAll(async () => {
    await env?.cleanup();
  });

  /** Scopes that resolve `tenant` from a catalog entry frozen in time: another process's cache, as stale as it gets. */
  const staleScopes = (tenant: TenantInfo) => {
    const directory: TenantDirectory = { get: async () => tenant, invalidate: () => {} };
    return new TenantScopes(routerOf(t), directory);
  };

  /** Wait for `done`, at most 20 s. */
  const until = async (done: () => boolean) => {
    for (const end = Date.now() + 20_000; !done() && Date.now() < end;) await new Promise((r) => setTimeout(r, 5));
  };

  const collections = (id: string) => t.withTenant(id, ({ db }) => db.selectFrom('collections').select('name').execute());

  for (const isolation of STRATEGIES) {
    it(`${isolation}: writers racing the deletion leave nothing for the tenant re-created under the same id`, async () => {
      const id = tenantId(`fence-${isolation.slice(0, 3)}`);
      const old = await t.tenants.create({ id, isolation });
      const stale = staleScopes(old);
      let written = 0;
      let refused = 0;
      let stop = false;
      // Writers that keep creating collections through the old incarnation's catalog entry, each
      // write in its own scope, while the tenant is deleted under them.
      const writer = async (w: number) => {
        for (let i = 0; !stop; i++) {
          try {
            await stale.withTenant(id, ({ db }) =>
              db
                .insertInto('collections')
                .values({ name: `w${w}_${i}` })
                .execute(),
            );
            written++;
            // Embedded PGlite answers through promises only: let timers (the test's own waits) run.
            await new Promise((r) => setImmediate(r));
          } catch {
            // Refused by the fence (TenantNotFoundError), or, for a database tenant, its database
            // dropped or closed under the writer: either way nothing was written.
            refused++;
            await new Promise((r) => setTimeout(r, 2));
          }
        }
      };
      const writers = Array.from({ length: 4 }, (_, w) => writer(w));
      await until(() => written >= 8);
      await t.tenants.delete(id);
      const renewed = await t.tenants.create({ id, isolation });
      expect(renewed.generation).not.toBe(old.generation);
      // Let the stale writers keep trying against the new incarnation for a while.
      const refusedBefore = refused;
      const writtenBefore = written;
      await until(() => refused >= refusedBefore + 8 || written > writtenBefore);
      stop = true;
      await Promise.all(writers);

      expect(written).toBe(writtenBefore);
      expect(await collections(id)).toEqual([]);
      // The old generation stays shut out for good, the new one works.
      await expect(stale.withTenant(id, ({ db }) => db.selectFrom('collections').selectAll().execute())).rejects.toBeInstanceOf(TenantNotFoundError);
      await t.withTenant(id, ({ db }) => db.insertInto('collections').values({ name: 'mine' }).execute());
      expect(await collections(id)).toEqual([{ name: 'mine' }]);
      await t.tenants.delete(id);
    });
  }

  it('work begun for a deleted tenant names its generation: a request or training in flight never reaches the re-created tenant', async () => {
    const id = tenantId('fence-pin');
    const old = await t.tenants.create({ id });
    await t.tenants.delete(id);
    await t.tenants.create({ id });
    // What an old request (authenticated for `old`) or a training it started does after the re-creation.
    const late = t.withTenant(old, ({ db }) => db.insertInto('collections').values({ name: 'late' }).execute());
    await expect(late).rejects.toBeInstanceOf(TenantNotFoundError);
    expect(await collections(id)).toEqual([]);
  });

  it('a request in flight while its tenant is deleted and re-created never writes into the new tenant', async () => {
    const app = await buildApp({ tenantry: t, adminToken: 'admin-token-fence-tests', cursorSecret: 'c' });
    const validate = vi.spyOn(Sandbox.prototype, 'validate');
    try {
      const id = tenantId('fence-flight');
      const recursive = { type: 'object', properties: { next: { $ref: '#' } } }; // checked in the sandbox
      const setUp = async () => {
        const tenant = await t.tenants.create({ id });
        const { key } = await new ApiKeys(t.catalog).create(tenant, 'k', 'admin');
        const res = await app.inject({
          method: 'POST',
          url: '/v1/collections',
          headers: { authorization: `Bearer ${key}` },
          payload: { name: 'inbox', schema: recursive },
        });
        expect(res.statusCode).toBe(201);
        return key;
      };
      const oldKey = await setUp();
      // Hold the old request at its schema check (a slow check widens the window a real one has).
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      let reached!: () => void;
      const atCheck = new Promise<void>((r) => (reached = r));
      const original = validate.getMockImplementation() ?? Sandbox.prototype.validate;
      validate.mockImplementationOnce(async function (this: Sandbox, ...args) {
        reached();
        await held;
        return original.apply(this, args);
      });
      const late = app.inject({
        method: 'POST',
        url: '/v1/collections/inbox/records',
        headers: { authorization: `Bearer ${oldKey}` },
        payload: { data: { from: 'the old tenant' } },
      });
      await atCheck;
      await t.tenants.delete(id);
      const newKey = await setUp();
      release();
      const res = await late;
      expect(res.statusCode).toBe(404);
      const inbox = await app.inject({ method: 'GET', url: '/v1/collections/inbox/records', headers: { authorization: `Bearer ${newKey}` } });
      expect(inbox.json().items).toEqual([]);
    } finally {
      validate.mockRestore();
      await app.close();
    }
  });

  it("a deleted tenant's API key, still cached by a process, does not open the re-created tenant", async () => {
    // This file's environment caches catalog lookups (and so key rows) for a minute, as a server does for a second.
    const app = await buildApp({ tenantry: t, adminToken: 'admin-token-fence-tests', cursorSecret: 'c' });
    try {
      const id = tenantId('fence-key');
      const old = await t.tenants.create({ id });
      const { key } = await new ApiKeys(t.catalog).create(old, 'old', 'admin');
      const get = () => app.inject({ method: 'GET', url: '/v1/tenant', headers: { authorization: `Bearer ${key}` } });
      expect((await get()).statusCode).toBe(200); // the app now holds the key row
      await t.tenants.delete(id);
      const renewed = await t.tenants.create({ id });
      expect(renewed.generation).not.toBe(old.generation);
      const res = await get();
      expect(res.statusCode).toBe(401);
    } finally {
      await app.close();
    }
  });

  it('tenantry migrate gives tenants made before fences existed their row, and never re-admits one being deleted', async () => {
    const kept = await t.tenants.create({ id: tenantId('fence-old'), isolation: 'schema' });
    const going = await t.tenants.create({ id: tenantId('fence-going') });
    const main = routerOf(t).controlCluster.main;
    // As an older version left them: no fence rows.
    for (const id of [kept.id, going.id]) await adminQuery(main, 'DELETE FROM tenantry_fence.fences WHERE tenant_id = $1', [id]);
    await expect(collections(kept.id)).rejects.toBeInstanceOf(TenantNotFoundError);
    await t.catalog.setStatus(going.id, 'deleting');
    await t.migrate();
    expect(await collections(kept.id)).toEqual([]);
    const rows = await adminQuery<{ tenant_id: string }>(main, 'SELECT tenant_id FROM tenantry_fence.fences WHERE tenant_id = ANY($1)', [[kept.id, going.id]]);
    expect(rows.rows.map((r) => r.tenant_id)).toEqual([kept.id]);
  });

  it('an API key or a schedule asked for by the deleted generation is refused, not given to the new one', async () => {
    const id = tenantId('fence-keys');
    const old = await t.tenants.create({ id });
    await t.tenants.delete(id);
    const renewed = await t.tenants.create({ id });
    await expect(new ApiKeys(t.catalog).create(old, 'late', 'admin')).rejects.toBeInstanceOf(TenantNotFoundError);
    const queue = new WorkQueue(t.storage.control);
    const schedule = { cron: '0 * * * *', timezone: 'UTC', nextAt: new Date(Date.now() + 3_600_000) };
    await expect(queue.setSchedule(old, 'nightly', schedule)).rejects.toBeInstanceOf(TenantNotFoundError);
    expect(await t.catalog.listApiKeys(id, { limit: 10 })).toEqual([]);
    // The new generation gets both.
    await new ApiKeys(t.catalog).create(renewed, 'mine', 'admin');
    await queue.setSchedule(renewed, 'nightly', schedule);
    expect(await t.catalog.listApiKeys(id, { limit: 10 })).toHaveLength(1);
  });
});
