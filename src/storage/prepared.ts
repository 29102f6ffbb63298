import { createHash } from 'node:crypto';

/**
 * A statement whose text starts with this comment is prepared once per connection under that name
 * (constant statements on hot paths: their planning is paid once, not per call). Only the text
 * written in the code carries it; the values stay parameters.
 */
export const PREPARE_MARK = /^\/\* prepare:([a-z][a-z0-9_]{0,50}) \*\//;

/** The prefix of the names statementName gives statements it prepares on its own (PgConnection evicts only these). */
export const AUTO_PREPARED_PREFIX = 'tenantry_auto_';

/** Longer texts are never prepared (bulk inserts, long IN lists: one-offs whose text varies with their size). */
const MAX_PREPARED_TEXT = 4096;
/** Statement texts remembered with their use counts; past this the oldest are forgotten. */
const MAX_TEXTS = 2000;
/** A text is prepared from its second use on: a statement run once is not worth a Parse of its own. */
const USES_BEFORE_PREPARING = 2;

const texts = new Map<string, { uses: number; name: string | undefined }>();

/**
 * The name to prepare a tenant scope's statement under, or undefined to send it unnamed. A point read
 * costs PostgreSQL about as much to parse and plan as to execute; prepared, only its execution is
 * paid, which is most of what keeps a scoped read near a bare one (bench/scope-read.ts). Like pgx's
 * and asyncpg's statement caches, every repeated statement is prepared, and each connection keeps a
 * bounded number of them (PgConnection evicts the least recently used): a tenant whose filters make
 * new texts all day cannot grow the server's memory.
 *
 * Not prepared: statements marked with PREPARE_MARK keep their own name; texts with `*` in them
 * (`select *`, `returning *`), whose result columns change when a migration adds a column — a prepared
 * one would fail with "cached plan must not change result type" on every connection that has it; and
 * long texts. Plans stay correct across tenants: PostgreSQL plans a prepared statement again when the
 * search_path or the role it was planned under changes (schema tenants share the main database's
 * connections), and RLS is part of the plan, evaluated with the scope's own tenant setting.
 */
export function statementName(sql: string): string | undefined {
  const marked = PREPARE_MARK.exec(sql)?.[1];
  if (marked !== undefined) return marked;
  if (sql.length > MAX_PREPARED_TEXT) return undefined;
  let entry = texts.get(sql);
  if (entry === undefined) {
    if (texts.size >= MAX_TEXTS) texts.delete(texts.keys().next().value!);
    const preparable = !sql.replaceAll('count(*)', '').includes('*');
    const name = preparable ? `${AUTO_PREPARED_PREFIX}${createHash('sha256').update(sql).digest('base64url').slice(0, 24)}` : undefined;
    texts.set(sql, (entry = { uses: 0, name }));
  }
  if (entry.name === undefined) return undefined;
  return ++entry.uses >= USES_BEFORE_PREPARING ? entry.name : undefined;
}
