import { CompiledQuery } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Services } from '../src/services.js';
import { adminQuery, type DatabaseBackend, type Lease, type SqlConnection, type Statement } from '../src/storage/backends/backend.js';
import { routerOf } from '../src/storage/internals.js';
import { FENCE_SCHEMA, quoteIdent, quoteLiteral } from '../src/storage/names.js';
import type { Isolation } from '../src/storage/placement.js';
import type { Tenantry } from '../src/tenantry.js';
import { backend, createTestEnv, tenantId, uniq, type TestEnv } from './support/harness.js';

/**
 * Issue 19: a point read fell 10× once a collection grew, because the planner walked the tenant's
 * whole collection in records_collection_created rather than probing records_pkey — the two cost the
 * same on the estimates of a table whose statistics predate its rows. Each hot statement here is the
 * one the code sends (recorded off the connection while the code runs, with its parameters), planned
 * in the scope and role the code plans it in (RLS included), and must reach its tables through the
 * intended index whatever the statistics say: right after a bulk load that was never analyzed, after
 * ANALYZE, and after another bulk load the statistics have not seen. Statements the code prepares are
 * planned generic as well as custom.
 */

const STRATEGIES: readonly Isolation[] = ['pooled', 'schema', 'database'];
/** Records per real tenant and collection in each load, and other pooled tenants sharing the tables. */
const RECORDS = 10_000;
const OTHER_TENANTS = 400;
const OTHER_RECORDS = 25;
const RUNS = 4_000;
/** Tenants in the catalog in each load (half of them with a queue), and API keys of one tenant. */
const CATALOG_TENANTS = 6_000;
const API_KEYS = 10_000;

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

interface Access {
  relation: string;
  how: string;
  indexes: string[];
}

/** How each relation is read in `plan`: its scan node and the indexes it uses (a bitmap's included). */
function accesses(plan: PlanNode): Access[] {
  const out: Access[] = [];
  const bitmapIndexes = (node: PlanNode): string[] =>
    node['Node Type'] === 'Bitmap Index Scan' ? [node['Index Name']!] : (node.Plans ?? []).flatMap((child) => bitmapIndexes(child));
  const walk = (node: PlanNode) => {
    const relation = node['Relation Name'];
    if (relation && node['Node Type'] !== 'ModifyTable') {
      const indexes = node['Node Type'] === 'Bitmap Heap Scan' ? bitmapIndexes(node) : node['Index Name'] ? [node['Index Name']] : [];
      out.push({ relation, how: node['Node Type'], indexes });
    }
    for (const child of node.Plans ?? []) walk(child);
  };
  walk(plan);
  return out;
}

const describeAccess = (list: Access[]) => list.map((a) => `${a.how} on ${a.relation}${a.indexes.length ? ` using ${a.indexes.join('+')}` : ''}`).join('; ');

/** Every read of a relation named in `intended` goes through one of the indexes named for it; at least one is read. */
function expectIntended(plan: PlanNode, intended: Record<string, readonly string[]>, label: string): void {
  const seen = accesses(plan);
  expect(
    seen.filter((a) => a.relation in intended).length,
    `${label}: none of ${Object.keys(intended).join(', ')} is read — ${describeAccess(seen)}`,
  ).toBeGreaterThan(0);
  for (const [relation, indexes] of Object.entries(intended)) {
    for (const read of seen.filter((a) => a.relation === relation)) {
      const ok = read.how !== 'Seq Scan' && read.indexes.length > 0 && read.indexes.every((i) => indexes.includes(i));
      expect.soft(ok, `${label}: ${relation} must be read through ${indexes.join(' or ')} — ${describeAccess(seen)}`).toBe(true);
    }
  }
}

/** A parameter as an SQL literal of unknown type (EXECUTE coerces it to the type PREPARE inferred). */
function literal(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (value instanceof Date) return quoteLiteral(value.toISOString());
  if (typeof value === 'object') return quoteLiteral(JSON.stringify(value));
  return quoteLiteral(String(value));
}

/** The plan of `statement`: as sent (a custom plan, parameters known), or generic as a prepared statement is after a few runs. */
async function explainOn(run: (sql: string, params?: readonly unknown[]) => Promise<unknown[]>, statement: Statement, generic: boolean): Promise<PlanNode> {
  let rows: unknown[];
  if (!generic) {
    rows = await run(`EXPLAIN (FORMAT JSON) ${statement.sql}`, statement.params ?? []);
  } else {
    const name = `plan_probe_${uniq()}`;
    await run(`PREPARE ${name} AS ${statement.sql}`);
    await run('SET LOCAL plan_cache_mode = force_generic_plan');
    const args = statement.params?.length ? `(${statement.params.map(literal).join(', ')})` : '';
    rows = await run(`EXPLAIN (FORMAT JSON) EXECUTE ${name}${args}`);
    await run(`DEALLOCATE ${name}`);
  }
  const text = (rows[0] as { 'QUERY PLAN': unknown })['QUERY PLAN'];
  return ((typeof text === 'string' ? JSON.parse(text) : text) as Array<{ Plan: PlanNode }>)[0]!.Plan;
}

describe(`hot statements keep their plans whatever the statistics say (${backend})`, () => {
  let env: TestEnv;
  let t: Tenantry;
  let services: Services;
  let apiKey: string;
  const tenants = {} as Record<Isolation, string>;
  const fakePrefix = `zz${uniq()}`;
  /** Statements sent while recording, through tenant scopes and the control plane alike. */
  let sent: Statement[] | undefined;
  let round = 0;

  const recording = (conn: SqlConnection): SqlConnection => ({
    query: (sql, params) => (sent?.push({ sql, params }), conn.query(sql, params)),
    batch: (statements, options) => (sent?.push(...statements), conn.batch(statements, options)),
    exec: (sql) => conn.exec(sql),
  });
  const spied = new WeakSet<DatabaseBackend>();
  const spy = (db: DatabaseBackend, kind: 'acquireApp' | 'acquireAdmin') => {
    const acquire = db[kind].bind(db);
    db[kind] = async (): Promise<Lease> => {
      const lease = await acquire();
      return sent ? { conn: recording(lease.conn), release: (broken) => lease.release(broken) } : lease;
    };
  };

  /** The statements `fn` sends whose text matches `pick`. */
  async function issued(pick: RegExp, fn: () => Promise<unknown>): Promise<Statement[]> {
    const log: Statement[] = [];
    sent = log;
    try {
      await fn();
    } finally {
      sent = undefined;
    }
    const picked = log.filter((s) => pick.test(s.sql));
    expect(picked.length, `no statement matching ${pick} was sent`).toBeGreaterThan(0);
    return picked;
  }

  /** Run `fn` as the owner of `tenant`'s location, given its quoted schema. */
  async function asOwner<T>(tenant: string, fn: (db: DatabaseBackend, schema: string) => Promise<T>): Promise<T> {
    const location = await routerOf(t).open((await t.catalog.get(tenant))!);
    try {
      return await fn(location.db, quoteIdent(location.names.schema));
    } finally {
      location.release();
    }
  }

  const control = () => routerOf(t).controlCluster.main;
  const Q = () => quoteIdent(t.storage.control.schema);

  /** The plans (custom, then generic) of `statements` in `tenant`'s scope, as the code runs them. */
  async function plansInScope(tenant: string, statements: Statement[]): Promise<Array<[string, PlanNode]>> {
    const plans: Array<[string, PlanNode]> = [];
    for (const statement of statements) {
      for (const generic of [false, true]) {
        const plan = await t.withTenant(tenant, async (scope) => {
          const run = async (sql: string, params: readonly unknown[] = []) => (await scope.db.executeQuery(CompiledQuery.raw(sql, [...params]))).rows;
          return explainOn(run, statement, generic);
        });
        plans.push([`${generic ? 'generic' : 'custom'} plan of ${statement.sql.trim().slice(0, 60)}…`, plan]);
      }
    }
    return plans;
  }

  /** The same on `db` as its owner (the control plane's statements, and the fence's). */
  async function plansAsOwner(db: DatabaseBackend, statements: Statement[]): Promise<Array<[string, PlanNode]>> {
    const plans: Array<[string, PlanNode]> = [];
    for (const statement of statements) {
      for (const generic of [false, true]) {
        const lease = await db.acquireAdmin();
        try {
          await lease.conn.query('BEGIN');
          const run = async (sql: string, params: readonly unknown[] = []) => (await lease.conn.query(sql, params)).rows;
          plans.push([`${generic ? 'generic' : 'custom'} plan of ${statement.sql.trim().slice(0, 60)}…`, await explainOn(run, statement, generic)]);
        } finally {
          await lease.conn.query('ROLLBACK');
          lease.release();
        }
      }
    }
    return plans;
  }

  /**
   * Bulk-load, server-side: a collection of RECORDS records, runs and model versions for each real
   * tenant; records, collections, models and fence rows of OTHER_TENANTS more pooled tenants (ids only,
   * not in the catalog); and catalog tenants with queued work items and API keys for the queue's and
   * the keys' tables.
   */
  async function load(): Promise<void> {
    const collection = `items${round}`;
    const fake = `${fakePrefix}r${round}`;
    for (const isolation of STRATEGIES) {
      const id = tenants[isolation];
      await services.records.createCollection(id, { name: collection });
      await asOwner(id, async (db, s) => {
        await adminQuery(
          db,
          `INSERT INTO ${s}.records (tenant_id, collection, id, data, created_at)
           SELECT $1, $2, gen_random_uuid(), jsonb_build_object('n', i, 'status', CASE WHEN i % 100 = 0 THEN 'rare' ELSE 'common' END),
                  now() - make_interval(secs => $3 - i)
             FROM generate_series(1, $3::int) i`,
          [id, collection, RECORDS],
        );
        await adminQuery(
          db,
          `WITH r AS (
             INSERT INTO ${s}.runs (tenant_id, id, workflow, revision, definition, status, trigger, created_at, started_at, finished_at)
             SELECT $1, gen_random_uuid(), 'wf', 1, $2::jsonb, 'succeeded', 'manual', now(), now(), now() FROM generate_series(1, $3::int)
             RETURNING id)
           INSERT INTO ${s}.run_steps (tenant_id, run_id, step_id, needs, status, attempts, output, finished_at)
           SELECT $1, r.id, st.id, st.needs, 'succeeded', 1, '1', now() FROM r, (VALUES ('a', '{}'::text[]), ('b', '{a}'::text[])) st (id, needs)`,
          [id, JSON.stringify(DEFINITION), RUNS],
        );
        await adminQuery(
          db,
          `WITH m AS (
             INSERT INTO ${s}.models (tenant_id, name, kind, collection, features, target)
             SELECT $1, 'm' || $2 || '-' || g, 'regression', $3, '["n"]', 'n' FROM generate_series(1, 100) g RETURNING name)
           INSERT INTO ${s}.model_versions (tenant_id, model, version, status, artifact, finished_at)
           SELECT $1, m.name, v, CASE WHEN v = 3 THEN 'training' ELSE 'ready' END, $4::jsonb, now() FROM m, generate_series(1, 3) v`,
          [id, round, collection, JSON.stringify(ARTIFACT)],
        );
      });
    }
    // Other tenants' rows in the pooled tables.
    await asOwner(tenants.pooled, async (db, s) => {
      await adminQuery(
        db,
        `INSERT INTO ${s}.collections (tenant_id, name) SELECT $1 || '-' || g, c FROM generate_series(1, $2::int) g, (VALUES ('items'), ('other')) v (c)`,
        [fake, OTHER_TENANTS],
      );
      await adminQuery(
        db,
        `INSERT INTO ${s}.records (tenant_id, collection, id, data)
         SELECT $1 || '-' || g, 'items', gen_random_uuid(), jsonb_build_object('n', i) FROM generate_series(1, $2::int) g, generate_series(1, $3::int) i`,
        [fake, OTHER_TENANTS, OTHER_RECORDS],
      );
      await adminQuery(
        db,
        `WITH m AS (
           INSERT INTO ${s}.models (tenant_id, name, kind, collection, target) SELECT $1 || '-' || g, 'm', 'regression', 'items', 'n' FROM generate_series(1, $2::int) g
           RETURNING tenant_id, name)
         INSERT INTO ${s}.model_versions (tenant_id, model, version, status) SELECT m.tenant_id, m.name, v, 'ready' FROM m, generate_series(1, 20) v`,
        [fake, OTHER_TENANTS],
      );
      await adminQuery(
        db,
        `INSERT INTO ${quoteIdent(FENCE_SCHEMA)}.fences (tenant_id, generation) SELECT $1 || '-' || g, 1 FROM generate_series(1, $2::int) g`,
        [fake, OTHER_TENANTS * 10],
      );
    });
    // The control plane: tenants in the catalog, half of them with a queue row and work items (one
    // due, one leased, two held).
    await adminQuery(
      control(),
      `WITH t AS (
         INSERT INTO ${Q()}.tenants (id, name, tier, isolation, cluster, status) SELECT $1 || '-' || g, 'plan test', 'free', 'pooled', 'main', 'active'
           FROM generate_series(1, $2::int) g RETURNING id),
       q AS (INSERT INTO ${Q()}.queue_tenants (tenant_id, served) SELECT id, 0 FROM t WHERE right(id, 1) IN ('0', '2', '4', '6', '8') RETURNING tenant_id)
       INSERT INTO ${Q()}.work_items (tenant_id, run_id, step_id, available_at, lease_until)
       SELECT q.tenant_id, gen_random_uuid(), 's', CASE WHEN i = 1 THEN now() ELSE now() + interval '1 hour' END, CASE WHEN i = 2 THEN now() + interval '1 hour' END
         FROM q, generate_series(1, 4) i`,
      [fake, CATALOG_TENANTS],
    );
    await adminQuery(
      control(),
      `INSERT INTO ${Q()}.api_keys (id, tenant_id, tenant_generation, name, role, secret_hash)
       SELECT substr(md5(random()::text), 1, 16), t.id, t.generation, 'bulk', 'viewer', md5(random()::text)
         FROM ${Q()}.tenants t, generate_series(1, $2::int) g WHERE t.id = $1`,
      [tenants.pooled, API_KEYS],
    );
    round++;
  }

  async function analyze(): Promise<void> {
    await adminQuery(control(), 'ANALYZE');
    await asOwner(tenants.database, (db) => adminQuery(db, 'ANALYZE'));
  }

  /** Keep autovacuum from analyzing behind the test's back, so "not analyzed" means it. */
  async function noAutovacuum(db: DatabaseBackend, schema: string, tables: readonly string[]): Promise<void> {
    for (const table of tables) await adminQuery(db, `ALTER TABLE ${schema}.${quoteIdent(table)} SET (autovacuum_enabled = off)`);
  }

  beforeAll(async () => {
    env = await createTestEnv();
    t = await env.open();
    services = Services.over(t);
    for (const isolation of STRATEGIES) {
      tenants[isolation] = tenantId(`plans-${isolation}`);
      await t.tenants.create({ id: tenants[isolation], isolation });
      await asOwner(tenants[isolation], (db, s) =>
        noAutovacuum(db, s, ['collections', 'records', 'models', 'model_versions', 'workflows', 'runs', 'run_steps']),
      );
    }
    await noAutovacuum(control(), Q(), ['tenants', 'queue_tenants', 'work_items', 'api_keys']);
    await noAutovacuum(control(), quoteIdent(FENCE_SCHEMA), ['fences']);
    const router = routerOf(t);
    const open = router.open.bind(router);
    router.open = async (tenant) => {
      const location = await open(tenant);
      if (!spied.has(location.db)) {
        spied.add(location.db);
        spy(location.db, 'acquireApp');
      }
      return location;
    };
    spy(control(), 'acquireAdmin');
    apiKey = (await services.apiKeys.create((await t.catalog.get(tenants.pooled))!, 'plans', 'member')).key;
  });

  afterAll(async () => {
    if (t) await adminQuery(control(), `DELETE FROM ${Q()}.tenants WHERE id LIKE $1`, [`${fakePrefix}%`]).catch(() => {});
    await services?.close();
    await env?.cleanup();
  });

  const STATES = [
    { name: 'after a bulk load never analyzed', enter: load },
    { name: 'after ANALYZE', enter: analyze },
    { name: 'after another bulk load the statistics have not seen', enter: load },
  ];

  for (const state of STATES) {
    describe(state.name, () => {
      beforeAll(state.enter);

      /** Ids of records in the collection loaded last, from its middle. */
      const targets = (isolation: Isolation) =>
        asOwner(tenants[isolation], async (db, s) => {
          const { rows } = await adminQuery<{ id: string }>(
            db,
            `SELECT id::text FROM ${s}.records WHERE tenant_id = $1 AND collection = $2 ORDER BY created_at, id OFFSET $3 LIMIT 3`,
            [tenants[isolation], `items${round - 1}`, RECORDS / 2],
          );
          return { collection: `items${round - 1}`, ids: rows.map((r) => r.id) };
        });

      for (const isolation of STRATEGIES) {
        // The shared tables are large in the pooled strategy only; a schema's or a database's own
        // collections table is a page or two, where reading it whole is the right plan.
        const collections: Record<string, readonly string[]> = isolation === 'pooled' ? { collections: ['collections_pkey'] } : {};

        it(`point read, update and delete by id, and the create guard (${isolation})`, async () => {
          const id = tenants[isolation];
          const { collection, ids } = await targets(isolation);
          const [readId, writeId, deleteId] = ids as [string, string, string];
          const cases: Array<[string, Statement[], Record<string, readonly string[]>]> = [
            ['point read', await issued(/from "records"/, () => services.records.getRecord(id, collection, readId)), { records: ['records_pkey'] }],
            [
              'update by id',
              await issued(/^\s*UPDATE records/, () => services.records.writeRecord(id, collection, writeId, { n: -1 }, { merge: false })),
              { records: ['records_pkey'], ...collections },
            ],
            ['delete by id', await issued(/"records"/, () => services.records.deleteRecord(id, collection, deleteId)), { records: ['records_pkey'] }],
          ];
          if (isolation === 'pooled') {
            cases.push(['create', await issued(/^\s*INSERT INTO records/, () => services.records.create(id, collection, [{ n: 0 }])), collections]);
          }
          for (const [what, statements, intended] of cases) {
            for (const [label, plan] of await plansInScope(id, statements)) expectIntended(plan, intended, `${what}, ${label}`);
          }
        });

        it(`predict's version lookup (${isolation})`, async () => {
          const id = tenants[isolation];
          const statements = await issued(/order by "version" desc/, () =>
            // The lookup is what is planned, not what the stand-in artifact predicts.
            services.models.predict(id, `m${round - 1}-50`, [{ n: 1 }]).catch(() => undefined),
          );
          for (const [label, plan] of await plansInScope(id, statements)) expectIntended(plan, { model_versions: ['model_versions_pkey'] }, label);
        });

        it(`the workflow engine's begin, succeed and advance (${isolation})`, async () => {
          const id = tenants[isolation];
          const run = await asOwner(id, async (db, s) => {
            const { rows } = await adminQuery<{ id: string }>(
              db,
              `WITH r AS (INSERT INTO ${s}.runs (tenant_id, id, workflow, revision, definition, status, trigger) VALUES ($1, gen_random_uuid(), 'wf', 1, $2::jsonb, 'queued', 'manual') RETURNING id)
               INSERT INTO ${s}.run_steps (tenant_id, run_id, step_id, needs, status)
               SELECT $1, r.id, st.id, st.needs, st.status FROM r, (VALUES ('a', '{}'::text[], 'queued'), ('b', '{a}'::text[], 'pending')) st (id, needs, status)
               RETURNING run_id::text AS id`,
              [id, JSON.stringify(DEFINITION)],
            );
            return rows[0]!.id;
          });
          const steps = services.workflows.steps;
          const begin = await issued(/prepare:tenantry_wf_begin/, () => steps.begin(id, run, 'a', '7'));
          const succeed = await issued(/prepare:tenantry_wf_succeed/, () => steps.succeed(id, run, 'a', '7', { ok: true }));
          const advance = await issued(/prepare:tenantry_wf_advance/, async () => expect((await steps.advance(id, run, 'a', [])).ready).toEqual(['b']));
          for (const [label, plan] of await plansInScope(id, [...begin, ...succeed, ...advance])) {
            expectIntended(plan, { runs: ['runs_pkey'], run_steps: ['run_steps_pkey'] }, label);
          }
        });
      }

      it('API key lookup', async () => {
        const statements = await issued(/"api_keys"/, async () => expect(await services.apiKeys.verify(apiKey)).toBeDefined());
        for (const [label, plan] of await plansAsOwner(control(), statements)) expectIntended(plan, { api_keys: ['api_keys_pkey'] }, label);
      });

      it("the scope prelude's fence check", async () => {
        // enter() runs its lookup as the fence's owner (SECURITY DEFINER), as a plpgsql plan: custom
        // for its first runs in a session, then generic. Its text is read from the function itself.
        const { rows } = await adminQuery<{ src: string }>(
          control(),
          `SELECT p.prosrc AS src FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = $1 AND p.proname = 'enter'`,
          [FENCE_SCHEMA],
        );
        const from = /SELECT f\.epoch INTO here_epoch (FROM [^;]+);/.exec(rows[0]!.src)?.[1];
        expect(from, 'the fence lookup in enter()').toBeDefined();
        const lookup = `SELECT f.epoch ${from!.replace(/\) tenant\b/, () => ') $1::text').replace(/\) gen\b/, () => ') $2::bigint')}`;
        const entry = (await t.catalog.get(tenants.pooled))!;
        for (const [label, plan] of await plansAsOwner(control(), [{ sql: lookup, params: [entry.id, entry.generation] }])) {
          expectIntended(plan, { fences: ['fences_pkey'] }, label);
        }
      });

      it("the workflow queue's claim and ack", async () => {
        const queue = services.workflows.queue;
        let claimed: Awaited<ReturnType<typeof queue.claim>> = [];
        const claim = await issued(/WITH pick AS/, async () => (claimed = await queue.claim(8, 60_000, 'plans-worker')));
        expect(claimed.length).toBeGreaterThan(0);
        const ack = await issued(/DELETE FROM .*work_items/, () => Promise.all(claimed.map((item) => queue.ack(item, ['next']))));
        for (const [label, plan] of await plansAsOwner(control(), [...claim, ...ack])) {
          expectIntended(
            plan,
            {
              work_items: ['work_items_ready', 'work_items_resumed', 'work_items_pkey'],
              queue_tenants: ['queue_tenants_served', 'queue_tenants_pkey'],
              tenants: ['tenants_pkey', 'tenants_id_generation'],
            },
            label,
          );
        }
      });
    });
  }
});

const DEFINITION = {
  steps: [
    { id: 'a', kind: 'transform', with: { expression: '1' } },
    { id: 'b', kind: 'transform', needs: ['a'], with: { expression: '2' } },
  ],
};
/** A stand-in artifact: predict's lookup is what is planned, not what it predicts. */
const ARTIFACT = { kind: 'regression', specs: [], d: 1, weights: [0] };
