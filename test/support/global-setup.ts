/**
 * Once per test run: a fresh PGlite data directory, dumped as the template every embedded cluster and
 * tenant database of the run unpacks instead of running initdb in WebAssembly (seconds each). It is the
 * same template a deployment keeps beside its own clusters (src/storage/backends/pglite.ts).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { TestProject } from 'vitest/node';
import { scratchRoot } from './scratch.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The run's PGlite template (a tarball of a fresh data directory). */
    pgliteTemplate: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = await fs.mkdtemp(path.join(scratchRoot, 'tenantry-template-'));
  const db = await PGlite.create(path.join(dir, 'data'));
  const blob = await db.dumpDataDir('none');
  await db.close();
  const file = path.join(dir, 'template.tar');
  await fs.writeFile(file, Buffer.from(await blob.arrayBuffer()));
  await fs.rm(path.join(dir, 'data'), { recursive: true, force: true });
  project.provide('pgliteTemplate', file);
  return () => fs.rm(dir, { recursive: true, force: true });
}
