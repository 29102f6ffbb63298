import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ValidationError } from '../src/errors.js';
import type { JobStatus } from '../src/jobs/jobs.js';
import type { Tenantry } from '../src/tenantry.js';
import { WorkQueue } from '../src/workflows/queue.js';
import { NOTES_MIGRATIONS, type NotesDB } from '../examples/notes/app.js';
import { backend, createTestEnv, tenantId, type TestEnv } from './support/harness.js';

/**
 * tenantry.jobs: an application's job kinds on Tenantry's queue, each job run inside its tenant's
 * scope by Tenantry's worker. Pooled tenants: the scope, not the strategy, is what is under test here
 * (the example's job runs across strategy pairs in example-notes.test.ts).
 */
describe(`tenantry.jobs runs an app's jobs in their tenant's scope (${backend})`, () => {
  let env: TestEnv;
  let t: Tenantry<NotesDB>;
  const tenants = {} as Record<'a' | 'b', { id: string; notebook: string }>;
  /** What each job's handler saw, by job id. */
  const seen = new Map<string, { tenant: string; titles: string[]; updated: number }>();
  const flaky = new Map<string, number>();
  /** Jobs of the `overlap` kind running at once, by tenant: now, and the most seen. */
  const overlap = new Map<string, { now: number; max: number }>();
  const finishedAt = new Map<string, number>();

  const settled = async (tenant: string, id: string, want: JobStatus[] = ['succeeded', 'failed']) => {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const job = await t.jobs.get(tenant, id);
      if (want.includes(job.status) || Date.now() > deadline) return job;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  const titles = (tenant: string) =>
    t.withTenant(tenant, async ({ db }) => (await db.selectFrom('notes').select('title').orderBy('title').execute()).map((n) => n.title));

  beforeAll(async () => {
    env = await createTestEnv();
    t = (await env.open({ appMigrations: NOTES_MIGRATIONS })) as unknown as Tenantry<NotesDB>;
    for (const label of ['a', 'b'] as const) {
      const tenant = await t.tenants.create({ id: tenantId(`jobs${label}`), isolation: 'pooled' });
      const notebook = await t.withTenant(tenant.id, async ({ db }) => {
        const nb = await db.insertInto('notebooks').values({ name: label }).returning('id').executeTakeFirstOrThrow();
        await db
          .insertInto('notes')
          .values({ notebook_id: nb.id, title: `${label}'s first` })
          .execute();
        return nb.id;
      });
      tenants[label] = { id: tenant.id, notebook };
    }

    t.jobs.define<{ notebookId: string; title: string }>(
      'add-note',
      async ({ id, tenant, db, payload }) => {
        await db.insertInto('notes').values({ notebook_id: payload.notebookId, title: payload.title }).execute();
        // Raw SQL with no filter, and an update of every row: the database keeps both to the tenant.
        const { rows } = await sql<{ title: string }>`select title from notes order by title`.execute(db);
        const updated = await db.updateTable('notes').set({ body: 'touched by a job' }).executeTakeFirst();
        seen.set(id, { tenant: tenant.id, titles: rows.map((r) => r.title), updated: Number(updated.numUpdatedRows) });
      },
      {
        payload: {
          type: 'object',
          required: ['notebookId', 'title'],
          additionalProperties: false,
          properties: { notebookId: { type: 'string' }, title: { type: 'string', minLength: 1 } },
        },
      },
    );
    t.jobs.define<{ tenant: string; notebookId: string }>('plant', async ({ db, payload }) => {
      await db.insertInto('notes').values({ tenant_id: payload.tenant, notebook_id: payload.notebookId, title: 'planted' }).execute();
    });
    t.jobs.define<{ failures: number }>(
      'flaky',
      async ({ id, db, attempt, payload }) => {
        flaky.set(id, attempt);
        await db
          .insertInto('notebooks')
          .values({ name: `attempt ${attempt}` })
          .execute();
        if (attempt <= payload.failures) throw new Error(`failure ${attempt}`);
      },
      { retries: 2, backoff: { type: 'fixed', delayMs: 10 } },
    );
    t.jobs.define(
      'slow',
      ({ signal }) => new Promise<void>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason as Error), { once: true })),
      { timeoutMs: 100 },
    );
    t.jobs.define('overlap', async ({ id, tenant }) => {
      const running = overlap.get(tenant.id) ?? { now: 0, max: 0 };
      overlap.set(tenant.id, running);
      running.now++;
      running.max = Math.max(running.max, running.now);
      await new Promise((resolve) => setTimeout(resolve, 100));
      running.now--;
      finishedAt.set(id, Date.now());
    });
    await t.jobs.start({ concurrency: 4, pollMs: 50 });
  });

  afterAll(async () => {
    await env?.cleanup();
  });

  it("a job writes its own tenant's rows and sees no other tenant's, raw SQL and unfiltered updates included", async () => {
    const { a, b } = tenants;
    const bBefore = await titles(b.id);
    const { id } = await t.jobs.enqueue(a.id, 'add-note', { notebookId: a.notebook, title: 'from a job' });
    expect(await settled(a.id, id)).toMatchObject({ status: 'succeeded', attempts: 1, error: null, kind: 'add-note' });
    expect(seen.get(id)).toEqual({ tenant: a.id, titles: ["a's first", 'from a job'], updated: 2 });
    expect(await titles(a.id)).toEqual(["a's first", 'from a job']);
    expect(await titles(b.id)).toEqual(bBefore);
    const bodies = await t.withTenant(b.id, ({ db }) => db.selectFrom('notes').select('body').execute());
    expect(bodies.every((n) => n.body !== 'touched by a job')).toBe(true);

    // A's job naming B's notebook, or B as the row's tenant: refused by the database, nothing written.
    const viaNotebook = await t.jobs.enqueue(a.id, 'add-note', { notebookId: b.notebook, title: 'into b' });
    const viaTenant = await t.jobs.enqueue(a.id, 'plant', { tenant: b.id, notebookId: b.notebook });
    expect(await settled(a.id, viaNotebook.id)).toMatchObject({ status: 'failed' });
    expect(await settled(a.id, viaTenant.id)).toMatchObject({ status: 'failed', error: expect.stringMatching(/row-level security/) });
    expect(await titles(b.id)).toEqual(bBefore);
    expect(await titles(a.id)).toEqual(["a's first", 'from a job']);
  });

  it("another tenant cannot see a tenant's jobs", async () => {
    const { a, b } = tenants;
    const { id } = await t.jobs.enqueue(a.id, 'add-note', { notebookId: a.notebook, title: 'private' });
    await expect(t.jobs.get(b.id, id)).rejects.toMatchObject({ code: 'not_found' });
    const visible = await t.withTenant(b.id, ({ db }) => db.selectFrom('tenantry_jobs').select(['id', 'tenant_id']).execute());
    expect(visible.every((j) => j.tenant_id === b.id)).toBe(true);
    expect(visible.map((j) => j.id)).not.toContain(id);
    await settled(a.id, id);
  });

  it("failed attempts are retried by the kind's policy, each one's writes rolled back; past it the job fails", async () => {
    const { a } = tenants;
    const before = await t.withTenant(a.id, ({ db }) => db.selectFrom('notebooks').select('name').execute());
    const twice = await t.jobs.enqueue(a.id, 'flaky', { failures: 2 });
    const always = await t.jobs.enqueue(a.id, 'flaky', { failures: 5 });
    expect(await settled(a.id, twice.id)).toMatchObject({ status: 'succeeded', attempts: 3, error: null });
    expect(await settled(a.id, always.id)).toMatchObject({ status: 'failed', attempts: 3, error: 'failure 3' });
    expect(flaky.get(always.id)).toBe(3);
    const after = await t.withTenant(a.id, ({ db }) => db.selectFrom('notebooks').select('name').execute());
    // Only the attempt that succeeded left its notebook.
    expect(after.map((n) => n.name).sort()).toEqual([...before.map((n) => n.name), 'attempt 3'].sort());

    const slow = await t.jobs.enqueue(a.id, 'slow', null);
    expect(await settled(a.id, slow.id)).toMatchObject({ status: 'failed', attempts: 1, error: 'job timed out after 100 ms' });
  });

  it("jobs share the queue's per-tenant cap and fairness: a capped tenant's backlog runs one at a time, and another tenant's job does not wait behind it", async () => {
    const { a, b } = tenants;
    await t.catalog.update(b.id, { limits: { workflowConcurrency: 1 } });
    const backlog = [];
    for (let i = 0; i < 4; i++) backlog.push((await t.jobs.enqueue(b.id, 'overlap', null)).id);
    const quick = (await t.jobs.enqueue(a.id, 'overlap', null)).id;
    for (const id of backlog) expect(await settled(b.id, id)).toMatchObject({ status: 'succeeded' });
    expect(await settled(a.id, quick)).toMatchObject({ status: 'succeeded' });
    // b never ran two at once, though the worker had four slots (three of them for one tenant).
    expect(overlap.get(b.id)!.max).toBe(1);
    expect(finishedAt.get(quick)!).toBeLessThan(Math.max(...backlog.map((id) => finishedAt.get(id)!)));
    await t.catalog.update(b.id, { limits: {} });
  });

  it('an unknown kind or a payload its schema refuses is a clear ValidationError, and nothing is queued', async () => {
    const { a } = tenants;
    const count = () => t.withTenant(a.id, async ({ db }) => (await db.selectFrom('tenantry_jobs').select('id').execute()).length);
    const depth = async () => (await new WorkQueue(t.storage.control).depth()).find((d) => d.tenantId === a.id)?.queued ?? 0;
    const [jobsBefore, queuedBefore] = [await count(), await depth()];
    await expect(t.jobs.enqueue(a.id, 'send-invoice', {})).rejects.toThrow(
      /no job kind 'send-invoice' is defined in this process \(tenantry.jobs.define\); defined: 'add-note', 'plant', 'flaky', 'slow'/,
    );
    const bad = t.jobs.enqueue(a.id, 'add-note', { notebookId: a.notebook });
    await expect(bad).rejects.toBeInstanceOf(ValidationError);
    await expect(bad).rejects.toThrow("the payload of a 'add-note' job is invalid: payload must have required property 'title'");
    await expect(t.jobs.enqueue(a.id, 'add-note', { notebookId: a.notebook, title: 'x', extra: 1 })).rejects.toThrow(/must NOT have additional properties/);
    await expect(t.jobs.enqueue(a.id, 'flaky', { failures: 0 }, { delayMs: -1 })).rejects.toThrow(/delayMs must be an integer/);
    await expect(t.jobs.enqueue(a.id, 'flaky', 'x'.repeat(300_000))).rejects.toThrow(/bytes of JSON; the limit is/);
    expect(() => t.jobs.define('no spaces', async () => {})).toThrow(/job kind 'no spaces' must match/);
    await expect(t.jobs.enqueue('no-such-tenant', 'flaky', { failures: 0 })).rejects.toMatchObject({ code: 'tenant_not_found' });
    expect([await count(), await depth()]).toEqual([jobsBefore, queuedBefore]);
  });
});
