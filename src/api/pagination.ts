import { Type, type TSchema } from '@fastify/type-provider-typebox';
import type { CursorCodec } from './cursor.js';

/** `?limit=&cursor=` as API.md defines them: default 50, at most 500, strict. */
export const PageQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50, description: 'Items per page' })),
    cursor: Type.Optional(Type.String({ description: 'The `nextCursor` of the page before (opaque, signed, bound to this list)' })),
  },
  { additionalProperties: false },
);

/** The cursor of the next page, null on the last. */
export const NextCursor = Type.Union([Type.String(), Type.Null()], { description: 'Pass as ?cursor= for the next page; null on the last page' });

export function pageOf<T extends TSchema>(item: T, description = 'A page of a list') {
  return Type.Object({ items: Type.Array(item), nextCursor: NextCursor }, { description });
}

/**
 * One page of a list ordered by a unique string key: fetch limit + 1 after the cursor's position, and
 * sign the last key into the next cursor, bound to `binding` (the list and, for tenant data, the tenant).
 */
export async function paginate<T extends { id: string }>(
  cursors: CursorCodec,
  binding: string,
  query: { limit?: number; cursor?: string },
  fetch: (page: { after?: string; limit: number }) => Promise<T[]>,
): Promise<{ items: T[]; nextCursor: string | null }> {
  const limit = query.limit ?? 50;
  const after = query.cursor ? cursors.decode<{ after: string }>(binding, query.cursor).after : undefined;
  const rows = await fetch({ after, limit: limit + 1 });
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? cursors.encode(binding, { after: items.at(-1)!.id }) : null };
}
