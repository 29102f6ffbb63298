import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CATALOG_MIGRATIONS } from '../src/storage/migrations/catalog-migrations.js';
import type { Migration } from '../src/storage/migrations/migration.js';
import { TENANT_MIGRATIONS } from '../src/storage/migrations/tenant-migrations.js';

const MIGRATIONS_DIR = new URL('../src/storage/migrations/', import.meta.url);
/** `sha256sum` output for every released migration, paths relative to src/storage/migrations. */
const RELEASED = new URL('./schema/migrations.sha256', import.meta.url);
const SETS: Record<string, readonly Migration[]> = { tenant: TENANT_MIGRATIONS, catalog: CATALOG_MIGRATIONS };
const FILE_NAME = /^(\d{6})-([a-z0-9]+(?:-[a-z0-9]+)*)\.sql$/;

const sqlFiles = (set: string) =>
  readdirSync(new URL(`${set}/`, MIGRATIONS_DIR))
    .filter((f) => f.endsWith('.sql'))
    .sort();
const sha256 = (path: string) =>
  createHash('sha256')
    .update(readFileSync(new URL(path, MIGRATIONS_DIR)))
    .digest('hex');

function released(): Map<string, string> {
  const hashes = new Map<string, string>();
  for (const line of readFileSync(RELEASED, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    const match = /^([0-9a-f]{64}) [ *](\S+)$/.exec(line);
    if (!match) throw new Error(`test/schema/migrations.sha256: not a sha256sum line: ${line}`);
    hashes.set(match[2]!, match[1]!);
  }
  return hashes;
}

/**
 * Migrations are history: a location records the versions it applied and never runs them again, so
 * editing a released file changes only the locations created afterwards (their schema drifts from
 * everyone else's, and test/schema-drift.test.ts compares just the newest). Every released file is
 * therefore checked, byte for byte, against the hash recorded when it was added.
 */
describe('frozen migrations', () => {
  for (const [set, loaded] of Object.entries(SETS)) {
    it(`${set}: files are named <6-digit version>-<kebab-name>.sql, numbered 1, 2, 3, … without gaps`, () => {
      const files = sqlFiles(set);
      expect(files.length).toBeGreaterThan(0);
      expect(files.filter((f) => !FILE_NAME.test(f))).toEqual([]);
      expect(files.map((f) => Number(FILE_NAME.exec(f)![1]))).toEqual(files.map((_, i) => i + 1));
    });

    it(`${set}: the exported set is exactly the files, as they are`, () => {
      expect(loaded.map((m) => `${String(m.version).padStart(6, '0')}-${m.name}.sql`)).toEqual(sqlFiles(set));
      for (const m of loaded) {
        const file = `${set}/${String(m.version).padStart(6, '0')}-${m.name}.sql`;
        expect(m.sql, file).toBe(readFileSync(new URL(file, MIGRATIONS_DIR), 'utf8'));
      }
    });
  }

  it('released migrations are unchanged (test/schema/migrations.sha256)', () => {
    const problems: string[] = [];
    for (const [path, hash] of released()) {
      let actual: string;
      try {
        actual = sha256(path);
      } catch {
        problems.push(`src/storage/migrations/${path} was released and is gone. Restore it: locations have applied it.`);
        continue;
      }
      if (actual !== hash) {
        const set = path.split('/')[0]!;
        const next = String(sqlFiles(set).length + 1).padStart(6, '0');
        problems.push(
          `src/storage/migrations/${path} was released and has changed. Do not edit a released migration: ` +
            `locations that applied it will never run it again. Restore it (git checkout) and add the change as a new ` +
            `migration, src/storage/migrations/${set}/${next}-<name>.sql.`,
        );
      }
    }
    expect(problems, 'released migrations changed').toEqual([]);
  });

  it('every migration is in test/schema/migrations.sha256', () => {
    const listed = released();
    const missing = Object.keys(SETS)
      .flatMap((set) => sqlFiles(set).map((f) => `${set}/${f}`))
      .filter((path) => !listed.has(path))
      .map((path) => `${sha256(path)}  ${path}`);
    expect(
      missing,
      'a new migration: once it is final, append these lines to test/schema/migrations.sha256 ' +
        '(or run `sha256sum <set>/<file>.sql` in src/storage/migrations); from then on the file is frozen',
    ).toEqual([]);
  });
});
