/**
 * The embedded backend's template data directory (src/storage/backends/pglite.ts): the first tenant
 * database of a cluster runs initdb and is kept as the template; later databases and new clusters are
 * copies of it, and every instance starts with the configured shared_buffers. The backend under test
 * plays no part (this is PGlite's own storage), so the file runs once.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { PgliteCluster, templateDir } from '../src/storage/backends/pglite.js';
import { adminQuery } from '../src/storage/backends/backend.js';
import { scratchRoot } from './support/scratch.js';

describe('embedded tenant databases start from a template data directory', () => {
  let root: string;
  let cluster: PgliteCluster;

  beforeAll(async () => {
    root = await fs.mkdtemp(path.join(scratchRoot, 'tenantry-template-test-'));
    // The cluster's own data directory from the run's template (one initdb less), placed where the
    // cluster keeps its data, not as the template: the first new database has none to copy.
    await fs.cp(inject('pgliteTemplate'), path.join(root, 'main'), { recursive: true });
    cluster = await PgliteCluster.open('main', root, { sharedBuffersMb: 8 });
  });

  afterAll(async () => {
    await cluster?.close();
    await fs.rm(root, { recursive: true, force: true });
  });

  it('keeps the first new database as the template (replacing a tarball of earlier versions), and copies it for the next', async () => {
    const legacy = `${templateDir(root)}.tar`;
    await fs.writeFile(legacy, 'a tarball of an earlier version');
    await cluster.createDatabase('tenant_first');
    expect(await fs.readFile(path.join(templateDir(root), 'PG_VERSION'), 'utf8')).toMatch(/^\d+/);
    await expect(fs.stat(legacy)).rejects.toThrow(/ENOENT/);

    // A file only the template has: a database made after it is a copy of it, not a new initdb.
    await fs.writeFile(path.join(templateDir(root), 'made-from-template'), 'yes');
    await cluster.createDatabase('tenant_second');
    expect(await fs.readFile(path.join(root, 'databases', 'tenant_second', 'made-from-template'), 'utf8')).toBe('yes');
    // Nothing half-copied is left beside it.
    expect((await fs.readdir(path.join(root, 'databases'))).sort()).toEqual(['tenant_first', 'tenant_second']);

    const db = await cluster.openDatabase('tenant_second', 'unused');
    try {
      await adminQuery(db, 'create table t (x int)');
      await adminQuery(db, 'insert into t values (1), (2)');
      const { rows } = await adminQuery<{ n: number; buffers: string }>(db, `select count(*)::int as n, current_setting('shared_buffers') as buffers from t`);
      expect(rows[0]).toEqual({ n: 2, buffers: '8MB' });
    } finally {
      await db.close();
    }
  });

  it('refuses a database whose directory exists, and starts a new cluster from the template', async () => {
    await expect(cluster.createDatabase('tenant_first')).rejects.toMatchObject({ code: '42P04' });
    const second = await PgliteCluster.open('cell2', root, { sharedBuffersMb: 8 });
    try {
      expect(await fs.readFile(path.join(root, 'cell2', 'made-from-template'), 'utf8')).toBe('yes');
      const { rows } = await adminQuery<{ buffers: string }>(second.main, `select current_setting('shared_buffers') as buffers`);
      expect(rows[0]!.buffers).toBe('8MB');
    } finally {
      await second.close();
    }
  });
});
