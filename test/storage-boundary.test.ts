/**
 * The storage boundary is enforced by the linter (eslint.config.js, no-restricted-imports): code outside
 * src/storage/ cannot import the router, strategies, backends or Kysely wiring, only the storage layer's
 * public surface. These cases prove the rule fires on a violating import, so it cannot rot silently.
 */
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const eslint = new ESLint({ cwd: root });

async function restricted(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\nexport const used = x;\n`, { filePath: `${root}/${filePath}` });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-syntax').map((m) => m.message);
}

describe('storage boundary (lint rule)', () => {
  it.each([
    ["import { StorageRouter as x } from '../storage/router.js';", 'the router'],
    ["import { PgCluster as x } from '../storage/backends/postgres.js';", 'a backend'],
    ["import { leaseKysely as x } from '../storage/kysely.js';", 'the Kysely wiring'],
    ["import { pooledStrategy as x } from '../storage/strategies/pooled.js';", 'a strategy'],
    ["import { routerOf as x } from '../storage/internals.js';", "the tests' back door"],
    ["import { openFence as x } from '../storage/fence.js';", 'the fence'],
  ])('refuses %s (%s) outside src/storage/', async (code) => {
    const messages = await restricted('src/records/violation.ts', code);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/only src\/storage\/ reaches the router/);
    // A deeper folder is held to the same rule.
    expect(await restricted('src/api/routes/violation.ts', code.replace("'../storage/", "'../../storage/"))).toHaveLength(1);
  });

  it('refuses a dynamic import() or require() of the same modules', async () => {
    expect(await restricted('src/records/violation.ts', "const x = await import('../storage/router.js');")).toHaveLength(1);
    expect(await restricted('src/records/violation.ts', "const x = require('../storage/backends/pglite.js');")).toHaveLength(1);
    expect(await restricted('src/records/fine.ts', "const x = await import('../storage/scope.js');")).toEqual([]);
  });

  it('allows the public surface outside src/storage/, and anything inside it', async () => {
    expect(await restricted('src/records/fine.ts', "import { Storage as x } from '../storage/storage.js';")).toEqual([]);
    expect(await restricted('src/records/fine.ts', "import type { TenantScope as x } from '../storage/scope.js';")).toEqual([]);
    expect(await restricted('src/workflows/fine.ts', "import type { ControlDb as x } from '../storage/control-db.js';")).toEqual([]);
    expect(await restricted('src/storage/fine.ts', "import { StorageRouter as x } from './router.js';")).toEqual([]);
  });

  it('holds for the tree as it is', async () => {
    const results = await eslint.lintFiles(['src/**/*.ts']);
    const violations = results.flatMap((r) =>
      r.messages.filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-syntax').map((m) => `${r.filePath}: ${m.message}`),
    );
    expect(violations).toEqual([]);
  });
});
