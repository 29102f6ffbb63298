/**
 * The per-request lookups (a tenant's catalog entry, an API key's row) are cached briefly; when an entry
 * is missing or expired, concurrent requests share one query instead of queueing identical ones on the
 * small catalog pool. Sharing must never serve a change late: a lookup that began before a change
 * (suspension, revocation, rotation) does not refill the cache, so the next request reads the catalog
 * again — and a revoked key stops working at once in the process that revoked it, and within the cache
 * time (TENANTRY_CATALOG_CACHE_MS, default 1 s) in every other.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ApiKeys } from '../src/auth/api-keys.js';
import type { Tenantry } from '../src/tenantry.js';
import { backend, createTestEnv, tenantId, type TestEnv } from './support/harness.js';

/**
 * The next call of `object[method]` reads for real, then is held from answering until `answer()`: a
 * lookup on its way, with the change under test made while it is (left to chance, its query could
 * reach the database after the change and read it).
 */
function holdOnce<O extends object, K extends keyof O>(object: O, method: K) {
  const real = (object[method] as (...args: unknown[]) => Promise<unknown>).bind(object);
  let read!: () => void;
  let answer!: () => void;
  const hasRead = new Promise<void>((resolve) => (read = resolve));
  const mayAnswer = new Promise<void>((resolve) => (answer = resolve));
  const held: { mockRestore(): void } = vi.spyOn(object, method as never).mockImplementationOnce((async (...args: unknown[]) => {
    const value = await real(...args);
    read();
    await mayAnswer;
    return value;
  }) as never);
  return { hasRead, answer, held };
}

describe(`lookup coalescing (${backend})`, () => {
  let env: TestEnv;
  let t: Tenantry;
  let a: string;
  let b: string;

  beforeAll(async () => {
    // A catalog cache (the harness has none by default): "does not refill the cache" is only tested with one.
    env = await createTestEnv({ catalogCacheMs: 60_000 });
    t = await env.open();
    a = tenantId('coal-a');
    b = tenantId('coal-b');
    await t.tenants.create({ id: a, isolation: 'pooled' });
    await t.tenants.create({ id: b, isolation: 'pooled' });
  });
  afterAll(async () => env?.cleanup());

  it('concurrent catalog misses of one tenant share one query, and each tenant gets its own entry', async () => {
    t.catalog.invalidate(a);
    t.catalog.invalidate(b);
    const fresh = vi.spyOn(t.catalog, 'getFresh');
    try {
      const got = await Promise.all([...Array.from({ length: 16 }, () => t.catalog.get(a)), ...Array.from({ length: 16 }, () => t.catalog.get(b))]);
      expect(fresh).toHaveBeenCalledTimes(2);
      expect(got.slice(0, 16).every((x) => x?.id === a)).toBe(true);
      expect(got.slice(16).every((x) => x?.id === b)).toBe(true);
    } finally {
      fresh.mockRestore();
    }
  });

  it('a lookup that began before a change does not refill the cache: the next request sees the change', async () => {
    t.catalog.invalidate(a);
    // The lookup reads the tenant, and is held from answering until the suspension is done.
    const { hasRead, answer, held: fresh } = holdOnce(t.catalog, 'getFresh');
    let before: Awaited<ReturnType<Tenantry['catalog']['get']>>;
    try {
      const lookup = t.catalog.get(a); // on its way, reading the tenant active
      await hasRead;
      await t.tenants.suspend(a); // changes the row and invalidates the entry
      answer();
      before = await lookup;
    } finally {
      fresh.mockRestore();
    }
    expect(before?.status).toBe('active'); // began before the suspension: says active…
    expect((await t.catalog.get(a))?.status).toBe('suspended'); // …but was not cached: the next one reads again
    await t.tenants.resume(a);
    expect((await t.catalog.get(a))?.status).toBe('active');
  });

  it('concurrent verifications of one key share one query; revocation applies to the next request, even with a lookup in flight', async () => {
    const keys = new ApiKeys(t.catalog, 60_000);
    const { key, id } = await keys.create(await t.tenants.get(a), 'k', 'member');
    const otherKey = (await keys.create(await t.tenants.get(b), 'k', 'member')).key;
    const find = vi.spyOn(t.catalog, 'findApiKey');
    try {
      const verified = await Promise.all(Array.from({ length: 16 }, () => keys.verify(key)));
      expect(find).toHaveBeenCalledTimes(1);
      expect(verified.every((v) => v?.tenantId === a)).toBe(true);
      // A key of another tenant is its own entry: never answered from a's.
      expect((await keys.verify(otherKey))?.tenantId).toBe(b);
      // Cached for a minute, yet revoked here: refused at once.
      await keys.revoke(a, id);
      expect(await keys.verify(key)).toBeUndefined();
    } finally {
      find.mockRestore();
    }
    // A lookup in flight while the key is revoked: it may answer its own callers, but caches nothing.
    const second = await keys.create(await t.tenants.get(a), 'k2', 'member');
    const inFlight = keys.verify(second.key);
    await keys.revoke(a, second.id);
    await inFlight;
    expect(await keys.verify(second.key)).toBeUndefined();
  });
  it("concurrent misses of a tenant's data keys share one load; a load in flight while keys are destroyed caches nothing", async () => {
    const ref = { id: a, generation: (await t.tenants.get(a)).generation };
    const made = await t.keys.keyring(ref, { create: true });
    t.keys.forget(ref);
    const load = vi.spyOn(t.keys, 'loadFresh');
    try {
      const rings = await Promise.all(Array.from({ length: 16 }, () => t.keys.keyring(ref)));
      expect(load).toHaveBeenCalledTimes(1);
      expect(rings.every((r) => r.tenantId === a && r.current?.version === made.current?.version)).toBe(true);
      expect(t.keys.cached(ref)).toBe(rings[0]);
    } finally {
      load.mockRestore();
    }
    // Crypto-shredding: a load that read the keys before they were destroyed may answer its caller,
    // but must not put them back into the cache, where later reads would still find them.
    t.keys.forget(ref);
    const { hasRead, answer, held } = holdOnce(t.keys, 'loadFresh');
    try {
      const inFlight = t.keys.keyring(ref);
      await hasRead;
      await t.keys.destroy(a, ref.generation);
      answer();
      expect((await inFlight).current).toBeDefined(); // read before the destruction
    } finally {
      held.mockRestore();
    }
    expect(t.keys.cached(ref)).toBeUndefined();
    expect((await t.keys.keyring(ref)).current).toBeUndefined();
  });
});
