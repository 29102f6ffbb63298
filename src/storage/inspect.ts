import { existsSync } from 'node:fs';
import path from 'node:path';
import type { TenantryConfig } from '../config.js';
import { adminQuery, type ClusterBackend } from './backends/backend.js';
import { CATALOG_MIGRATIONS } from './migrations/catalog-migrations.js';
import { pendingMigrations } from './migrations/runner.js';
import { CATALOG_SCHEMA, MIGRATIONS_TABLE, quoteIdent } from './names.js';
import { openClusters } from './router.js';

/** What `tenantry doctor` learns from one cluster, reading only. */
export interface ClusterInspection {
  name: string;
  kind: 'pglite' | 'postgres';
  /** Why it could not be reached (then nothing below is known). */
  error?: string;
  /** An embedded cluster whose data directory holds no database yet (the first start creates it). */
  absent?: string;
  serverVersion?: string;
  /** The configured (owner) user and the rights Tenantry needs of it (PostgreSQL only). */
  user?: string;
  superuser?: boolean;
  createRole?: boolean;
  createDb?: boolean;
  maxConnections?: number;
  connections?: number;
  /** The database clock minus this process's, in milliseconds (at the middle of the round trip). */
  skewMs?: number;
  roundTripMs?: number;
}

export interface StorageInspection {
  clusters: ClusterInspection[];
  /** Catalog migrations not applied on the control-plane cluster (undefined when it was unreachable). */
  catalogPending?: number[];
  /** Versions applied to the catalog that this code does not know: a newer release ran on it. */
  catalogUnknown?: number[];
}

const POSTGRES_FACTS = `select now() as now, current_setting('server_version') as version, current_user as "user",
  r.rolsuper as superuser, r.rolcreaterole as create_role, r.rolcreatedb as create_db,
  current_setting('max_connections')::int as max_connections,
  (select count(*)::int from pg_stat_activity where backend_type = 'client backend') as connections
  from pg_roles r where r.rolname = current_user`;

interface Facts {
  now: Date | string;
  version: string;
  user?: string;
  superuser?: boolean;
  create_role?: boolean;
  create_db?: boolean;
  max_connections?: number;
  connections?: number;
}

async function inspectCluster(cluster: ClusterBackend): Promise<ClusterInspection> {
  const sql = cluster.kind === 'postgres' ? POSTGRES_FACTS : `select now() as now, current_setting('server_version') as version`;
  const before = Date.now();
  const { rows } = await adminQuery<Facts>(cluster.main, sql);
  const after = Date.now();
  const facts = rows[0]!;
  return {
    name: cluster.name,
    kind: cluster.kind,
    serverVersion: facts.version,
    user: facts.user,
    superuser: facts.superuser,
    createRole: facts.create_role,
    createDb: facts.create_db,
    maxConnections: facts.max_connections,
    connections: facts.connections,
    skewMs: new Date(facts.now).getTime() - (before + after) / 2,
    roundTripMs: after - before,
  };
}

/**
 * Reach every configured cluster and read what `tenantry doctor` reports: the server, the owner's
 * rights, connections, the clock, and the catalog's pending migrations — changing nothing (no catalog
 * migration, no role), unlike Storage.open. Each cluster is opened, read and closed on its own, so one
 * unreachable cluster (or an embedded one another process holds) does not hide the others.
 */
export async function inspectStorage(config: TenantryConfig): Promise<StorageInspection> {
  const inspection: StorageInspection = { clusters: [] };
  for (const [i, c] of config.clusters.entries()) {
    let opened: ClusterBackend[] = [];
    const embedded = path.join(config.dataDir, 'clusters', c.name);
    if (!c.url && !existsSync(path.join(embedded, 'PG_VERSION'))) {
      // Not created here: opening would run initdb (seconds) and leave a database behind.
      inspection.clusters.push({ name: c.name, kind: 'pglite', absent: embedded });
      if (i === 0) Object.assign(inspection, { catalogPending: CATALOG_MIGRATIONS.map((m) => m.version), catalogUnknown: [] });
      continue;
    }
    try {
      opened = await openClusters({ ...config, clusters: [c] }, () => {});
      const cluster = opened[0]!;
      inspection.clusters.push(await inspectCluster(cluster));
      if (i === 0) {
        const target = { db: cluster.main, schema: CATALOG_SCHEMA };
        inspection.catalogPending = (await pendingMigrations(target, CATALOG_MIGRATIONS)).map((m) => m.version);
        const known = new Set(CATALOG_MIGRATIONS.map((m) => m.version));
        // None yet on a database no process has started on (the statement fails: nothing applied).
        const applied = await adminQuery<{ version: number }>(
          cluster.main,
          `select version from ${quoteIdent(CATALOG_SCHEMA)}.${quoteIdent(MIGRATIONS_TABLE)}`,
        ).catch(() => ({ rows: [] as Array<{ version: number }> }));
        inspection.catalogUnknown = applied.rows.map((r) => Number(r.version)).filter((v) => !known.has(v));
      }
    } catch (error) {
      inspection.clusters.push({ name: c.name, kind: c.url ? 'postgres' : 'pglite', error: error instanceof Error ? error.message : String(error) });
    } finally {
      await Promise.allSettled(opened.map((o) => o.close()));
    }
  }
  return inspection;
}
