import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/api/app.js';
import type { Tenantry } from '../src/tenantry.js';
import { backend, createTestEnv, type TestEnv } from './support/harness.js';

describe(`HTTP operations endpoints (${backend})`, () => {
  let env: TestEnv;
  let t: Tenantry;

  beforeAll(async () => {
    env = await createTestEnv();
    t = await env.open();
  });

  afterAll(async () => {
    await env?.cleanup();
  });

  it('serves /healthz and /readyz, and fails readiness while draining', async () => {
    const app = await buildApp({ tenantry: t });
    try {
      expect((await app.inject('/healthz')).json()).toEqual({ status: 'ok' });
      const ready = await app.inject('/readyz');
      expect(ready.statusCode).toBe(200);
      app.draining = true;
      expect((await app.inject('/readyz')).statusCode).toBe(503);
    } finally {
      await app.close();
    }
  });
});
