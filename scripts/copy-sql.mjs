// Part of `npm run build`: tsc emits only JavaScript, but the frozen migrations are read at run time
// from .sql files next to their modules (src/storage/migrations/migration.ts), so every .sql file
// under src/ is copied to the same place under dist/src/, which package.json "files" ships. .sql
// files already in dist/src/ are removed first: a file gone from src/ must not linger as a migration.
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// The example app's migrations too (examples/notes/migrations, read next to dist/examples/notes/app.js).
const trees = ['src', 'examples'];

const sqlFiles = (dir) => (existsSync(dir) ? readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.sql')) : []);

for (const tree of trees) {
  const from = join(root, tree);
  const to = join(root, 'dist', tree);
  for (const file of sqlFiles(to)) rmSync(join(to, file));
  for (const file of sqlFiles(from)) {
    mkdirSync(dirname(join(to, file)), { recursive: true });
    copyFileSync(join(from, file), join(to, file));
  }
}
