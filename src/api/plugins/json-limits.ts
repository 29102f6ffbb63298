import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { TenantryError, ValidationError } from '../../errors.js';

export const MAX_JSON_DEPTH = 64;

/** Text PostgreSQL cannot store: U+0000 (in `text` and `jsonb` alike) and lone UTF-16 surrogates (no UTF-8 for them). */
export function unstorable(s: string): boolean {
  return s.includes('\u0000') || !s.isWellFormed();
}

/**
 * Refuse JSON the API will not store: nesting deeper than MAX_JSON_DEPTH (deep documents blow stacks in
 * validators and serialisers), and strings PostgreSQL cannot hold — U+0000 and lone UTF-16 surrogates,
 * which `jsonb` rejects with an error that would otherwise surface as a 500. Iterative, so a hostile
 * body cannot overflow the stack of the check itself.
 */
export function checkJson(value: unknown, where: string): void {
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (typeof item === 'string') {
      if (unstorable(item)) throw new ValidationError(`${where} contains a string with U+0000 or an unpaired surrogate, which cannot be stored`);
      continue;
    }
    if (item === null || typeof item !== 'object') continue;
    if (depth > MAX_JSON_DEPTH) throw new ValidationError(`${where} is nested deeper than ${MAX_JSON_DEPTH} levels`);
    if (Array.isArray(item)) {
      for (const element of item) stack.push([element, depth + 1]);
    } else {
      for (const [key, element] of Object.entries(item)) {
        if (unstorable(key)) throw new ValidationError(`${where} contains a key with U+0000 or an unpaired surrogate, which cannot be stored`);
        stack.push([element, depth + 1]);
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------------
// Numbers that do not survive a JSON round trip

/**
 * Text that may hold a number a double cannot carry. A number token with at most 15 significant
 * digits and an exponent of at most two digits always survives (any decimal of ≤ 15 digits maps to a
 * distinct double, and such exponents stay far from overflow and the subnormal range), so only a
 * token with a run of 16 digits-or-dots or a three-digit exponent needs a closer look. Outside strings
 * a number follows `:`, `,` or `[` (and whitespace), which keeps hexadecimal ids in strings
 * ("…4e123…") from tripping it; text in a string that looks like that (`"a:1234567890123456"`) only
 * sends it down the exact path, which skips strings. A top-level number (no `:`, `,` or `[` before it)
 * always takes the exact path.
 */
const SUSPICIOUS = /[:,[][\s-]*(?:\d[\d.]{15}|[\d.]+[eE][+-]?\d{3})/;
const TOP_LEVEL_NUMBER = /^\s*[-\d]/;
/** Strings (skipped) and number tokens of a text that is already known to be valid JSON. */
const TOKENS = /"[^"\\]*(?:\\.[^"\\]*)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g;
const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;

/** A decimal string as (sign, significant digits, exponent), so `1.50e2`, `150` and `1.5E+2` compare equal. */
function decimal(text: string): string {
  const [, sign, whole, fraction = '', exponent = '0'] = DECIMAL.exec(text)!;
  let digits = `${whole}${fraction}`.replace(/^0+/, '');
  if (digits === '') return '0'; // -0 is 0
  let exp = Number(exponent) - fraction.length;
  const trimmed = digits.replace(/0+$/, '');
  exp += digits.length - trimmed.length;
  digits = trimmed;
  return `${sign}${digits}e${exp}`;
}

/**
 * Whether a JSON number token comes back as the same decimal value after parsing to a double and
 * printing: false for overflow (`1e400` → Infinity, stored as null), underflow (`1e-400` → 0) and lost
 * digits (`12345678901234567890` → 12345678901234567000).
 */
export function numberSurvives(token: string): boolean {
  const value = Number(token);
  return Number.isFinite(value) && decimal(token) === decimal(String(value));
}

/**
 * Refuse JSON text holding a number that does not survive the round trip (API.md: "Numbers must
 * survive a JSON round trip"), naming it. `text` must already have parsed as JSON. Costs one regular
 * expression test (about a third of JSON.parse's time) unless the text holds a long digit run or a long exponent.
 */
export function checkJsonNumbers(text: string, where: string): void {
  if (!SUSPICIOUS.test(text) && !TOP_LEVEL_NUMBER.test(text)) return;
  for (const [token] of text.matchAll(TOKENS)) {
    if (token.startsWith('"') || numberSurvives(token)) continue;
    const shown = token.length > 40 ? `${token.slice(0, 37)}...` : token;
    throw new ValidationError(
      `${where} holds the number ${shown}, which does not survive a JSON round trip (it would be stored as ${JSON.stringify(Number(token))}); send it as a string`,
    );
  }
}

/**
 * JSON text from a query parameter (e.g. `?filter=`) → value, refused with a 400 naming `where` when it
 * is not JSON, holds a number that does not survive the round trip, or holds what checkJson refuses.
 */
export function parseJsonParameter(text: string, where: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ValidationError(`${where} is not valid JSON: ${(error as Error).message}`);
  }
  checkJsonNumbers(text, where);
  checkJson(value, where);
  return value;
}

// ---------------------------------------------------------------------------------------------------
// The plugin

/** Path parameters and query-string values PostgreSQL could not store → 400 naming the parameter. */
function checkUrlText(request: FastifyRequest): void {
  const check = (where: string, value: unknown) => {
    const values = Array.isArray(value) ? value : [value];
    if (values.some((v) => typeof v === 'string' && unstorable(v))) {
      throw new ValidationError(`${where} contains U+0000 or an unpaired surrogate, which cannot be stored`);
    }
  };
  for (const [name, value] of Object.entries((request.params ?? {}) as Record<string, unknown>)) check(`path parameter '${name}'`, value);
  for (const [name, value] of Object.entries((request.query ?? {}) as Record<string, unknown>)) check(`query parameter '${name}'`, value);
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });
const CHARSET = /;\s*charset\s*=\s*"?([^";\s]*)/i;

/**
 * A JSON body's bytes as text. JSON is UTF-8 (RFC 8259 §8.1): a body labelled with another charset is
 * a 415, and bytes that are not UTF-8 a 400 — decoding them leniently would store U+FFFD in place of
 * what the client sent and answer 2xx.
 */
function jsonText(contentType: string | undefined, body: Buffer): string {
  const charset = CHARSET.exec(contentType ?? '')?.[1]?.toLowerCase();
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
    throw new TenantryError('unsupported_media_type', `JSON bodies are UTF-8; charset=${charset} is not accepted`);
  }
  try {
    return UTF8.decode(body);
  } catch {
    throw new ValidationError('the request body is not valid UTF-8');
  }
}

/**
 * Input the API will not store, refused with a 400 in one place for every route:
 * - path parameters and query-string values holding U+0000 or lone surrogates (`/v1/collections/a%00b`
 *   would otherwise reach the database as NUL and fail there, a 500);
 * - JSON bodies: bytes that are not UTF-8 (or labelled with another charset, a 415) refused, then parsed
 *   by Fastify's own parser (prototype-poisoning protection kept), then refused when a number does not
 *   survive the round trip; then, before schema validation, checkJson.
 */
export const jsonLimitsPlugin = fp(async (app: FastifyInstance) => {
  app.addHook('onRequest', async (request) => checkUrlText(request));

  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  // application/merge-patch+json (RFC 7396) is JSON too: PATCH bodies are merge patches either way.
  app.addContentTypeParser(['application/json', 'application/merge-patch+json'], { parseAs: 'buffer' }, (request, body, done) => {
    let text: string;
    try {
      text = jsonText(request.headers['content-type'], body as Buffer);
    } catch (refused) {
      return done(refused as Error, undefined);
    }
    parse(request, text, (error, value) => {
      if (error) return done(error, undefined);
      try {
        checkJsonNumbers(text, 'the request body');
      } catch (refused) {
        return done(refused as Error, undefined);
      }
      done(null, value);
    });
  });

  app.addHook('preValidation', async (request) => {
    if (request.body !== undefined && request.body !== null && typeof request.body === 'object') checkJson(request.body, 'the request body');
  });
});
