/**
 * The control plane's own ordered migrations, frozen in catalog/*.sql and applied to schema `tenantry`
 * of the control-plane database. A released file never changes (test/migrations-frozen.test.ts).
 */
import { readMigrations, type Migration } from './migration.js';

export const CATALOG_MIGRATIONS: readonly Migration[] = readMigrations(new URL('./catalog/', import.meta.url));
