/**
 * Scope hooks: statements attached to a scope commit with its work or not at all, on every strategy and
 * in every kind of scope (single statement, transaction, read-only), run as the scope's tenant only, and
 * hooks registered with TenantScopes.use attach to every scope.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Isolation } from '../src/storage/placement.js';
import type { TenantScope } from '../src/storage/scope.js';
import type { Tenantry } from '../src/tenantry.js';
import { backend, createTestEnv, tenantId, type TestEnv } from './support/harness.js';

const STRATEGIES: Isolation[] = ['pooled', 'schema', 'database'];

describe(`scope hooks (${backend})`, () => {
  let env: TestEnv;
  let t: Tenantry;
  const tenants = {} as Record<Isolation, string>;
  let other: string;
  /** Tenants whose scopes the registered hook marks. */
  const marked = new Set<string>();

  beforeAll(async () => {
    env = await createTestEnv();
    t = await env.open();
    for (const isolation of STRATEGIES) {
      tenants[isolation] = tenantId(`hook-${isolation.slice(0, 2)}`);
      await t.tenants.create({ id: tenants[isolation], isolation });
    }
    other = tenantId('hook-other');
    await t.tenants.create({ id: other, isolation: 'pooled' });
    // A hook for every scope: marked tenants get a row per scope (as a usage counter would).
    t.scopes.use((scope) => {
      if (marked.has(scope.tenantId)) scope.attach(scope.db.insertInto('collections').values({ name: `scope-${Date.now()}-${Math.random()}` }));
    });
  });
  afterAll(async () => env?.cleanup());

  const collectionNames = (id: string) =>
    t.withTenant(id, async (s) => (await s.db.selectFrom('collections').select('name').orderBy('name').execute()).map((r) => r.name));
  const add = (s: TenantScope, name: string) => s.db.insertInto('collections').values({ name });

  for (const isolation of STRATEGIES) {
    it(`${isolation}: attached statements commit with a single-statement scope, in its round trip, or not at all`, async () => {
      const id = tenants[isolation];
      await t.withTenant(
        id,
        async (s) => {
          s.attach(add(s, 'single-audit'));
          await add(s, 'single-main').execute();
        },
        { singleStatement: true },
      );
      expect(await collectionNames(id)).toEqual(expect.arrayContaining(['single-audit', 'single-main']));
      // Attached statements run after the statement (they see what it wrote), with parameters of any
      // type (a Date here, in a statement that is not the batch's last), still in its one round trip;
      // the scope answers with the statement's own result.
      const returned = await t.withTenant(
        id,
        async (s) => {
          s.attach(s.db.insertInto('collections').values({ name: 'single-dated', created_at: new Date('2020-02-02T00:00:00Z') }));
          s.attach(
            s.db
              .updateTable('collections')
              .set({ schema: JSON.stringify({ type: 'object' }) })
              .where('name', '=', 'single-later'),
          );
          return add(s, 'single-later').returning('name').executeTakeFirst();
        },
        { singleStatement: true },
      );
      expect(returned).toEqual({ name: 'single-later' });
      const later = await t.withTenant(id, (s) =>
        s.db.selectFrom('collections').select(['name', 'schema', 'created_at']).where('name', 'in', ['single-later', 'single-dated']).orderBy('name').execute(),
      );
      expect(later.map((r) => [r.name, r.schema])).toEqual([
        ['single-dated', null],
        ['single-later', { type: 'object' }],
      ]);
      expect(new Date(later[0]!.created_at).toISOString()).toBe('2020-02-02T00:00:00.000Z');
      // The statement fails (the name exists): its attachment is not committed either.
      await expect(
        t.withTenant(
          id,
          async (s) => {
            s.attach(add(s, 'single-orphan'));
            await add(s, 'single-main').execute();
          },
          { singleStatement: true },
        ),
      ).rejects.toThrow();
      expect(await collectionNames(id)).not.toContain('single-orphan');
      // Attaching after the statement ran is a programming error, said so.
      await expect(
        t.withTenant(
          id,
          async (s) => {
            await s.db.selectFrom('collections').select('name').execute();
            s.attach(add(s, 'too-late'));
          },
          { singleStatement: true },
        ),
      ).rejects.toThrow(/attach before the statement/);
      expect(await collectionNames(id)).not.toContain('too-late');
    });

    it(`${isolation}: an attachment that locks until commit (the audit append) commits with a single-statement scope or not at all, and leaves its connection usable`, async () => {
      // A tenant of its own: the counted quota of collections (20 by default) leaves room for these.
      const id = tenantId(`hook-lk-${isolation.slice(0, 2)}`);
      await t.tenants.create({ id, isolation });
      const single = (main: string, attached: string) =>
        t.withTenant(
          id,
          async (s) => {
            s.attach(add(s, attached), { ifWritten: true, locksUntilCommit: true });
            return add(s, main).returning('name').executeTakeFirst();
          },
          { singleStatement: true },
        );
      expect(await single('locking-main', 'locking-attached')).toEqual({ name: 'locking-main' });
      expect(await collectionNames(id)).toEqual(expect.arrayContaining(['locking-main', 'locking-attached']));
      // The statement fails, or the attachment after it does (the name exists): neither is committed.
      // Sent while others of the tenant are under way, on PostgreSQL the batch runs in an explicit
      // transaction (BatchOptions.releaseLocksBeforeFlush), which a failure leaves aborted: rolled
      // back, so the connections serve the next scopes.
      const settled = await Promise.allSettled([
        single('locking-con-1', 'locking-con-attached-1'),
        single('locking-main', 'locking-orphan'),
        single('locking-orphan-2', 'locking-attached'),
        single('locking-main', 'locking-orphan-3'),
        single('locking-orphan-4', 'locking-attached'),
        single('locking-con-2', 'locking-con-attached-2'),
      ]);
      expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'rejected', 'rejected', 'fulfilled']);
      const names = await collectionNames(id);
      for (const orphan of ['locking-orphan', 'locking-orphan-2', 'locking-orphan-3', 'locking-orphan-4']) expect(names).not.toContain(orphan);
      expect(names).toEqual(expect.arrayContaining(['locking-con-1', 'locking-con-attached-1', 'locking-con-2', 'locking-con-attached-2']));
      for (let round = 0; round < 2; round++) {
        const done = await Promise.all([0, 1, 2].map((i) => single(`locking-next-${round}-${i}`, `locking-next-attached-${round}-${i}`)));
        expect(done.map((r) => r?.name)).toEqual([0, 1, 2].map((i) => `locking-next-${round}-${i}`));
      }
      // A scope that opened no transaction sends its attachments with its set-up, the same way.
      await t.withTenant(id, async (s) => s.attach(add(s, 'locking-alone'), { locksUntilCommit: true }));
      expect(await collectionNames(id)).toEqual(expect.arrayContaining(['locking-next-1-2', 'locking-next-attached-1-2', 'locking-alone']));
    });

    it(`${isolation}: attached statements commit with a transaction or a read-only scope, and roll back with it`, async () => {
      const id = tenants[isolation];
      await t.withTenant(id, async (s) => {
        await add(s, 'tx-main').execute();
        s.attach(add(s, 'tx-audit'));
        await s.db.selectFrom('collections').selectAll().execute();
      });
      await expect(
        t.withTenant(id, async (s) => {
          await add(s, 'tx-doomed').execute();
          s.attach(add(s, 'tx-orphan'));
          throw new Error('changed my mind');
        }),
      ).rejects.toThrow('changed my mind');
      await t.withTenant(id, async (s) => {
        await s.db.selectFrom('collections').selectAll().execute();
        s.attach(add(s, 'read-audit'));
      });
      const names = await collectionNames(id);
      expect(names).toEqual(expect.arrayContaining(['tx-main', 'tx-audit', 'read-audit']));
      expect(names).not.toContain('tx-doomed');
      expect(names).not.toContain('tx-orphan');
    });
  }

  it("an attached statement runs as the scope's tenant: it cannot write another tenant's rows, and takes the scope down with it", async () => {
    const id = tenants.pooled;
    await expect(
      t.withTenant(id, async (s) => {
        s.attach(s.db.insertInto('collections').values({ name: 'planted', tenant_id: other } as never));
        await add(s, 'with-planted').execute();
      }),
    ).rejects.toThrow(/row-level security|violates/);
    expect(await collectionNames(other)).not.toContain('planted');
    expect(await collectionNames(id)).not.toContain('with-planted');
  });

  it('a registered hook attaches to every scope of every kind, and its rows stay with their tenant', async () => {
    const id = tenants.schema;
    const before = (await collectionNames(id)).filter((n) => n.startsWith('scope-')).length;
    marked.add(id);
    try {
      await t.withTenant(id, (s) => add(s, 'hooked-single').execute(), { singleStatement: true });
      await t.withTenant(id, (s) => add(s, 'hooked-tx').execute());
      await t.withTenant(id, (s) => s.db.selectFrom('collections').selectAll().execute());
    } finally {
      marked.delete(id);
    }
    expect((await collectionNames(id)).filter((n) => n.startsWith('scope-')).length).toBe(before + 3);
    for (const elsewhere of [tenants.pooled, tenants.database, other]) {
      expect((await collectionNames(elsewhere)).filter((n) => n.startsWith('scope-'))).toEqual([]);
    }
  });
});
