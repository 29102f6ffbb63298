/**
 * The order in which the run starts test files: one project after the other (a worker process keeps
 * running files of one project, vitest.config.ts isolate: false), and in each the longest files first,
 * so that the short ones come last and the two workers finish together. Vitest orders by time only
 * from its results cache, which a fresh CI checkout does not have: without it, larger files go first,
 * and several of the slowest files are short ones (connection-budget.test.ts, cli-usage.test.ts) that
 * then start at the very end, one worker running them while the other has finished.
 *
 * The times come from test/support/file-times.json (`node scripts/test-file-times.mjs` after a full
 * run refreshes it from vitest's cache). Not from the cache itself: a run of a few tests (`-t`) leaves
 * their files' times near zero there. A file missing from the table has its cached time, else
 * counts as a long one, so a new file never starts last.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const committed = JSON.parse(readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'file-times.json'), 'utf8')) as Record<string, number>;
const UNKNOWN_MS = 30_000;

export default class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const root = this.ctx.config.root;
    const time = (spec: TestSpecification) => {
      const key = `${spec.project.name}:${path.relative(root, spec.moduleId).split(path.sep).join('/')}`;
      return committed[key] ?? this.ctx.cache.getFileTestResults(key)?.duration ?? UNKNOWN_MS;
    };
    const times = new Map(files.map((spec) => [spec, time(spec)]));
    return [...files].sort(
      (a, b) =>
        a.project.config.sequence.groupOrder - b.project.config.sequence.groupOrder ||
        (a.project.name === b.project.name ? 0 : a.project.name < b.project.name ? -1 : 1) ||
        times.get(b)! - times.get(a)!,
    );
  }
}
