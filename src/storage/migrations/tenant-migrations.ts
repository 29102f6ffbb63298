/**
 * The one ordered set of tenant-table migrations, frozen in tenant/*.sql. Each runs with search_path
 * set to the location's schema (the pool schema, a tenant schema, or the schema inside a tenant
 * database), so the same text creates the same tables in all three places. Every table leads its keys
 * with tenant_id and gets RLS. A released file never changes (test/migrations-frozen.test.ts): a
 * change to the tables is a new file with the next number.
 */
import { readMigrations, type Migration } from './migration.js';

export type { Migration } from './migration.js';

export const TENANT_MIGRATIONS: readonly Migration[] = readMigrations(new URL('./tenant/', import.meta.url));
