import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { ValidationError } from '../../errors.js';

export const MAX_JSON_DEPTH = 64;

/**
 * Refuse JSON the API will not store: nesting deeper than MAX_JSON_DEPTH (deep documents blow stacks in
 * validators and serialisers), and strings PostgreSQL cannot hold — U+0000 and lone UTF-16 surrogates,
 * which `jsonb` rejects with an error that would otherwise surface as a 500. Iterative, so a hostile
 * body cannot overflow the stack of the check itself.
 */
export function checkJson(value: unknown, where: string): void {
  const stack: Array<[unknown, number]> = [[value, 1]];
  const badString = (s: string) => s.includes('\u0000') || !s.isWellFormed();
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (typeof item === 'string') {
      if (badString(item)) throw new ValidationError(`${where} contains a string with U+0000 or an unpaired surrogate, which cannot be stored`);
      continue;
    }
    if (item === null || typeof item !== 'object') continue;
    if (depth > MAX_JSON_DEPTH) throw new ValidationError(`${where} is nested deeper than ${MAX_JSON_DEPTH} levels`);
    if (Array.isArray(item)) {
      for (const element of item) stack.push([element, depth + 1]);
    } else {
      for (const [key, element] of Object.entries(item)) {
        if (badString(key)) throw new ValidationError(`${where} contains a key with U+0000 or an unpaired surrogate, which cannot be stored`);
        stack.push([element, depth + 1]);
      }
    }
  }
}

/** Every JSON request body passes checkJson before schema validation sees it. */
export const jsonLimitsPlugin = fp(async (app: FastifyInstance) => {
  app.addHook('preValidation', async (request) => {
    if (request.body !== undefined && request.body !== null && typeof request.body === 'object') checkJson(request.body, 'the request body');
  });
});
