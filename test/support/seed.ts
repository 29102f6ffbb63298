import { uuidv7 } from 'uuidv7';
import type { Tenantry } from '../../src/tenantry.js';

/** Give a tenant a collection `items` and `count` records tagged with its own id. */
export async function seedRecords(t: Tenantry, tenantId: string, count = 3): Promise<string[]> {
  return t.withTenant(tenantId, async ({ db }) => {
    await db
      .insertInto('collections')
      .values({ name: 'items' })
      .onConflict((oc) => oc.doNothing())
      .execute();
    const ids = Array.from({ length: count }, () => uuidv7());
    await db
      .insertInto('records')
      .values(ids.map((id, i) => ({ collection: 'items', id, data: JSON.stringify({ owner: tenantId, n: i }) })))
      .execute();
    return ids;
  });
}

/** Every record a tenant can see in its own scope. */
export async function visibleRecords(t: Tenantry, tenantId: string): Promise<Array<{ tenant_id: string; id: string; data: unknown }>> {
  return t.withTenant(tenantId, ({ db }) => db.selectFrom('records').select(['tenant_id', 'id', 'data']).orderBy('id').execute());
}
