/**
 * Writes test/support/file-times.json from vitest's results cache (node_modules/.vite/vitest/…/results.json,
 * left by the last `vitest run`): how long each test file took in each project, in ms, which
 * test/support/sequencer.ts starts longest first. Run it after a full run on the CI machine when files
 * were added or have grown much slower or faster.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cacheRoot = path.join(root, 'node_modules/.vite/vitest');
const out = {};
for (const dir of fs.existsSync(cacheRoot) ? fs.readdirSync(cacheRoot) : []) {
  const file = path.join(cacheRoot, dir, 'results.json');
  if (!fs.existsSync(file)) continue;
  for (const [key, result] of JSON.parse(fs.readFileSync(file, 'utf8')).results) {
    const [, test] = key.split(':');
    if (test && fs.existsSync(path.join(root, test)) && typeof result.duration === 'number') out[key] = Math.round(result.duration);
  }
}
const sorted = Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : 1)));
fs.writeFileSync(path.join(root, 'test/support/file-times.json'), JSON.stringify(sorted, null, 2) + '\n');
console.log(`test/support/file-times.json: ${Object.keys(sorted).length} files`);
