/**
 * The one ordered set of tenant-table migrations, frozen in tenant/*.sql. Each runs with search_path
 * set to the location's schema (the pool schema, a tenant schema, or the schema inside a tenant
 * database), so the same text creates the same tables in all three places. Every table leads its keys
 * with tenant_id and gets RLS. A released file never changes (test/migrations-frozen.test.ts): a
 * change to the tables is a new file with the next number.
 */
import { pathToFileURL } from 'node:url';
import { readMigrations, type Migration } from './migration.js';

export type { Migration } from './migration.js';
export { readMigrations } from './migration.js';
export { TenantTableError } from './runner.js';
/**
 * What an application's tenant table needs, one line each: `${TENANT_ID_COLUMN}` among its columns
 * (filled from the scope: the app never writes it), and `${tenantRlsSql('notes')}` after it.
 */
export { TENANT_ID_COLUMN, tenantRlsSql } from '../ddl.js';

/** An application's migrations as Tenantry applies them: read from their folder (a `file:` URL or a path), marked as the app's. */
export function appMigrationSet(source: URL | string | readonly Migration[]): Migration[] {
  const list =
    typeof source === 'string' || source instanceof URL
      ? readMigrations(typeof source === 'string' ? pathToFileURL(source.endsWith('/') ? source : `${source}/`) : source)
      : source;
  return list.map((m) => ({ ...m, app: true }));
}

export const TENANT_MIGRATIONS: readonly Migration[] = readMigrations(new URL('./tenant/', import.meta.url));
