import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface Migration {
  version: number;
  name: string;
  /** SQL script; unqualified names resolve to the location's schema. */
  sql: string;
  /**
   * An application's migration (Tenantry.open `appMigrations`): recorded in `_app_migrations` (its
   * versions are its own), applied after Tenantry's, and checked for the tenant-table guarantees
   * before its transaction commits (runner.ts checkTenantTables).
   */
  app?: boolean;
}

/** `000001-collections-and-records.sql`: a six-digit version, a dash, a kebab-case name. */
export const MIGRATION_FILE = /^(\d{6})-([a-z0-9]+(?:-[a-z0-9]+)*)\.sql$/;

/**
 * The migrations frozen as numbered `.sql` files in `dir` (graphile-worker style), read synchronously
 * once at module load. Each file's text is executed as is: nothing in it is interpolated, so editing
 * a helper can never change what a location created long ago has applied. `dir` is resolved against
 * the caller's `import.meta.url`, which finds the files next to the sources under vitest and next to
 * the compiled modules in dist (the build copies them, scripts/copy-sql.mjs). Throws on a `.sql` file
 * whose name does not fit, and on versions that are not 1, 2, 3, … — a broken set never half-applies.
 */
export function readMigrations(dir: URL): Migration[] {
  const where = fileURLToPath(dir);
  const migrations: Migration[] = [];
  for (const file of readdirSync(dir).sort()) {
    if (!file.endsWith('.sql')) continue;
    const match = MIGRATION_FILE.exec(file);
    if (!match) throw new Error(`migration file ${file} in ${where} is not named like 000001-some-name.sql`);
    migrations.push({ version: Number(match[1]), name: match[2]!, sql: readFileSync(new URL(file, dir), 'utf8') });
  }
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migrations in ${where} are not numbered 1, 2, 3, …: expected version ${i + 1}, found ${m.version}`);
  });
  return migrations;
}
