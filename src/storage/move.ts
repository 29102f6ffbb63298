import { adminTransaction, type DatabaseBackend, type SqlConnection } from './backends/backend.js';
import { FENCE_ADVANCE_SQL, FENCE_LOCK_SQL, FENCE_OPEN_SQL } from './ddl.js';
import type { FenceEntry } from './fence.js';
import { BOOKKEEPING_TABLES, FENCE_SCHEMA, MIGRATIONS_TABLE, quoteIdent, quoteLiteral } from './names.js';
import type { TenantPlacement } from './placement.js';
import type { OpenLocation, TenantLocations } from './strategies/strategy.js';

/**
 * Moving a tenant's tables from one placement to another (another strategy, another cluster) while
 * the tenant is served: copy in bulk, catch up, then — under the tenant's fence lock at the source,
 * which makes its new scopes wait (not fail) and waits out those in flight — catch up the last
 * changes, verify every table (row count and checksum), let the new placement epoch in at the target
 * and only it at the source. The catalog records the move right after; scopes refused meanwhile
 * wait for it (scope.ts) and run at the new place.
 *
 * Rows travel as JSON (`to_jsonb` / `jsonb_populate_recordset`), table by table, in creation order,
 * read and written by the owner with the tenant set (RLS is forced), so any table a migration adds
 * moves too. Both places must be at the same migration version.
 */

/** Rows per round trip when copying. */
const BATCH = 1000;

/** How long the switch waits for the tenant's scopes in flight to end before giving up (nothing changed). */
const SWITCH_LOCK_TIMEOUT_MS = 5_000;

interface Table {
  name: string;
  /** Primary key columns (tenant_id first) and their SQL types. */
  key: Array<{ name: string; type: string }>;
  /** Every column, in order. */
  columns: string[];
  /** The json and jsonb columns: a JSON null in them is not an SQL NULL, and must travel as itself. */
  json: Array<{ name: string; type: 'json' | 'jsonb' }>;
}

/** Whether two placements of a tenant are in one database (and share its fence row). */
export function sameDatabase(a: TenantPlacement, b: TenantPlacement): boolean {
  return a.cluster === b.cluster && a.isolation !== 'database' && b.isolation !== 'database';
}

/** A transaction as the owner, for `tenantId` (forced RLS), with settings that make row text comparable. */
async function asTenant<T>(db: DatabaseBackend, tenantId: string, fn: (conn: SqlConnection) => Promise<T>): Promise<T> {
  return adminTransaction(db, async (conn) => {
    await enterAs(conn, tenantId);
    return fn(conn);
  });
}

async function enterAs(conn: SqlConnection, tenantId: string): Promise<void> {
  await conn.query(
    `select set_config('tenantry.tenant_id', $1, true), set_config('TimeZone', 'UTC', true), set_config('DateStyle', 'ISO, MDY', true), set_config('extra_float_digits', '3', true)`,
    [tenantId],
  );
}

async function tablesOf(conn: SqlConnection, schema: string): Promise<Table[]> {
  const { rows } = await conn.query<{ name: string; key: Array<{ name: string; type: string }>; columns: string[]; json: Table['json'] | null }>(
    `select c.relname as name,
            (select jsonb_agg(jsonb_build_object('name', a.attname, 'type', format_type(a.atttypid, a.atttypmod)) order by k.ord)
               from pg_index i cross join lateral unnest(i.indkey) with ordinality as k(attnum, ord)
               join pg_attribute a on a.attrelid = c.oid and a.attnum = k.attnum
              where i.indrelid = c.oid and i.indisprimary) as key,
            (select jsonb_agg(a.attname order by a.attnum) from pg_attribute a
              where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped) as columns,
            (select jsonb_agg(jsonb_build_object('name', a.attname, 'type', format_type(a.atttypid, null)) order by a.attnum) from pg_attribute a
              where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped and a.atttypid in ('json'::regtype, 'jsonb'::regtype)) as json
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = $1 and c.relkind in ('r', 'p') and c.relname <> all($2::text[])
      order by c.oid`,
    [schema, BOOKKEEPING_TABLES],
  );
  for (const t of rows) if (!t.key || t.key[0]?.name !== 'tenant_id') throw new Error(`table ${schema}.${t.name} has no primary key led by tenant_id`);
  return rows.map((t) => ({ ...t, json: t.json ?? [] }));
}

async function migrationVersion(conn: SqlConnection, schema: string): Promise<number> {
  const { rows } = await conn.query<{ v: number | null }>(`select max(version)::int as v from ${quoteIdent(schema)}.${quoteIdent(MIGRATIONS_TABLE)}`);
  return rows[0]?.v ?? 0;
}

const qualified = (schema: string, table: string) => `${quoteIdent(schema)}.${quoteIdent(table)}`;
const keyList = (t: Table) => t.key.map((k) => quoteIdent(k.name)).join(', ');
const keyJson = (t: Table, alias: string) =>
  `jsonb_build_object(${t.key.map((k) => `${quoteLiteral(k.name)}, ${alias}.${quoteIdent(k.name)}`).join(', ')})::text`;
const keyRecord = (t: Table) => t.key.map((k) => `${quoteIdent(k.name)} ${k.type}`).join(', ');

/**
 * A row of `t` (aliased `alias`) as a JSON object. to_jsonb writes an SQL NULL and a JSON null alike, as
 * null: a json/jsonb column holding SQL NULL is left out of the object instead, so `upsert` can tell them apart.
 */
function rowJson(t: Table, alias: string): string {
  if (t.json.length === 0) return `to_jsonb(${alias})`;
  const nulls = t.json.map((c) => `CASE WHEN ${alias}.${quoteIdent(c.name)} IS NULL THEN ${quoteLiteral(c.name)} END`);
  return `(to_jsonb(${alias}) - array_remove(ARRAY[${nulls.join(', ')}]::text[], NULL))`;
}

/** Insert or replace rows (as JSON objects, from rowJson) in `schema`.`table`. */
async function upsert(conn: SqlConnection, schema: string, t: Table, rows: unknown[]): Promise<void> {
  if (rows.length === 0) return;
  const rest = t.columns.filter((c) => !t.key.some((k) => k.name === c));
  const onConflict = rest.length === 0 ? 'DO NOTHING' : `DO UPDATE SET ${rest.map((c) => `${quoteIdent(c)} = excluded.${quoteIdent(c)}`).join(', ')}`;
  const table = qualified(schema, t.name);
  // json/jsonb columns straight from the object (absent: SQL NULL; null: JSON null), the rest as typed by the table.
  const values =
    t.json.length === 0
      ? `SELECT * FROM jsonb_populate_recordset(NULL::${table}, $1::jsonb)`
      : `SELECT ${t.columns
          .map((c) => {
            const json = t.json.find((j) => j.name === c);
            return json ? `(e.r -> ${quoteLiteral(c)})::${json.type}` : `p.${quoteIdent(c)}`;
          })
          .join(', ')} FROM jsonb_array_elements($1::jsonb) AS e(r) CROSS JOIN LATERAL jsonb_populate_record(NULL::${table}, e.r) AS p`;
  await conn.query(`INSERT INTO ${table} ${values} ON CONFLICT (${keyList(t)}) ${onConflict}`, [JSON.stringify(rows)]);
}

/** Each row's key (canonical JSON text) and the MD5 of its text. */
async function hashes(conn: SqlConnection, schema: string, t: Table, tenantId: string): Promise<Map<string, string>> {
  const { rows } = await conn.query<{ k: string; h: string }>(
    `SELECT ${keyJson(t, 't')} AS k, md5(t::text) AS h FROM ${qualified(schema, t.name)} t WHERE t.tenant_id = $1`,
    [tenantId],
  );
  return new Map(rows.map((r) => [r.k, r.h]));
}

/** Row count and a checksum over every row, in key order. */
async function checksum(conn: SqlConnection, schema: string, t: Table, tenantId: string): Promise<string> {
  const { rows } = await conn.query<{ n: number; sum: string | null }>(
    `SELECT count(*)::int AS n, md5(string_agg(md5(t::text), '' ORDER BY ${t.key.map((k) => `t.${quoteIdent(k.name)}`).join(', ')})) AS sum
       FROM ${qualified(schema, t.name)} t WHERE t.tenant_id = $1`,
    [tenantId],
  );
  return `${rows[0]!.n}:${rows[0]!.sum ?? ''}`;
}

/** The two ends of a move, each leased open. */
interface Ends {
  source: OpenLocation;
  target: OpenLocation;
  tables: Table[];
}

export interface MoveProgress {
  (update: { done: number; total: number; step: string }): Promise<void>;
}

/**
 * Copy every row of the tenant from `from` to `to` (in bulk, by key order), then bring `to` level
 * with what changed meanwhile (by comparing row checksums). Runs while the tenant is served; what
 * changes after it is caught up by `switchPlacement` under the lock. Re-running it is harmless.
 */
export async function copyTenant(router: TenantLocations, from: TenantPlacement, to: TenantPlacement, progress: MoveProgress): Promise<void> {
  await withEnds(router, from, to, async ({ source, target, tables }) => {
    const atSource: Runner = (fn) => asTenant(source.db, from.id, fn);
    const atTarget: Runner = (fn) => asTenant(target.db, to.id, fn);
    const total = await asTenant(source.db, from.id, async (conn) => {
      let n = 0;
      for (const t of tables)
        n += Number(
          (await conn.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${qualified(source.names.schema, t.name)} WHERE tenant_id = $1`, [from.id])).rows[0]!
            .n,
        );
      return n;
    });
    let done = 0;
    await progress({ done, total, step: 'copying' });
    for (const t of tables) {
      let after: Record<string, unknown> | undefined;
      for (;;) {
        const order = t.key.map((k) => `t.${quoteIdent(k.name)}`).join(', ');
        const where = after
          ? `AND (${order}) > (SELECT ${t.key.map((k) => `x.${quoteIdent(k.name)}`).join(', ')} FROM jsonb_to_record($2::jsonb) AS x(${keyRecord(t)}))`
          : '';
        const { rows } = await asTenant(source.db, from.id, (conn) =>
          conn.query<{ r: Record<string, unknown> }>(
            `SELECT ${rowJson(t, 't')} AS r FROM ${qualified(source.names.schema, t.name)} t WHERE t.tenant_id = $1 ${where} ORDER BY ${order} LIMIT ${BATCH}`,
            after ? [from.id, JSON.stringify(after)] : [from.id],
          ),
        );
        if (rows.length === 0) break;
        await upsertParentsFirst(
          source,
          target,
          tables,
          t,
          rows.map((r) => r.r),
          from.id,
          atSource,
          atTarget,
        );
        done += rows.length;
        await progress({ done, total, step: `copying ${t.name}` });
        const last = rows.at(-1)!.r;
        after = Object.fromEntries(t.key.map((k) => [k.name, last[k.name]]));
        if (rows.length < BATCH) break;
      }
    }
    // What changed while the bulk copy ran.
    await progress({ done, total, step: 'catching up' });
    await catchUp(source, target, tables, from.id, atSource, atTarget);
  });
}

type Runner = <T>(fn: (conn: SqlConnection) => Promise<T>) => Promise<T>;

/**
 * Write `rows` of `t` at the target. A row whose parent was made after the parent's table was read
 * (a collection made mid-move, then a record in it) fails its foreign key: the tables before `t`
 * are brought level, once, and the rows written again.
 */
async function upsertParentsFirst(
  source: OpenLocation,
  target: OpenLocation,
  tables: readonly Table[],
  t: Table,
  rows: unknown[],
  tenantId: string,
  atSource: Runner,
  atTarget: Runner,
): Promise<void> {
  try {
    await atTarget((conn) => upsert(conn, target.names.schema, t, rows));
  } catch (error) {
    if ((error as { code?: string }).code !== '23503') throw error;
    await catchUp(source, target, tables.slice(0, tables.indexOf(t)), tenantId, atSource, atTarget);
    await atTarget((conn) => upsert(conn, target.names.schema, t, rows));
  }
}

/**
 * Make the target's rows equal to the source's, every table: read both sides' row checksums, delete
 * what the source no longer has (children before parents: newest tables first), then write what is
 * missing or changed (parents before children), so foreign keys hold at every statement.
 */
async function catchUp(
  source: OpenLocation,
  target: OpenLocation,
  tables: readonly Table[],
  tenantId: string,
  atSource: Runner,
  atTarget: Runner,
): Promise<number> {
  const diffs = [];
  for (const t of tables) {
    const wanted = await atSource((conn) => hashes(conn, source.names.schema, t, tenantId));
    const have = await atTarget((conn) => hashes(conn, target.names.schema, t, tenantId));
    diffs.push({ t, stale: [...have.keys()].filter((k) => !wanted.has(k)), missing: [...wanted].filter(([k, h]) => have.get(k) !== h).map(([k]) => k) });
  }
  for (const { t, stale } of [...diffs].reverse()) {
    for (let i = 0; i < stale.length; i += BATCH) {
      const keys = `[${stale.slice(i, i + BATCH).join(',')}]`;
      await atTarget((conn) =>
        conn.query(
          `DELETE FROM ${qualified(target.names.schema, t.name)} t USING jsonb_to_recordset($1::jsonb) AS k(${keyRecord(t)}) WHERE ${t.key.map((c) => `t.${quoteIdent(c.name)} = k.${quoteIdent(c.name)}`).join(' AND ')}`,
          [keys],
        ),
      );
    }
  }
  for (const { t, missing } of diffs) {
    for (let i = 0; i < missing.length; i += BATCH) {
      const keys = `[${missing.slice(i, i + BATCH).join(',')}]`;
      const { rows } = await atSource((conn) =>
        conn.query<{ r: unknown }>(
          `SELECT ${rowJson(t, 't')} AS r FROM ${qualified(source.names.schema, t.name)} t JOIN jsonb_to_recordset($1::jsonb) AS k(${keyRecord(t)}) USING (${keyList(t)})`,
          [keys],
        ),
      );
      await upsertParentsFirst(
        source,
        target,
        tables,
        t,
        rows.map((r) => r.r),
        tenantId,
        atSource,
        atTarget,
      );
    }
  }
  return diffs.reduce((n, d) => n + d.stale.length + d.missing.length, 0);
}

async function withEnds<T>(router: TenantLocations, from: TenantPlacement, to: TenantPlacement, fn: (ends: Ends) => Promise<T>): Promise<T> {
  const source = await router.open(from);
  try {
    const target = await router.open(to);
    try {
      const [tables, versions] = await asTenant(source.db, from.id, async (conn) => [
        await tablesOf(conn, source.names.schema),
        await migrationVersion(conn, source.names.schema),
      ]);
      const [targetTables, targetVersion] = await asTenant(target.db, to.id, async (conn) => [
        await tablesOf(conn, target.names.schema),
        await migrationVersion(conn, target.names.schema),
      ]);
      if (versions !== targetVersion) {
        throw new Error(`the tenant's tables are at migration ${versions} and the new place at ${targetVersion}: run \`tenantry migrate\` first`);
      }
      const names = (ts: Table[]) => ts.map((t) => `${t.name}(${t.columns.join(',')})`).join(' ');
      if (names(tables) !== names(targetTables)) throw new Error('the tables at the two places differ; run `tenantry migrate` first');
      return await fn({ source, target, tables });
    } finally {
      target.release();
    }
  } finally {
    source.release();
  }
}

export interface SwitchResult {
  /** How long the tenant's new scopes waited (the lock held at the source), in milliseconds. */
  pauseMs: number;
  /** Of which waiting for the tenant's scopes in flight to end. */
  lockWaitMs: number;
  /** Rows the last catch-up wrote or deleted. */
  lastChanges: number;
}

/**
 * The switch: take the tenant's fence lock at the source (its scopes in flight end; new ones wait
 * in the fence), catch up the last changes, verify each table's row count and checksum at both
 * places, let `toEpoch` in at the target, advance the source's fence to it (from the commit on, a
 * scope routed by the old catalog entry is refused there), and commit. Any failure before the commit
 * leaves the source as it was — still current, nothing switched. `toEpoch` must be later than the
 * tenant's epoch; the catalog is the caller's next step.
 */
export async function switchPlacement(
  router: TenantLocations,
  from: TenantPlacement & FenceEntry,
  to: TenantPlacement,
  toEpoch: number,
): Promise<SwitchResult> {
  return withEnds(router, from, to, async ({ source, target, tables }) => {
    const shared = sameDatabase(from, to);
    return adminTransaction(source.db, async (conn) => {
      const started = Date.now();
      // A scope that holds the tenant's lock long (an import) makes the switch give up rather than
      // keep the tenant waiting behind it: nothing has changed yet, and the move fails cleanly.
      await conn.query(`SELECT set_config('lock_timeout', '${SWITCH_LOCK_TIMEOUT_MS}ms', true)`);
      await conn.query(FENCE_LOCK_SQL, [from.id]);
      await conn.query(`SELECT set_config('lock_timeout', '0', true)`);
      const locked = Date.now();
      await enterAs(conn, from.id);
      // One database (an embedded one has a single session): everything on this connection.
      const atSource: Runner = (fn) => fn(conn);
      const atTarget: Runner = shared ? atSource : (fn) => asTenant(target.db, to.id, fn);
      const lastChanges = await catchUp(source, target, tables, from.id, atSource, atTarget);
      for (const t of tables) {
        const [a, b] = [await atSource((c) => checksum(c, source.names.schema, t, from.id)), await atTarget((c) => checksum(c, target.names.schema, t, to.id))];
        if (a !== b) throw new Error(`verification failed for table ${t.name}: ${a} at the source, ${b} at the new place`);
      }
      if (!shared) await atTarget((c) => c.query(FENCE_OPEN_SQL, [to.id, from.generation, toEpoch]));
      await conn.query(FENCE_ADVANCE_SQL, [from.id, toEpoch, from.generation]);
      return { pauseMs: Date.now() - started, lockWaitMs: locked - started, lastChanges };
    });
  });
}

/** The placement epoch the source's fence admits now (undefined: no fence row there). */
export async function fenceEpoch(router: TenantLocations, tenant: TenantPlacement & { generation: number }): Promise<number | undefined> {
  const location = await router.open(tenant);
  try {
    const { rows } = await adminTransaction(location.db, (conn) =>
      conn.query<{ epoch: string | number }>(`SELECT epoch FROM ${quoteIdent(FENCE_SCHEMA)}.fences WHERE tenant_id = $1 AND generation = $2`, [
        tenant.id,
        tenant.generation,
      ]),
    );
    return rows[0] ? Number(rows[0].epoch) : undefined;
  } finally {
    location.release();
  }
}

/** Undo a switch the catalog never recorded: the source admits `fromEpoch` again (and nothing else moved). */
export async function retreatFence(router: TenantLocations, tenant: TenantPlacement & FenceEntry, toEpoch: number): Promise<void> {
  const location = await router.open(tenant);
  try {
    await adminTransaction(location.db, async (conn) => {
      await conn.query(FENCE_LOCK_SQL, [tenant.id]);
      await conn.query(`UPDATE ${quoteIdent(FENCE_SCHEMA)}.fences SET epoch = $2 WHERE tenant_id = $1 AND generation = $3 AND epoch = $4`, [
        tenant.id,
        tenant.placementEpoch,
        tenant.generation,
        toEpoch,
      ]);
    });
  } finally {
    location.release();
  }
}
