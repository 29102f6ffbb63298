import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type TenantryApp } from '../src/api/app.js';
import { consoleDir } from '../src/api/console.js';
import type { Tenantry } from '../src/tenantry.js';
import { backend, createTestEnv, tenantId, type TestEnv } from './support/harness.js';

const ADMIN = 'admin-token-console-tests';
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** Screenshots of the main views (git-ignored). */
const SHOTS = path.join(ROOT, 'test-output/console');
/** Debian's chromium (`apt-get install chromium`; .ci/run installs it). */
const CHROMIUM = process.env.TENANTRY_TEST_CHROMIUM ?? '/usr/bin/chromium';
/** expect.poll with the page's patience (vitest's default is one second: too short on a busy machine). */
const poll = <T>(read: () => Promise<T> | T, timeout = 15_000) => expect.poll(read, { timeout });

/**
 * The admin console (console/, served at /console/) in a real browser — Debian's chromium driven by
 * playwright-core — against a real server on a socket. What it checks is the console: its flows over
 * the HTTP API, whose behaviour on each backend the API's own tests cover; so it runs once
 * (vitest.config.ts, backendIndependent).
 */
describe(`admin console in a browser (${backend})`, () => {
  let env: TestEnv;
  let t: Tenantry;
  let app: TenantryApp;
  let base: string;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  /** What the pages' Content Security Policy refused (an inline style or script, a foreign request): none expected. */
  const cspViolations: string[] = [];
  const A = tenantId('console-a');
  const B = tenantId('console-b');
  const keys: { admin?: string; viewer?: string } = {};

  /** A call to the API with the admin token, outside the browser (setting up, and checking what the console did). */
  const api = async (method: string, url: string, body?: unknown, token = ADMIN) => {
    const res = await fetch(base + url, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.text().then((text) => (text ? JSON.parse(text) : undefined))) as Record<string, unknown> };
  };

  /** A fresh tab (its own sessionStorage) at the console, 1280 px wide unless told. */
  const open = async (width = 1280): Promise<Page> => {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });
    await page.goto(`${base}/console`);
    return page;
  };

  /** Sign in with a token; unless `failing`, wait until signed in. */
  const signIn = async (page: Page, token: string, failing = false) => {
    await page.locator('#token').fill(token);
    await page.getByRole('button', { name: 'Sign in' }).click();
    if (!failing) await page.getByTestId('who').waitFor();
  };
  const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name });

  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });

  beforeAll(async () => {
    expect(existsSync(path.join(consoleDir(), 'index.html')), 'the console is built by `npm run build`').toBe(true);
    expect(existsSync(CHROMIUM), `no browser at ${CHROMIUM}: apt-get install chromium (or set TENANTRY_TEST_CHROMIUM)`).toBe(true);
    await fs.mkdir(SHOTS, { recursive: true });
    env = await createTestEnv();
    t = await env.open();
    app = await buildApp({ tenantry: t, adminToken: ADMIN, cursorSecret: 'cursor-secret-console-tests' });
    t.operations.start();
    await app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    // Another tenant, which tenant A's admin must never see.
    expect((await api('POST', '/v1/tenants', { id: B, name: 'Bystander', isolation: 'pooled' })).status).toBe(201);
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await browser?.close();
    await app?.close();
    await env?.cleanup();
  });

  it('serves the console at /console with a strict content security policy', async () => {
    const res = await fetch(`${base}/console`, { redirect: 'manual' });
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe('/console/');
    const page = await fetch(`${base}/console/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('<div id="app"></div>');
    // A file that is not there is the API's 404 problem, not a page.
    const missing = await fetch(`${base}/console/nothing.js`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toContain('application/problem+json');
  });

  it("a wrong admin token shows the problem's title and detail, and signs nobody in", async () => {
    const page = await open();
    await signIn(page, 'not-the-admin-token-at-all', true);
    const alert = page.getByRole('alert', { name: 'Sign-in error' });
    await poll(() => alert.textContent()).toContain('Unauthorized');
    expect(await alert.textContent()).toContain('the control plane needs the platform admin token');
    expect(await page.evaluate('sessionStorage.length')).toBe(0);
    await shot(page, 'sign-in-error');
  });

  it('signs in with the admin token, kept in sessionStorage only, and creates a tenant with its id checked as typed', async () => {
    const page = await open();
    await signIn(page, ADMIN);
    await page.getByRole('heading', { name: 'Tenants', exact: true }).waitFor();
    expect(page.url()).not.toContain(ADMIN);
    expect(await page.evaluate('[localStorage.length, document.cookie]')).toEqual([0, '']);
    expect(await page.evaluate("sessionStorage.getItem('tenantry.console.session')")).toContain(ADMIN);
    await page.getByRole('row').filter({ hasText: B }).waitFor();

    const create = page.getByRole('form', { name: 'Create a tenant' });
    await create.getByLabel('Id').fill('9lives');
    await poll(() => page.locator('#new-id-help').textContent()).toBe('Starts with a lowercase letter.');
    expect(await create.getByRole('button', { name: 'Create tenant' }).isDisabled()).toBe(true);
    await create.getByLabel('Id').fill(A);
    await create.getByLabel('Name').fill('Acme Console');
    await create.getByLabel('Tier').selectOption('pro');
    await create.getByLabel('Isolation').selectOption('pooled');
    await create.getByRole('button', { name: 'Create tenant' }).click();
    await page.getByRole('heading', { name: /Acme Console/ }).waitFor();
    expect((await api('GET', `/v1/tenants/${A}`)).body).toMatchObject({ id: A, name: 'Acme Console', tier: 'pro', isolation: 'pooled', status: 'active' });

    // The list: both tenants, the filters, the counts.
    await nav(page, 'Tenants').click();
    await page.getByRole('row').filter({ hasText: A }).waitFor();
    await shot(page, 'tenants');
    await page.locator('#filter-tier').selectOption('pro');
    await poll(() => page.getByRole('table', { name: 'Tenants' }).locator('tbody tr').count()).toBe(1);
    await page.locator('#filter-tier').selectOption('');
    await page.getByLabel('Search').fill('bystand');
    await poll(() => page.getByRole('table', { name: 'Tenants' }).locator('tbody tr').textContent()).toContain(B);
    expect(Number(await page.getByTestId('count-total').textContent())).toBeGreaterThanOrEqual(2);
    expect(await page.getByRole('definition').filter({ hasText: 'pooled' }).textContent()).toMatch(/pooled\s*\d+/);
  });

  it('suspends and resumes a tenant, and mints keys shown once with a copy button', async () => {
    const page = await open();
    await signIn(page, ADMIN);
    // Not a tenant id ('..' would make the API path another route): the tenants list, not a tenant.
    await page.goto(`${base}/console/#/tenants/..`);
    await page.getByRole('heading', { name: 'All tenants' }).waitFor();
    expect(await page.getByRole('button', { name: 'Suspend' }).count()).toBe(0);
    await page.goto(`${base}/console/#/tenants/${A}`);
    await page.getByRole('button', { name: 'Suspend' }).click();
    await page.getByRole('button', { name: 'Resume' }).waitFor();
    expect((await api('GET', `/v1/tenants/${A}`)).body.status).toBe('suspended');
    await page.getByRole('button', { name: 'Resume' }).click();
    await page.getByRole('button', { name: 'Suspend' }).waitFor();
    expect((await api('GET', `/v1/tenants/${A}`)).body.status).toBe('active');

    for (const role of ['admin', 'viewer'] as const) {
      const form = page.getByRole('form', { name: 'Mint an API key' });
      await form.getByLabel('Key name').fill(`console ${role}`);
      await form.getByLabel('Role').selectOption(role);
      await form.getByRole('button', { name: 'Mint key' }).click();
      await poll(() => page.getByTestId('new-key').textContent()).toContain(`tnty_`);
      const key = (await page.getByTestId('new-key').textContent())!;
      if (keys.admin !== undefined) expect(key).not.toBe(keys.admin);
      keys[role] = key;
      await page.getByRole('button', { name: 'Copy the new key' }).waitFor();
      if (role === 'admin') await shot(page, 'tenant-detail');
      await page.getByRole('button', { name: 'Done' }).click();
      // Shown once: gone once dismissed.
      expect(await page.getByTestId('new-key').count()).toBe(0);
    }
    expect((await api('GET', '/v1/tenant', undefined, keys.admin)).body.id).toBe(A);

    // The admin lists the tenant's keys (the control plane's list) and revokes one; B's keys stay.
    const keyOfB = (await api('POST', `/v1/tenants/${B}/api-keys`, { name: 'bystander', role: 'viewer' })).body.key as string;
    const keysOfB = async () => ((await api('GET', `/v1/tenants/${B}/api-keys?limit=500`)).body.items as Array<{ id: string }>).map((k) => k.id);
    const before = await keysOfB();
    expect(before).toHaveLength(1);
    const form = page.getByRole('form', { name: 'Mint an API key' });
    await form.getByLabel('Key name').fill('console temp');
    await form.getByRole('button', { name: 'Mint key' }).click();
    await poll(() => page.getByTestId('new-key').textContent()).toContain('tnty_');
    const temp = (await page.getByTestId('new-key').textContent())!;
    await page.getByRole('button', { name: 'Done' }).click();
    const keyTable = page.getByRole('table', { name: 'API keys' });
    await keyTable.getByRole('row').filter({ hasText: 'console viewer' }).waitFor();
    const row = keyTable.getByRole('row').filter({ hasText: 'console temp' });
    await row.getByRole('button', { name: 'Revoke key console temp' }).click();
    await row.getByRole('button', { name: 'Confirm revoking key console temp' }).click();
    await poll(() => keyTable.getByRole('row').filter({ hasText: 'console temp' }).count()).toBe(0);
    expect((await api('GET', '/v1/tenant', undefined, temp)).status).toBe(401);
    expect((await api('GET', '/v1/tenant', undefined, keys.admin)).status).toBe(200);
    expect(await keysOfB()).toEqual(before);
    expect((await api('GET', '/v1/tenant', undefined, keyOfB)).status).toBe(200);
  });

  it("edits settings and limits, with JSON errors and the server's errors shown at the field", async () => {
    const page = await open();
    await signIn(page, ADMIN);
    await page.goto(`${base}/console/#/tenants/${A}`);
    const limits = page.getByLabel('Limits (JSON)');
    await limits.fill('{ "requestsPerMinute": ');
    await poll(() => page.locator('#limits-json-errors').textContent()).toMatch(/line 1, column/);
    expect(await page.getByRole('button', { name: 'Save settings and limits' }).isDisabled()).toBe(true);
    await limits.fill('{ "requestsPerMinute": 120, "noSuchLimit": 1 }');
    await page.getByRole('button', { name: 'Save settings and limits' }).click();
    await poll(() => page.locator('#limits-json-errors').textContent()).toContain('noSuchLimit');
    expect(await page.getByRole('alert', { name: 'Settings error' }).textContent()).toContain('Validation failed');
    await shot(page, 'settings-error');
    await page.getByLabel('Settings (JSON)').fill('{ "theme": "dark" }');
    await limits.fill('{ "requestsPerMinute": 120 }');
    await page.getByRole('button', { name: 'Save settings and limits' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    expect((await api('GET', `/v1/tenants/${A}`)).body).toMatchObject({ settings: { theme: 'dark' }, limits: { requestsPerMinute: 120 } });
  });

  it("a tenant admin sees only their own tenant, and mints and revokes that tenant's keys", async () => {
    const page = await open();
    await signIn(page, keys.admin!);
    await page.getByRole('heading', { name: /Acme Console/ }).waitFor();
    expect(await page.getByTestId('who').textContent()).toBe(`Tenant ${A}`);
    // No platform page, and nothing of the other tenant.
    expect(await page.getByRole('link', { name: 'Tenants' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Operations' }).count()).toBe(0);
    await page.getByRole('table', { name: 'API keys' }).getByText('console viewer').waitFor();
    expect(await page.content()).not.toContain(B);

    const form = page.getByRole('form', { name: 'Mint an API key' });
    await form.getByLabel('Key name').fill('short-lived');
    await form.getByRole('button', { name: 'Mint key' }).click();
    await poll(() => page.getByTestId('new-key').textContent()).toContain('tnty_');
    const minted = (await page.getByTestId('new-key').textContent())!;
    expect((await api('GET', '/v1/tenant', undefined, minted)).status).toBe(200);
    const row = page.getByRole('row').filter({ hasText: 'short-lived' });
    await row.waitFor();
    await shot(page, 'tenant-view');
    await row.getByRole('button', { name: 'Revoke key short-lived' }).click();
    await row.getByRole('button', { name: 'Confirm revoking key short-lived' }).click();
    await poll(() => page.getByRole('row').filter({ hasText: 'short-lived' }).count()).toBe(0);
    expect((await api('GET', '/v1/tenant', undefined, minted)).status).toBe(401);

    // The audit trail holds the mint and the revoke, and its chain verifies.
    await page.reload();
    const audit = page.getByRole('table', { name: 'Audit entries' });
    await audit.getByRole('row').filter({ hasText: 'DELETE /v1/api-keys/{id}' }).waitFor();
    await page.getByRole('button', { name: 'Verify' }).click();
    await poll(() => page.getByTestId('audit-verification').textContent()).toMatch(/^Chain intact: \d+ entries verified\.$/);
  });

  it('a viewer key cannot mint keys: the console shows why and offers no control', async () => {
    const page = await open();
    await signIn(page, keys.viewer!);
    await page.getByRole('heading', { name: /Acme Console/ }).waitFor();
    const alert = page.getByRole('alert', { name: 'API keys error' });
    await poll(() => alert.textContent()).toContain('Forbidden');
    expect(await page.getByRole('button', { name: 'Mint key' }).count()).toBe(0);
    // And the API refuses it anyway.
    expect((await api('POST', '/v1/api-keys', { name: 'nope', role: 'admin' }, keys.viewer)).status).toBe(403);

    // Revoked meanwhile: the next call's 401 signs the tab out, saying why, and forgets the key.
    expect((await api('DELETE', `/v1/api-keys/${keys.viewer!.split('_')[1]}`, undefined, keys.admin)).status).toBe(204);
    await page.reload();
    await poll(() => page.getByRole('status').textContent()).toContain('no longer accepts this token (401)');
    expect(await page.evaluate('sessionStorage.length')).toBe(0);
  });

  it("opens a workflow run and shows its steps as the DAG, with each step's status, attempts and error", async () => {
    const steps = [
      { id: 'load', kind: 'transform', with: { expression: '{"n": 2}' } },
      { id: 'double', kind: 'transform', needs: ['load'], with: { expression: 'steps.load.n * 2' } },
      { id: 'square', kind: 'transform', needs: ['load'], with: { expression: 'steps.load.n * steps.load.n' } },
      { id: 'report', kind: 'transform', needs: ['double', 'square'], with: { expression: "$error('report is out of paper')" } },
    ];
    expect((await api('PUT', '/v1/workflows/nightly', { steps }, keys.admin)).status).toBe(201);
    // The engine only for this run: polling beside a move on embedded PGlite's one connection slows it.
    app.workflows.startEngine({ concurrency: 2, pollMs: 20, scheduleTickMs: 60_000 });
    let runId: string;
    try {
      // With an input: a run without one (input null) makes the later move fail ("null value in column
      // input of relation runs", src/storage/move.ts copies JSON null as SQL NULL), a bug of its own.
      const started = await api('POST', '/v1/workflows/nightly/runs', { input: { day: 'monday' } }, keys.admin);
      expect(started.status).toBe(202);
      runId = started.body.id as string;
      await poll(async () => (await api('GET', `/v1/runs/${runId}`, undefined, keys.admin)).body.status, 30_000).toBe('failed');
    } finally {
      await app.workflows.stopEngine();
    }

    const page = await open();
    await signIn(page, keys.admin!);
    await page.locator('#workflow-select').selectOption('nightly');
    await page.getByRole('button', { name: `Open run ${runId}` }).click();
    const run = page.getByRole('region', { name: `Run ${runId}` });
    const stages = run.getByRole('list', { name: 'Steps by stage' }).locator('.dag-column');
    await poll(() => stages.count()).toBe(3);
    expect(
      await stages
        .nth(1)
        .locator('[data-step]')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-step')).sort()),
    ).toEqual(['double', 'square']);
    const report = run.locator('[data-step="report"]');
    expect(await report.getAttribute('data-status')).toBe('failed');
    expect(await report.textContent()).toContain('after double, square');
    expect(await report.textContent()).toContain('report is out of paper');
    expect(await run.locator('[data-step="double"]').getAttribute('data-status')).toBe('succeeded');
    // The DAG's edges, drawn from each step to those that need it, coloured by the first's status.
    const edges = () => run.locator('[data-edge]').evaluateAll((els) => els.map((e) => e.getAttribute('data-edge')).sort());
    await poll(edges).toEqual(['double->report', 'load->double', 'load->square', 'square->report']);
    expect(await run.locator('[data-edge="load->double"]').getAttribute('data-status')).toBe('succeeded');
    await run.screenshot({ path: path.join(SHOTS, 'workflow-run.png') });

    // The platform admin sees the same run from the tenant's page (the control plane's reads).
    const adminPage = await open();
    await signIn(adminPage, ADMIN);
    await adminPage.goto(`${base}/console/#/tenants/${A}`);
    await adminPage.locator('#workflow-select').selectOption('nightly');
    await adminPage.getByRole('button', { name: `Open run ${runId}` }).click();
    const adminRun = adminPage.getByRole('region', { name: `Run ${runId}` });
    await poll(() => adminRun.locator('[data-edge]').count()).toBe(4);
    expect(await adminRun.locator('[data-step="report"]').textContent()).toContain('report is out of paper');
    expect(await adminRun.locator('[data-step="report"]').textContent()).toMatch(/attempts\s*1/);
  });

  it("browses a collection's records with the query language, read only, with the count and a bad filter's problem", async () => {
    // Sorting by a data field needs an index on it (the API refuses otherwise).
    expect((await api('POST', '/v1/collections', { name: 'orders', indexes: ['total'] }, keys.admin)).status).toBe(201);
    const records = [3, 12, 25, 40].map((total) => ({ data: { item: `item ${total}`, total } }));
    expect((await api('POST', '/v1/collections/orders/records/bulk', { records }, keys.admin)).status).toBe(201);

    const page = await open();
    await signIn(page, keys.admin!);
    await poll(() => page.getByTestId('records-orders').textContent()).toBe('4');
    await page.getByRole('button', { name: 'Browse orders' }).click();
    const browser = page.getByRole('region', { name: 'Records of orders' });
    await browser.getByLabel('Filter (JSON)').fill('{"total": {"$gte": 10}}');
    await browser.getByLabel('Sort').fill('-total');
    await browser.getByRole('button', { name: 'Query' }).click();
    await poll(() => browser.getByTestId('records-total').textContent()).toBe('3 matching');
    const rows = browser.getByRole('table', { name: 'Records' }).locator('tbody tr');
    expect(await rows.allTextContents()).toEqual([expect.stringContaining('item 40'), expect.stringContaining('item 25'), expect.stringContaining('item 12')]);
    await shot(page, 'records');
    // A filter the server refuses: its problem, title and detail.
    await browser.getByLabel('Filter (JSON)').fill('{"total": {"$near": 1}}');
    await browser.getByRole('button', { name: 'Query' }).click();
    await poll(() => browser.getByRole('alert', { name: 'Query error' }).textContent()).toContain('$near');
  });

  it('moves a tenant, the progress bar following the operation to 100%, and lists it on the Platform page with clusters and requests per plan', async () => {
    const page = await open();
    await signIn(page, ADMIN);
    await page.goto(`${base}/console/#/tenants/${A}`);
    const form = page.getByRole('form', { name: 'Move the tenant' });
    await form.getByLabel('To isolation').selectOption('schema');
    await form.getByRole('button', { name: 'Start move' }).click();
    const bar = page.getByRole('progressbar', { name: 'Move progress' });
    await bar.waitFor();
    // Until it has finished; a failed move shows its error under the bar, reported here.
    const operation = page.locator('.operation');
    await poll(() => operation.getAttribute('data-status'), 60_000).toMatch(/^(succeeded|failed)$/);
    expect(await operation.getAttribute('data-status'), (await operation.textContent()) ?? '').toBe('succeeded');
    expect(await bar.evaluate((el) => (el as unknown as { value: number }).value)).toBe(100);
    await page.locator('.operation[data-status="succeeded"]').getByText('100%').waitFor();
    await poll(() => page.getByTestId('isolation').textContent()).toBe('schema');
    expect((await api('GET', `/v1/tenants/${A}`)).body).toMatchObject({ isolation: 'schema', status: 'active' });
    await shot(page, 'move-done');

    await nav(page, 'Platform').click();
    await page.getByRole('table', { name: 'Operations' }).getByRole('row').filter({ hasText: A }).filter({ hasText: 'move' }).waitFor();
    const platformAudit = page.getByRole('region', { name: 'Platform audit trail' });
    await platformAudit.getByRole('button', { name: 'Verify' }).click();
    await poll(() => page.getByTestId('audit-verification').textContent()).toMatch(/^Chain intact: \d+ entries verified\.$/);
    // Clusters with their tenants (as the catalog counts them) and connections; requests per plan.
    const summary = (await api('GET', '/v1/platform/summary')).body as { clusters: Array<{ name: string; tenants: number }> };
    for (const c of summary.clusters) await poll(() => page.getByTestId(`cluster-tenants-${c.name}`).textContent()).toBe(String(c.tenants));
    expect(summary.clusters.reduce((n, c) => n + c.tenants, 0)).toBeGreaterThanOrEqual(2);
    expect(await page.locator('.cluster meter').count()).toBeGreaterThanOrEqual(1);
    const requests = page.getByRole('table', { name: 'Requests per plan' });
    // A is a pro tenant whose requests the earlier tests made; its latency quantiles are shown in ms.
    expect(Number(await requests.getByTestId('requests-pro').textContent())).toBeGreaterThan(0);
    expect(await requests.locator('tr[data-tier="pro"]').textContent()).toMatch(/\d ms/);
    // The rate needs two readings, two seconds apart.
    await poll(() => requests.locator('tr[data-tier="none"] td').nth(1).textContent()).toMatch(/^\d+\.\d$/);
    expect(await page.getByRole('link', { name: 'API reference (/docs)' }).getAttribute('href')).toBe('/docs');
    await shot(page, 'platform');
  });

  it("shows a tenant's models with versions and metrics, and usage charts with database and CPU seconds", async () => {
    expect((await api('POST', '/v1/collections', { name: 'points' }, keys.admin)).status).toBe(201);
    const records = Array.from({ length: 40 }, (_, i) => ({ data: { x: i, y: 3 * i + (i % 3) } }));
    expect((await api('POST', '/v1/collections/points/records/bulk', { records }, keys.admin)).status).toBe(201);
    expect((await api('POST', '/v1/models', { name: 'line', kind: 'regression', collection: 'points', features: ['x'], target: 'y' }, keys.admin)).status).toBe(
      202,
    );
    await app.models.idle();
    // The hour-by-hour usage is written every few seconds: now.
    await t.meter.flush();

    const page = await open();
    await signIn(page, ADMIN);
    await page.goto(`${base}/console/#/tenants/${A}`);
    const models = page.getByRole('table', { name: 'Models' });
    await models.getByRole('row').filter({ hasText: 'line' }).waitFor();
    expect(await models.getByRole('row').filter({ hasText: 'line' }).textContent()).toMatch(/regression.*x → y.*ready.*r2/);
    await models.getByRole('button', { name: 'Versions of model line' }).click();
    const versions = page.getByRole('region', { name: 'Model line' }).getByRole('table', { name: 'Model versions' });
    await versions.locator('tr[data-version="1"]').waitFor();
    const version = (await versions.locator('tr[data-version="1"]').textContent())!;
    expect(version).toContain('ready');
    expect(version).toMatch(/r2\s*0\.9\d*/);
    expect(version).toMatch(/rmse\s*[\d.]+/);
    expect(version).toMatch(/trainRows\s*32/);
    await page.getByRole('region', { name: 'Model line' }).screenshot({ path: path.join(SHOTS, 'models.png') });

    const usage = page.getByRole('region', { name: /^Usage/ });
    await usage.getByRole('figure', { name: 'API requests per hour' }).locator('canvas').waitFor();
    await usage.getByRole('figure', { name: 'Seconds per hour' }).locator('canvas').waitFor();
    expect(Number(await usage.getByTestId('usage-apiRequests').textContent())).toBeGreaterThan(0);
    expect(Number(await usage.getByTestId('usage-databaseSeconds').textContent())).toBeGreaterThan(0);
    expect(await usage.getByTestId('usage-cpuSeconds').textContent()).toMatch(/^[\d.,]+$/);
    // Another month: nothing used then.
    await usage.getByLabel('Month').fill('2020-01');
    await poll(() => usage.getByTestId('usage-apiRequests').textContent()).toBe('0');
    await usage.getByLabel('Month').fill(new Date().toISOString().slice(0, 7));
    await usage.getByRole('figure', { name: 'API requests per hour' }).locator('canvas').waitFor();
    await usage.screenshot({ path: path.join(SHOTS, 'usage.png') });

    // The tenant's own view shows its models too.
    const own = await open();
    await signIn(own, keys.admin!);
    await own.getByRole('table', { name: 'Models' }).getByRole('row').filter({ hasText: 'line' }).waitFor();
  });

  it('deletes a tenant only once its id is typed, and fits a narrow window', async () => {
    const page = await open(390);
    await signIn(page, ADMIN);
    await page.goto(`${base}/console/#/tenants/${A}`);
    const form = page.getByRole('form', { name: 'Delete the tenant' });
    await form.getByLabel('Tenant id').fill(A.slice(0, -1));
    expect(await form.getByRole('button', { name: 'Delete tenant' }).isDisabled()).toBe(true);
    await shot(page, 'narrow-tenant-detail');
    // Nothing wider than the window but the tables' own scrolling.
    // (Failing, the message names the elements that stick out.)
    const wide = `[...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > 391 && (!e.closest('.table-wrap, .dag-wrap') || getComputedStyle(e).position === 'absolute')).slice(0, 8).map((e) => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)).join('; ')`;
    expect(await page.evaluate('document.documentElement.scrollWidth'), await page.evaluate(wide)).toBeLessThanOrEqual(390);
    await form.getByLabel('Tenant id').fill(A);
    await form.getByRole('button', { name: 'Delete tenant' }).click();
    await page.getByRole('heading', { name: 'Tenants', exact: true }).waitFor({ timeout: 60_000 });
    expect((await api('GET', `/v1/tenants/${A}`)).status).toBe(404);
    await page.getByRole('row').filter({ hasText: B }).waitFor();
    expect(await page.getByRole('row').filter({ hasText: A }).count()).toBe(0);

    // The Platform page fits too.
    await nav(page, 'Platform').click();
    await page.getByRole('table', { name: 'Requests per plan' }).waitFor();
    await page.locator('.cluster').first().waitFor();
    expect(await page.evaluate('document.documentElement.scrollWidth'), await page.evaluate(wide)).toBeLessThanOrEqual(390);
    await shot(page, 'narrow-platform');
    // Nothing the console did — charts, DAG, every view — was refused by its Content Security Policy.
    expect(cspViolations).toEqual([]);

    // Signing out forgets the token.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(await page.evaluate('sessionStorage.length')).toBe(0);
  });
});
