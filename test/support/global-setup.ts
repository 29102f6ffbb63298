/**
 * Once per test run: a fresh PGlite data directory, the template every embedded cluster and tenant
 * database of the run copies instead of running initdb in WebAssembly (seconds each). It is the same
 * template a deployment keeps beside its own clusters (src/storage/backends/pglite.ts templateDir).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { TestProject } from 'vitest/node';
import { scratchRoot } from './scratch.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The run's PGlite template (a fresh, closed data directory). */
    pgliteTemplate: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = await fs.mkdtemp(path.join(scratchRoot, 'tenantry-template-'));
  const data = path.join(dir, 'data');
  const db = await PGlite.create(data);
  await db.close();
  project.provide('pgliteTemplate', data);
  return () => fs.rm(dir, { recursive: true, force: true });
}
