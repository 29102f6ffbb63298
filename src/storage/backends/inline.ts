import { createRequire } from 'node:module';
import type { Statement } from './backend.js';

/** pg's own conversion of a parameter to its wire form (Dates, Buffers, arrays, objects), as for any query. */
const { prepareValue } = createRequire(import.meta.url)('pg/lib/utils.js') as { prepareValue(value: unknown): string | Buffer | null };

/**
 * `value` as an SQL literal of unknown type — what an untyped `$n` parameter is too, so the server
 * resolves its type from the context the same way — or undefined when it is not written as one, and
 * the statement goes with its parameters: a NUL character (which a parameter refuses with a clear
 * error instead), or a backslash.
 *
 * Only text without a backslash is written, as '…' with quotes doubled. Such a literal reads the same
 * whatever the server's standard_conforming_strings, and whatever its client_encoding: the byte of a
 * backslash (0x5C) can be the second byte of a character in SJIS, BIG5, GBK and the like, so an E'…'
 * literal with escaped backslashes could be closed early under those encodings, but no encoding takes
 * a quote (0x27) as part of a character (pg sends no client_encoding: the server's or role's default
 * applies). Buffers (bytea's hex form starts with a backslash) and JSON with escapes take the parameter path.
 */
export function sqlLiteral(value: unknown): string | undefined {
  const wire = prepareValue(value);
  if (wire === null) return 'NULL';
  if (typeof wire !== 'string' || wire.includes('\0') || wire.includes('\\')) return undefined;
  return `'${wire.replaceAll("'", "''")}'`;
}

const isIdentifierChar = (c: string | undefined) => c !== undefined && (/[A-Za-z0-9_$]/.test(c) || c.charCodeAt(0) > 127);

/**
 * `sql` with each parameter placeholder `$n` replaced by `literals[n - 1]`, or undefined when the text
 * holds anything this scanner does not read with certainty — a dollar-quoted string, a backslash in a
 * plain string literal (read differently under standard_conforming_strings = off), an unterminated
 * literal or comment, a placeholder without a value, a second statement after a `;` — so the caller sends the statement with its
 * parameters instead. Placeholders inside string literals, quoted identifiers and comments are left alone.
 */
export function substituteParameters(sql: string, literals: readonly string[]): string | undefined {
  let out = '';
  let from = 0;
  let i = 0;
  while (i < sql.length) {
    const c = sql[i]!;
    if (c === "'") {
      const escaped = (sql[i - 1] === 'E' || sql[i - 1] === 'e') && !isIdentifierChar(sql[i - 2]);
      i++;
      for (;;) {
        if (i >= sql.length) return undefined;
        const d = sql[i]!;
        if (d === '\\') {
          if (!escaped) return undefined;
          i += 2;
        } else if (d === "'") {
          i++;
          if (sql[i] !== "'") break;
          i++;
        } else i++;
      }
    } else if (c === '"') {
      const end = sql.indexOf('"', i + 1);
      if (end < 0) return undefined;
      i = end + 1; // a doubled "" closes and reopens: the same scan
    } else if (c === '-' && sql[i + 1] === '-') {
      // PostgreSQL ends a `--` comment at a line feed or a carriage return.
      const end = sql.slice(i).search(/[\n\r]/);
      i = end < 0 ? sql.length : i + end + 1;
    } else if (c === '/' && sql[i + 1] === '*') {
      let depth = 1; // PostgreSQL's block comments nest
      i += 2;
      while (depth > 0) {
        if (i >= sql.length) return undefined;
        const pair = sql.slice(i, i + 2);
        if (pair === '/*' || pair === '*/') {
          depth += pair === '/*' ? 1 : -1;
          i += 2;
        } else i++;
      }
    } else if (c === ';') {
      // Two statements in one text: the extended protocol refuses that, a query string would run both.
      return undefined;
    } else if (c === '$') {
      if (isIdentifierChar(sql[i - 1])) {
        i++; // inside an identifier such as a$1
        continue;
      }
      let end = i + 1;
      while (end < sql.length && sql[end]! >= '0' && sql[end]! <= '9') end++;
      if (end === i + 1) return undefined; // a dollar quote
      const literal = literals[Number(sql.slice(i + 1, end)) - 1];
      if (literal === undefined) return undefined;
      // A space on either side keeps the literal from fusing with its neighbours (`-$1` stays a minus and a value).
      out += `${sql.slice(from, i)} ${literal} `;
      from = i = end;
    } else i++;
  }
  return out + sql.slice(from);
}

/**
 * A batch of statements as one simple-protocol query string, parameters written as literals, or
 * undefined when a statement cannot be (see substituteParameters, sqlLiteral). The server runs such a
 * string's statements in one implicit transaction (unless it opens one with BEGIN), like an
 * extended-protocol batch with one Sync, and answers with one result per statement — but parses,
 * plans and executes each with less protocol work than Parse/Bind/Describe/Execute: a point read
 * with the scope's set-up sent this way costs ~0.85–0.9× of the bare read instead of ~0.7–0.77×
 * (bench/README.md). Statements prepared under a name keep their plan only in the extended protocol:
 * callers inline only batches whose planning is cheap.
 */
export function inlineBatch(statements: readonly Statement[]): string | undefined {
  const parts: string[] = [];
  for (const statement of statements) {
    const literals: string[] = [];
    for (const value of statement.params ?? []) {
      const literal = sqlLiteral(value);
      if (literal === undefined) return undefined;
      literals.push(literal);
    }
    const text = substituteParameters(statement.sql, literals);
    if (text === undefined) return undefined;
    parts.push(text);
  }
  // The separator on a line of its own: a statement may end in a `--` comment.
  return parts.join('\n;\n');
}
