import { sql, type Generated } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appMigrationSet, TENANT_ID_COLUMN, TENANT_MIGRATIONS, tenantRlsSql, type Migration } from '../src/storage/migrations/tenant-migrations.js';
import type { Isolation } from '../src/storage/placement.js';
import { migrateTenants } from '../src/tenancy/migrate.js';
import type { Tenantry } from '../src/tenantry.js';
import { backend, createTestEnv, tenantId, type TestEnv } from './support/harness.js';
import { STRATEGIES } from './support/placements.js';

/** The application's tables as Kysely sees them (what an app declares for withTenant). */
interface AppDB {
  tasks: { tenant_id: Generated<string>; id: number; title: string; seq: Generated<string> };
}

const TASKS: Migration = {
  version: 1,
  name: 'tasks',
  // An identity column: its sequence needs no grant of its own (the app role has INSERT on the table).
  sql: `CREATE TABLE tasks (${TENANT_ID_COLUMN}, id integer NOT NULL, title text NOT NULL, seq bigint GENERATED ALWAYS AS IDENTITY, PRIMARY KEY (tenant_id, id));
${tenantRlsSql('tasks')};`,
};

/** Version 2 candidates, each breaking one guarantee (and each first creating a good table, which must not survive). */
const BAD: Record<string, { sql: string; table: string; says: RegExp }> = {
  'no tenant_id': {
    table: 'bad_plain',
    sql: `CREATE TABLE bad_plain (id integer PRIMARY KEY, body text);`,
    says: /table bad_plain has no tenant_id column/,
  },
  'key not led by tenant_id': {
    table: 'bad_key',
    sql: `CREATE TABLE bad_key (${TENANT_ID_COLUMN}, id integer NOT NULL, PRIMARY KEY (id, tenant_id)); ${tenantRlsSql('bad_key')};`,
    says: /table bad_key has a primary key led by id, not tenant_id/,
  },
  'RLS not forced': {
    table: 'bad_unforced',
    sql: `CREATE TABLE bad_unforced (${TENANT_ID_COLUMN}, id integer NOT NULL, PRIMARY KEY (tenant_id, id)); ${tenantRlsSql('bad_unforced')};
ALTER TABLE bad_unforced NO FORCE ROW LEVEL SECURITY;`,
    says: /table bad_unforced does not have row-level security enabled and forced/,
  },
  'a policy of its own instead': {
    table: 'bad_own',
    sql: `CREATE TABLE bad_own (${TENANT_ID_COLUMN}, id integer NOT NULL, PRIMARY KEY (tenant_id, id));
ALTER TABLE bad_own ENABLE ROW LEVEL SECURITY; ALTER TABLE bad_own FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON bad_own USING (tenant_id IS NOT NULL);`,
    says: /table bad_own lacks Tenantry's tenant_isolation policy/,
  },
  'a looser policy besides': {
    table: 'bad_loose',
    sql: `CREATE TABLE bad_loose (${TENANT_ID_COLUMN}, id integer NOT NULL, PRIMARY KEY (tenant_id, id)); ${tenantRlsSql('bad_loose')};
CREATE POLICY everyone_reads ON bad_loose FOR SELECT USING (true);`,
    says: /table bad_loose has permissive policies of its own \(everyone_reads\)/,
  },
  'a view': {
    table: 'bad_view',
    sql: `CREATE VIEW bad_view AS SELECT * FROM tasks;`,
    says: /table bad_view is a view/,
  },
};

describe(`an application's own tenant tables (${backend})`, () => {
  let env: TestEnv;
  let t: Tenantry<AppDB>;
  const ids = {} as Record<Isolation, string>;
  let other: string;

  beforeAll(async () => {
    env = await createTestEnv();
    t = (await env.open({ appMigrations: [TASKS] })) as unknown as Tenantry<AppDB>;
    for (const isolation of STRATEGIES) {
      ids[isolation] = tenantId(`app${isolation[0]}`);
      await t.tenants.create({ id: ids[isolation], isolation });
    }
    other = tenantId('appother');
    await t.tenants.create({ id: other, isolation: 'pooled' });
  });

  afterAll(async () => {
    await env?.cleanup();
  });

  it('provisioning creates them in every location, typed in scopes, tenant_id filled in by the scope', async () => {
    for (const isolation of STRATEGIES) {
      await t.withTenant(ids[isolation], ({ db }) =>
        db
          .insertInto('tasks')
          .values({ id: 1, title: `for ${isolation}` })
          .execute(),
      );
      const rows = await t.withTenant(ids[isolation], ({ db }) => db.selectFrom('tasks').select(['tenant_id', 'id', 'title']).execute());
      expect(rows).toEqual([{ tenant_id: ids[isolation], id: 1, title: `for ${isolation}` }]);
    }
    // The other pooled tenant shares the table and sees none of it, even through raw SQL.
    const seen = await t.withTenant(other, async ({ db }) => (await sql<{ n: number }>`select count(*)::int as n from tasks`.execute(db)).rows[0]!.n);
    expect(seen).toBe(0);
    // Nor can it write a row for another tenant.
    await expect(
      t.withTenant(other, ({ db }) =>
        db
          .insertInto('tasks')
          .values({ tenant_id: ids.pooled, id: 2, title: 'x' } as never)
          .execute(),
      ),
    ).rejects.toThrow(/row-level security/);
  });

  it('migrate() reports them apart from Tenantry’s own (nothing pending after provisioning)', async () => {
    const report = await t.migrate({ dryRun: true });
    expect(report.failed).toEqual([]);
    for (const r of report.results) expect({ key: r.key, versions: r.versions, app: r.appVersions }).toEqual({ key: r.key, versions: [], app: [] });
  });

  it.each(Object.keys(BAD))('a migration with %s is refused in every location, naming the table, and leaves nothing behind', async (label) => {
    const bad = BAD[label]!;
    const set = [
      ...TENANT_MIGRATIONS,
      ...appMigrationSet([
        TASKS,
        {
          version: 2,
          name: 'bad',
          sql: `CREATE TABLE good_first (${TENANT_ID_COLUMN}, id int, PRIMARY KEY (tenant_id, id)); ${tenantRlsSql('good_first')}; ${bad.sql}`,
        },
      ]),
    ];
    const report = await migrateTenants(t.catalog, t.storage, set);
    // The pool, the schema and the database tenant's: every location refused, none applied it.
    expect(report.results.length).toBe(3);
    expect(report.failed.length).toBe(3);
    for (const r of report.failed) {
      expect(r.error).toMatch(bad.says);
      expect(r.error).toMatch(/^app migration 000002-bad refused/);
      expect(r.appVersions).toEqual([]);
    }
    const pending = await migrateTenants(t.catalog, t.storage, set, { dryRun: true });
    for (const r of pending.results) expect(r.appVersions).toEqual([2]);
    for (const isolation of STRATEGIES) {
      const left = await t.withTenant(ids[isolation], async ({ db }) => {
        const { rows } = await sql<{
          good: string | null;
          bad: string | null;
        }>`select to_regclass('good_first')::text as good, to_regclass(${bad.table})::text as bad`.execute(db);
        return rows[0];
      });
      expect(left).toEqual({ good: null, bad: null });
    }
  });

  it('a new tenant provisioned with a refused set is not created', async () => {
    const broken = await env.open({ appMigrations: [TASKS, { version: 2, name: 'bad', sql: BAD['no tenant_id']!.sql }] });
    try {
      await expect(broken.tenants.create({ id: tenantId('appbad'), isolation: 'schema' })).rejects.toThrow(/table bad_plain has no tenant_id column/);
    } finally {
      t = (await env.open({ appMigrations: [TASKS] })) as unknown as Tenantry<AppDB>;
    }
    expect((await t.catalog.list()).map((x) => x.id)).not.toContain(expect.stringMatching(/^appbad/));
  });
});
