import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { NameTakenError, TenantryError, ValidationError } from '../src/errors.js';
import { adminQuery } from '../src/storage/backends/backend.js';
import { derivedDeploymentName } from '../src/storage/deployment.js';
import { routerOf } from '../src/storage/internals.js';
import { checkDeploymentName, DeploymentNames, MAX_NAME_BYTES } from '../src/storage/names.js';
import type { Tenantry } from '../src/tenantry.js';
import { backend, createTestEnv, tenantId, uniq, type TestEnv } from './support/harness.js';
import { seedRecords, visibleRecords } from './support/seed.js';

async function roleExists(t: Tenantry, role: string): Promise<boolean> {
  const { rows } = await adminQuery(routerOf(t).controlCluster.main, 'select 1 from pg_roles where rolname = $1', [role]);
  return rows.length === 1;
}

/** Whether the tenant database of `id` can be opened (a server's database, or an embedded data directory). */
async function databaseOpens(t: Tenantry, id: string): Promise<boolean> {
  const { database, role } = routerOf(t).names.databaseTenant(id);
  const handle = await routerOf(t)
    .openTenantDatabase('main', database, role)
    .catch(() => undefined);
  handle?.release();
  return handle !== undefined;
}

async function recordIds(t: Tenantry, id: string): Promise<string[]> {
  return (await visibleRecords(t, id)).map((r) => r.id).sort();
}

/**
 * Deployments sharing one PostgreSQL server — staging beside production, a database per developer, two
 * test runs — each on its own control-plane database. Roles and databases are server-wide there, so
 * each deployment's carry its name. Embedded, every deployment is a data directory of its own and
 * nothing is shared: the same file runs there and shows the names stay what they always were.
 */
describe(`deployments sharing a server (${backend})`, () => {
  let first: TestEnv;
  let second: TestEnv;
  let a: Tenantry;
  let b: Tenantry;
  const schemaTenant = tenantId('shared-s');
  const databaseTenant = tenantId('shared-d');

  beforeAll(async () => {
    first = await createTestEnv();
    second = await createTestEnv();
    a = await first.open();
    b = await second.open();
  });

  afterAll(async () => {
    await first?.cleanup();
    await second?.cleanup();
  });

  it('each deployment is named after its control database on a server, and unnamed embedded', async () => {
    if (backend === 'postgres') {
      for (const t of [a, b]) {
        const database = new URL(t.config.clusters[0]!.url!).pathname.slice(1);
        expect(t.storage.deployment).toBe(derivedDeploymentName(database));
        expect(routerOf(t).names.appRole).toBe(`tenantry_${t.storage.deployment}_app`);
      }
      expect(a.storage.deployment).not.toBe(b.storage.deployment);
    } else {
      // Embedded: the names Tenantry always used (roles belong to one PGlite instance, databases are directories).
      for (const t of [a, b]) {
        expect(t.storage.deployment).toBe('');
        expect(routerOf(t).names.appRole).toBe('tenantry_app');
        expect(routerOf(t).names.schemaTenant(schemaTenant).role).toBe(`tenantry_t_${schemaTenant}`);
        expect(routerOf(t).names.databaseTenant(databaseTenant)).toMatchObject({
          role: `tenantry_d_${databaseTenant.replaceAll('-', '_')}`,
          database: `tenant_${databaseTenant}`,
        });
      }
    }
  });

  it('two deployments create schema and database tenants with the same ids; each sees only its own data', async () => {
    const seeded = new Map<Tenantry, Record<string, string[]>>();
    for (const [t, count] of [
      [a, 2],
      [b, 5],
    ] as const) {
      await t.tenants.create({ id: schemaTenant, isolation: 'schema' });
      await t.tenants.create({ id: databaseTenant, isolation: 'database' });
      seeded.set(t, { [schemaTenant]: await seedRecords(t, schemaTenant, count), [databaseTenant]: await seedRecords(t, databaseTenant, count) });
    }
    for (const t of [a, b]) {
      for (const id of [schemaTenant, databaseTenant]) expect(await recordIds(t, id)).toEqual([...seeded.get(t)![id]!].sort());
    }
    if (backend === 'postgres') {
      // Two sets of server-wide names, side by side on one server.
      const roles = [a, b].flatMap((t) => [routerOf(t).names.schemaTenant(schemaTenant).role, routerOf(t).names.databaseTenant(databaseTenant).role]);
      expect(new Set(roles).size).toBe(4);
      for (const role of roles) expect(await roleExists(a, role)).toBe(true);
      expect(routerOf(a).names.databaseTenant(databaseTenant).database).not.toBe(routerOf(b).names.databaseTenant(databaseTenant).database);
    }
  });

  it("deleting one deployment's tenants leaves the other's intact", async () => {
    const before = { s: await recordIds(b, schemaTenant), d: await recordIds(b, databaseTenant) };
    await a.tenants.delete(schemaTenant);
    await a.tenants.delete(databaseTenant);
    expect(await a.catalog.getFresh(schemaTenant)).toBeUndefined();
    expect(await databaseOpens(a, databaseTenant)).toBe(false);
    if (backend === 'postgres') {
      expect(await roleExists(a, routerOf(a).names.schemaTenant(schemaTenant).role)).toBe(false);
      expect(await roleExists(a, routerOf(a).names.databaseTenant(databaseTenant).role)).toBe(false);
      expect(await roleExists(b, routerOf(b).names.schemaTenant(schemaTenant).role)).toBe(true);
      expect(await roleExists(b, routerOf(b).names.databaseTenant(databaseTenant).role)).toBe(true);
    }
    expect(await databaseOpens(b, databaseTenant)).toBe(true);
    expect({ s: await recordIds(b, schemaTenant), d: await recordIds(b, databaseTenant) }).toEqual(before);
    // And the id is free again in the first deployment, beside the second's.
    await a.tenants.create({ id: schemaTenant, isolation: 'schema' });
    expect(await visibleRecords(a, schemaTenant)).toEqual([]);
    expect(await recordIds(b, schemaTenant)).toEqual(before.s);
  });

  it('the name is recorded at the first start: a different TENANTRY_DEPLOYMENT is refused, the same one accepted', async () => {
    const recorded = a.storage.deployment;
    const other = recorded === 'other' ? 'another' : 'other';
    const refused = await first.open({ config: { deployment: other } }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ValidationError);
    expect((refused as Error).message).toMatch(new RegExp(`TENANTRY_DEPLOYMENT is '${other}'`));
    expect((refused as Error).message).toMatch(recorded === '' ? /unset TENANTRY_DEPLOYMENT/ : new RegExp(`set it to '${recorded}'`));
    a = await first.open({ config: { deployment: recorded === '' ? undefined : recorded } });
    expect(a.storage.deployment).toBe(recorded);
    expect(await visibleRecords(a, schemaTenant)).toEqual([]);
  });

  describe('two deployments configured with the same name', () => {
    let third: TestEnv;
    let fourth: TestEnv;
    const deployment = `c${uniq()}`;

    afterAll(async () => {
      await third?.cleanup();
      await fourth?.cleanup();
    });

    it('collide on a server with a 409 naming the role or database (embedded: never meet); nothing of the other is touched', async () => {
      third = await createTestEnv({ deployment });
      fourth = await createTestEnv({ deployment });
      const c = await third.open();
      const d = await fourth.open();
      expect([c.storage.deployment, d.storage.deployment]).toEqual([deployment, deployment]);
      const s = tenantId('twin-s');
      const db = tenantId('twin-d');
      await c.tenants.create({ id: s, isolation: 'schema' });
      await c.tenants.create({ id: db, isolation: 'database' });
      const cRecords = { s: await seedRecords(c, s), db: await seedRecords(c, db) };
      if (backend === 'postgres') {
        const names = routerOf(d).names;
        const role = await d.tenants.create({ id: s, isolation: 'schema' }).catch((e: unknown) => e);
        expect(role).toBeInstanceOf(NameTakenError);
        expect(role).toMatchObject({ code: 'name_taken', status: 409, kind: 'role', objectName: names.schemaTenant(s).role });
        expect((role as Error).message).toContain(`role "${names.schemaTenant(s).role}" already exists`);
        const database = await d.tenants.create({ id: db, isolation: 'database' }).catch((e: unknown) => e);
        expect(database).toMatchObject({ code: 'name_taken', status: 409, kind: 'database', objectName: names.databaseTenant(db).database });
        expect(await d.catalog.list()).toEqual([]);
      } else {
        // Embedded, nothing is shared: the same names in two data directories never meet.
        await d.tenants.create({ id: s, isolation: 'schema' });
        await d.tenants.create({ id: db, isolation: 'database' });
        expect(await visibleRecords(d, s)).toEqual([]);
        expect(await visibleRecords(d, db)).toEqual([]);
      }
      expect(await recordIds(c, s)).toEqual([...cRecords.s].sort());
      expect(await recordIds(c, db)).toEqual([...cRecords.db].sort());
    });
  });

  it('a catalog made before deployment names keeps the names it made, and refuses to be given one', async () => {
    const env = await createTestEnv();
    let unusedAppRole: string | undefined;
    try {
      const fresh = await env.open();
      unusedAppRole = routerOf(fresh).names.appRole;
      // As a catalog was before migration 6: clusters recorded, no deployment table.
      await adminQuery(routerOf(fresh).controlCluster.main, 'DROP TABLE tenantry.deployment');
      await adminQuery(routerOf(fresh).controlCluster.main, 'DELETE FROM tenantry._migrations WHERE version = 6');
      const upgraded = await env.open();
      expect(upgraded.storage.deployment).toBe('');
      expect(routerOf(upgraded).names.appRole).toBe('tenantry_app');
      const s = tenantId('legacy-s');
      const d = tenantId('legacy-d');
      await upgraded.tenants.create({ id: s, isolation: 'schema' });
      await upgraded.tenants.create({ id: d, isolation: 'database' });
      expect(routerOf(upgraded).names.schemaTenant(s).role).toBe(`tenantry_t_${s}`);
      expect(routerOf(upgraded).names.databaseTenant(d)).toMatchObject({ role: `tenantry_d_${d.replaceAll('-', '_')}`, database: `tenant_${d}` });
      if (backend === 'postgres') expect(await roleExists(upgraded, `tenantry_t_${s}`)).toBe(true);
      expect(await seedRecords(upgraded, d)).toHaveLength(3);
      await expect(env.open({ config: { deployment: 'prod' } })).rejects.toThrow(/named without a deployment name.*unset TENANTRY_DEPLOYMENT/);
      const again = await env.open();
      expect(again.storage.deployment).toBe('');
      expect(await visibleRecords(again, d)).toHaveLength(3);
    } finally {
      await env.cleanup();
      // The first start's application role, named for the deployment this catalog no longer is (the
      // harness drops the one the environment ends with).
      if (backend === 'postgres' && unusedAppRole) await adminQuery(routerOf(b).controlCluster.main, `DROP ROLE IF EXISTS "${unusedAppRole}"`);
    }
  });
});

describe('deployment names', () => {
  it(`fit PostgreSQL's ${MAX_NAME_BYTES}-byte limit for the longest tenant id, or are refused in config with the length to use`, () => {
    const longestId = `a${'b'.repeat(39)}`;
    for (const deployment of ['ab', 'abcdefghijk', derivedDeploymentName('tenantry_test_0123abcd'), derivedDeploymentName(`x${'y'.repeat(62)}`)]) {
      const names = new DeploymentNames(deployment);
      for (const name of [names.appRole, names.schemaTenant(longestId).role, names.databaseTenant(longestId).role, names.databaseTenant(longestId).database]) {
        expect(Buffer.byteLength(name), name).toBeLessThanOrEqual(MAX_NAME_BYTES);
      }
    }
    expect(() => checkDeploymentName('abcdefghijkl')).toThrow(
      /TENANTRY_DEPLOYMENT 'abcdefghijkl' is too long: .* 64 bytes, over PostgreSQL's limit of 63; use at most 11 characters/,
    );
    expect(() => loadConfig({ TENANTRY_DEPLOYMENT: 'staging-production' })).toThrow(ValidationError);
    expect(() => loadConfig({ TENANTRY_DEPLOYMENT: 'stagingproduction' })).toThrow(/too long/);
    for (const bad of ['t', 'd', 'Prod', 'prod_eu', 'prod-eu', '1prod', 'x"y']) {
      expect(() => loadConfig({ TENANTRY_DEPLOYMENT: bad }), bad).toThrow(/must be at least two lowercase letters and digits/);
    }
    expect(loadConfig({ TENANTRY_DEPLOYMENT: 'staging' }).deployment).toBe('staging');
    expect(loadConfig({}).deployment).toBeUndefined();
  });

  it('derived from the database name: as it is when it is a short name, hashed (11 characters) otherwise', () => {
    expect(derivedDeploymentName('prod')).toBe('prod');
    expect(derivedDeploymentName('postgres')).toBe('postgres');
    const hashed = ['tenantry_test_0123abcd', 'tenantry_test_0123abce', 'Prod', 'p', '1234', 'averyverylongname'].map(derivedDeploymentName);
    for (const name of hashed) {
      expect(name).toHaveLength(11);
      expect(() => checkDeploymentName(name)).not.toThrow();
    }
    expect(new Set(hashed).size).toBe(hashed.length);
    expect(hashed[0]!.startsWith('ten')).toBe(true);
  });

  it('never give a named deployment a name of the unnamed one, nor two tenants one name', () => {
    const unnamed = new DeploymentNames('');
    expect(unnamed.appRole).toBe('tenantry_app');
    const named = new DeploymentNames('td');
    const ids = ['abc', 'd-abc', 't-abc', 'td-d-abc', 'abc-d-x'];
    const all = [unnamed, named].flatMap((n) =>
      ids.flatMap((id) => [n.schemaTenant(id).role, n.databaseTenant(id).role, n.databaseTenant(id).database, n.appRole]),
    );
    // Each deployment's app role appears once per id above; everything else is distinct.
    expect(new Set(all).size).toBe(2 + 2 * ids.length * 3);
    expect(() => new DeploymentNames('d')).toThrow(TenantryError);
  });
});
