/**
 * A scope's first statement and its set-up travel as one simple-protocol query string on PostgreSQL,
 * parameters written as literals (src/storage/backends/inline.ts). The writer must never let a value
 * change the statement: quotes, backslashes, comment and placeholder look-alikes, non-ASCII text and
 * binary values come back exactly as written; whatever it cannot write with certainty goes with
 * parameters as before. On PGlite the same scopes take the ordinary path (the round trips are the
 * assertions there too).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { inlineBatch, sqlLiteral, substituteParameters } from '../src/storage/backends/inline.js';
import type { Tenantry } from '../src/tenantry.js';
import { backend, createTestEnv, tenantId, type TestEnv } from './support/harness.js';

const HOSTILE = [
  "it's",
  "'; delete from records; --",
  'back\\slash \\x41 \\\\',
  "E'\\'' ",
  '$1 $2 $$ $tag$ ?',
  '/* not a comment */ -- nor this',
  '"quoted" ident',
  'ünïcødé 日本語 🎉',
  '',
  '\n\r\t',
];

describe('inline batches (unit)', () => {
  it('writes values as literals that read the same under any standard_conforming_strings and client_encoding', () => {
    expect(sqlLiteral('plain')).toBe("'plain'");
    expect(sqlLiteral("it's")).toBe("'it''s'");
    expect(sqlLiteral(null)).toBe('NULL');
    expect(sqlLiteral(undefined)).toBe('NULL');
    expect(sqlLiteral(5)).toBe("'5'");
    expect(sqlLiteral(true)).toBe("'true'");
    expect(sqlLiteral({ a: "b'" })).toBe(`'{"a":"b''"}'`);
    expect(sqlLiteral(['x', 'y'])).toBe(`'{"x","y"}'`);
    // Not written: a NUL, and any backslash (in SJIS, BIG5 or GBK its byte can end a two-byte
    // character, so an escaped backslash could close an E'…' literal early); they go as parameters.
    expect(sqlLiteral('nul\0byte')).toBeUndefined();
    expect(sqlLiteral('a\\b')).toBeUndefined();
    expect(sqlLiteral("Á\\' as v, current_user as injected --")).toBeUndefined();
    expect(sqlLiteral({ text: 'line\nbreak' })).toBeUndefined(); // JSON escapes the line break
    expect(sqlLiteral(Buffer.from([0, 255]))).toBeUndefined(); // bytea's hex form starts with one
    expect(inlineBatch([{ sql: 'select $1::text', params: ['a\\b'] }])).toBeUndefined();
  });

  it('replaces placeholders only outside literals, quoted identifiers and comments', () => {
    expect(substituteParameters('select $1, $2', ["'a'", "'b'"])).toBe("select  'a' ,  'b' ");
    expect(substituteParameters(`select '$1', "$1", $1 -- $1\n/* $1 /* $1 */ */`, ["'v'"])).toBe(`select '$1', "$1",  'v'  -- $1\n/* $1 /* $1 */ */`);
    expect(substituteParameters("select E'\\'$1', $1", ["'v'"])).toBe("select E'\\'$1',  'v' ");
    expect(substituteParameters('select a$1 from t', [])).toBe('select a$1 from t');
    expect(substituteParameters('select -$1', ["'1'"])).toBe("select - '1' ");
    expect(
      substituteParameters(
        'select $10',
        Array.from({ length: 10 }, (_, i) => `'${i + 1}'`),
      ),
    ).toBe("select  '10' ");
  });

  it('ends a line comment at a carriage return, as PostgreSQL does', () => {
    expect(substituteParameters("select 'a' -- note\r, $1::text as v", ["'x'"])).toBe("select 'a' -- note\r,  'x' ::text as v");
    // What follows the carriage return is a literal, placeholder look-alike and all: nothing replaced.
    expect(substituteParameters("select 1 -- c\r'\n$1 --'", ["'x'"])).toBe("select 1 -- c\r'\n$1 --'");
  });

  it('gives up on what it cannot read with certainty', () => {
    expect(substituteParameters('select $$x$$', [])).toBeUndefined(); // dollar quoting
    expect(substituteParameters('select $tag$x$tag$', [])).toBeUndefined();
    expect(substituteParameters("select 'a\\'", [])).toBeUndefined(); // backslash in a plain literal
    expect(substituteParameters("select 'open", [])).toBeUndefined();
    expect(substituteParameters('select "open', [])).toBeUndefined();
    expect(substituteParameters('select 1 /* open', [])).toBeUndefined();
    expect(substituteParameters('select $2', ["'a'"])).toBeUndefined(); // no value
    expect(substituteParameters('select 1; select 2', [])).toBeUndefined(); // two statements
    expect(inlineBatch([{ sql: 'select $1', params: ['a\0b'] }])).toBeUndefined();
  });

  it('keeps statements apart even when one ends in a line comment', () => {
    expect(inlineBatch([{ sql: 'select 1 -- trailing' }, { sql: 'select $1', params: ['x'] }])).toBe("select 1 -- trailing\n;\nselect  'x' ");
  });
});

describe(`inline batches through tenant scopes (${backend})`, () => {
  let env: TestEnv;
  let t: Tenantry;
  let a: string;
  let b: string;

  beforeAll(async () => {
    env = await createTestEnv();
    t = await env.open();
    a = tenantId('inl-a');
    b = tenantId('inl-b');
    for (const id of [a, b]) {
      await t.tenants.create({ id, isolation: 'pooled' });
      await t.withTenant(id, ({ db }) => db.insertInto('collections').values({ name: 'items' }).execute());
    }
  });
  afterAll(async () => env?.cleanup());

  it('hostile strings round-trip through a one-statement write, a read and a transaction, unchanged', async () => {
    for (const [i, text] of HOSTILE.entries()) {
      // Written inline on PostgreSQL unless it holds a backslash (then sent with parameters).
      expect(inlineBatch([{ sql: 'select $1::text', params: [text] }]) !== undefined, text).toBe(!text.includes('\\'));
      const id = `00000000-0000-7000-8000-${String(i).padStart(12, '0')}`;
      const data = JSON.stringify({ text, [text]: i });
      await t.withTenant(a, ({ db }) => db.insertInto('records').values({ collection: 'items', id, data }).execute(), { singleStatement: true });
      // The value in a WHERE too: a literal that escaped its quotes would match something else, or fail.
      const row = await t.withTenant(a, ({ db }) =>
        db
          .selectFrom('records')
          .select(['id', 'data'])
          .where('id', '=', id)
          .where(sql<boolean>`data ->> 'text' = ${text}`)
          .executeTakeFirst(),
      );
      expect(row?.data).toEqual({ text, [text]: i });
      const echoed = await t.withTenant(a, async ({ db }) => {
        const { rows } = await sql<{ v: string }>`select ${text}::text as v`.execute(db);
        await db.updateTable('records').set({ version: 2 }).where('id', '=', id).execute(); // opens the transaction
        return rows[0]!.v;
      });
      expect(echoed).toBe(text);
    }
    // Nothing leaked to the other tenant, and nothing else was touched.
    expect(await t.withTenant(b, ({ db }) => db.selectFrom('records').select('id').execute())).toEqual([]);
    const count = await t.withTenant(a, ({ db }) =>
      db
        .selectFrom('records')
        .select(sql<number>`count(*)::int`.as('n'))
        .executeTakeFirstOrThrow(),
    );
    expect(count.n).toBe(HOSTILE.length);
  });

  it('binary, dates, arrays and nulls come back as sent', async () => {
    const bytes = Buffer.from([0, 1, 39, 92, 255]);
    const when = new Date('2021-03-04T05:06:07.089Z');
    const row = await t.withTenant(a, async ({ db }) => {
      const { rows } = await sql<{
        b: Buffer;
        d: Date;
        arr: string[];
        n: string | null;
      }>`select ${bytes}::bytea as b, ${when}::timestamptz as d, ${["x'", 'y\\', 'z"']}::text[] as arr, ${null}::text as n`.execute(db);
      return rows[0]!;
    });
    expect(Buffer.compare(row.b, bytes)).toBe(0);
    expect(row.d.getTime()).toBe(when.getTime());
    expect(row.arr).toEqual(["x'", 'y\\', 'z"']);
    expect(row.n).toBeNull();
  });

  it('a NUL character is refused as before (with parameters), and the scope still isolates', async () => {
    await expect(t.withTenant(a, async ({ db }) => sql`select ${'a\0b'}::text`.execute(db))).rejects.toThrow();
    expect(await t.withTenant(b, ({ db }) => db.selectFrom('records').select('id').execute())).toEqual([]);
  });

  it("a failing first statement fails the scope's set-up with it (nothing runs as another tenant)", async () => {
    await expect(
      t.withTenant(a, ({ db }) =>
        db
          .selectFrom('records')
          .select(sql`1/0`.as('x'))
          .execute(),
      ),
    ).rejects.toThrow(/division by zero/);
    // The connection went back clean: the next scope of another tenant sees only its own rows.
    expect(await t.withTenant(b, ({ db }) => db.selectFrom('records').select('id').execute())).toEqual([]);
  });
});
