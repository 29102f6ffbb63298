import { readFile } from 'node:fs/promises';
import net from 'node:net';
import tls from 'node:tls';
import { loadConfig, type TenantryConfig } from '../config.js';
import { Storage, type ClusterInspection } from '../storage/storage.js';
import { Tenantry } from '../tenantry.js';

export type CheckStatus = 'ok' | 'warn' | 'fail' | 'skip';

/** One line of `tenantry doctor`. */
export interface DoctorCheck {
  name: string;
  status: CheckStatus;
  message: string;
}

export interface DoctorReport {
  /** No check failed (warnings allowed). */
  ok: boolean;
  checks: DoctorCheck[];
}

/** Clock skew past these is worth a warning (leases and schedules compare times) or a failure. */
const SKEW_WARN_MS = 500;
const SKEW_FAIL_MS = 5_000;
/** Share of max_connections in use past which a warning says so. */
const CONNECTIONS_WARN = 0.8;
const REDIS_TIMEOUT_MS = 3_000;

/**
 * Check a deployment before (and while) it serves: configuration, each cluster's reachability, the
 * owner's rights, connections and clock, pending migrations (catalog and tenants), the keys and secrets
 * every replica must share, and Redis. Reads only — except that, once the catalog is current, it opens
 * Tenantry as any process does to list the tenants whose migrations are pending.
 */
export async function runDoctor(env: NodeJS.ProcessEnv, given?: TenantryConfig): Promise<DoctorReport> {
  const checks: DoctorCheck[] = [];
  const add = (name: string, status: CheckStatus, message: string) => checks.push({ name, status, message });

  let config: TenantryConfig | undefined;
  try {
    config = given ?? loadConfig(env);
    const where = config.clusters.map((c) => `${c.name} (${c.url ? 'postgres' : 'embedded'})`).join(', ');
    add('config', 'ok', `${config.clusters.length} cluster${config.clusters.length === 1 ? '' : 's'}: ${where}`);
  } catch (error) {
    add('config', 'fail', (error as Error).message);
  }

  if (config) {
    const inspection = await Storage.inspect(config);
    for (const cluster of inspection.clusters) checkCluster(cluster, add);
    const reachable = inspection.clusters.every((c) => !c.error);
    const pending = inspection.catalogPending;
    if (pending === undefined) add('catalog', 'skip', 'cluster main unreachable');
    else if (inspection.catalogUnknown?.length)
      add('catalog', 'fail', `applied migrations ${inspection.catalogUnknown.join(', ')} are newer than this release: run the newer release`);
    else if (pending.length > 0)
      add('catalog', 'warn', `${pending.length} migration(s) pending (${pending.join(', ')}); the next process to start applies them`);
    else add('catalog', 'ok', 'up to date');
    if (!reachable || pending === undefined) add('tenant migrations', 'skip', 'a cluster is unreachable');
    else if (pending.length > 0 || inspection.catalogUnknown?.length) add('tenant migrations', 'skip', 'the catalog is not current');
    else checks.push(await checkTenantMigrations(config));
    const onServer = config.clusters.some((c) => c.url);
    checks.push(sharedSecrets(env, onServer));
    checks.push(await masterKey(env, onServer));
  }
  checks.push(await redis(env.TENANTRY_REDIS_URL));
  return { ok: checks.every((c) => c.status !== 'fail'), checks };
}

/** The report as lines: status, check, what was found. */
export function doctorText(report: DoctorReport): string {
  const width = Math.max(...report.checks.map((c) => c.name.length));
  return report.checks.map((c) => `${c.status.padEnd(4)}  ${c.name.padEnd(width)}  ${c.message}\n`).join('');
}

function checkCluster(c: ClusterInspection, add: (name: string, status: CheckStatus, message: string) => void): void {
  if (c.error) {
    add(`database ${c.name}`, 'fail', c.error);
    return;
  }
  if (c.absent) {
    add(`database ${c.name}`, 'ok', `embedded PGlite, no data yet in ${c.absent} (the first start creates it)`);
    return;
  }
  if (c.kind === 'pglite') {
    add(`database ${c.name}`, 'ok', `embedded PGlite (PostgreSQL ${c.serverVersion}); one process only`);
  } else {
    add(`database ${c.name}`, 'ok', `PostgreSQL ${c.serverVersion} as ${c.user}`);
    // The owner creates the application role and tenant roles (CREATEROLE), and databases for
    // database-isolated tenants (CREATEDB).
    if (c.superuser) add(`roles ${c.name}`, 'ok', `${c.user} is a superuser`);
    else if (!c.createRole) add(`roles ${c.name}`, 'fail', `${c.user} lacks CREATEROLE (ALTER ROLE ${c.user} CREATEROLE CREATEDB)`);
    else if (!c.createDb) add(`roles ${c.name}`, 'warn', `${c.user} lacks CREATEDB: database-isolated tenants cannot be created here`);
    else add(`roles ${c.name}`, 'ok', `${c.user} has CREATEROLE and CREATEDB`);
    const used = (c.connections ?? 0) / (c.maxConnections ?? 1);
    add(
      `connections ${c.name}`,
      used > CONNECTIONS_WARN ? 'warn' : 'ok',
      `${c.connections} of max_connections ${c.maxConnections} in use${used > CONNECTIONS_WARN ? ': size pools and replicas, or add PgBouncer' : ''}`,
    );
  }
  const skew = Math.round(c.skewMs ?? 0);
  const off = Math.abs(skew) - (c.roundTripMs ?? 0) / 2;
  add(
    `clock ${c.name}`,
    off > SKEW_FAIL_MS ? 'fail' : off > SKEW_WARN_MS ? 'warn' : 'ok',
    `database clock ${skew >= 0 ? '+' : ''}${skew} ms from this host's (round trip ${c.roundTripMs} ms)${off > SKEW_WARN_MS ? ': synchronise the clocks (NTP)' : ''}`,
  );
}

async function checkTenantMigrations(config: TenantryConfig): Promise<DoctorCheck> {
  const name = 'tenant migrations';
  let t: Tenantry | undefined;
  try {
    t = await Tenantry.open({ config, onError: () => {} });
    const report = await t.migrate({ dryRun: true });
    const behind = report.results.filter((r) => r.versions.length > 0);
    if (report.failed.length > 0) return { name, status: 'fail', message: `${report.failed[0]!.key}: ${report.failed[0]!.error}` };
    if (behind.length > 0) {
      const first = behind[0]!;
      return {
        name,
        status: 'fail',
        message: `${behind.length} of ${report.total} locations behind (${first.key}: ${first.versions.join(', ')}): run \`tenantry migrate\``,
      };
    }
    return { name, status: 'ok', message: `${report.total} location${report.total === 1 ? '' : 's'} up to date` };
  } catch (error) {
    return { name, status: 'fail', message: (error as Error).message };
  } finally {
    await t?.close().catch(() => {});
  }
}

/**
 * The admin token and the cursor key: without them each process generates its own into its data
 * directory — fine for one process, wrong for replicas (a token one pod accepts, another refuses).
 */
function sharedSecrets(env: NodeJS.ProcessEnv, onServer: boolean): DoctorCheck {
  const missing = ['TENANTRY_ADMIN_TOKEN', 'TENANTRY_CURSOR_SECRET'].filter((n) => !env[n]);
  if (missing.length === 0) return { name: 'secrets', status: 'ok', message: 'admin token and cursor key set' };
  return {
    name: 'secrets',
    status: onServer ? 'warn' : 'ok',
    message: `${missing.join(', ')} unset: generated into the data directory${onServer ? ', so replicas would disagree: set them from a Secret' : ''}`,
  };
}

/** A master key is 32 bytes, in base64 (or base64url). */
function masterKeyBytes(value: string): number | undefined {
  const text = value.trim();
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(text)) return undefined;
  return Buffer.from(text.replace(/-/g, '+').replace(/_/g, '/'), 'base64').length;
}

export async function masterKey(env: NodeJS.ProcessEnv, onServer: boolean): Promise<DoctorCheck> {
  const name = 'master key';
  const found: string[] = [];
  for (const variable of ['TENANTRY_MASTER_KEY', 'TENANTRY_MASTER_KEY_PREVIOUS']) {
    const inline = env[variable];
    const file = env[`${variable}_FILE`];
    if (inline && file) return { name, status: 'fail', message: `${variable} and ${variable}_FILE are both set: keep one` };
    let value = inline;
    if (file) {
      try {
        value = await readFile(file, 'utf8');
      } catch (error) {
        return { name, status: 'fail', message: `${variable}_FILE: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` };
      }
    }
    if (value === undefined || value === '') continue;
    const bytes = masterKeyBytes(value);
    if (bytes !== 32)
      return {
        name,
        status: 'fail',
        message: `${variable}${file ? '_FILE' : ''} is not 32 bytes in base64${bytes === undefined ? '' : ` (${bytes} bytes)`}: make one with openssl rand -base64 32`,
      };
    found.push(`${variable}${file ? '_FILE' : ''}`);
  }
  if (found.length > 0) return { name, status: 'ok', message: `${found.join(' and ')}: 32 bytes` };
  return {
    name,
    status: onServer ? 'warn' : 'ok',
    message: `TENANTRY_MASTER_KEY unset: one is generated into the data directory${onServer ? ', so replicas would each have their own: set TENANTRY_MASTER_KEY or TENANTRY_MASTER_KEY_FILE' : ''}`,
  };
}

/** RESP encoding of a command: an array of bulk strings. */
function resp(args: string[]): string {
  return `*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')}`;
}

/**
 * PING Redis at `url` over a plain socket (TLS for rediss://), after AUTH when the URL has a password:
 * enough to know it is reachable and accepts the credentials, without a client library.
 */
export async function redis(url: string | undefined): Promise<DoctorCheck> {
  const name = 'redis';
  if (!url) return { name, status: 'skip', message: 'TENANTRY_REDIS_URL unset: rate limits are counted per process' };
  let u: URL;
  try {
    u = new URL(url);
    if (u.protocol !== 'redis:' && u.protocol !== 'rediss:') throw new Error('not redis:// or rediss://');
  } catch (error) {
    return { name, status: 'fail', message: `TENANTRY_REDIS_URL is not a Redis URL: ${(error as Error).message}` };
  }
  const host = u.hostname.replace(/^\[|\]$/g, '');
  const port = Number(u.port || 6379);
  const commands: string[][] = [];
  if (u.password)
    commands.push(u.username ? ['AUTH', decodeURIComponent(u.username), decodeURIComponent(u.password)] : ['AUTH', decodeURIComponent(u.password)]);
  commands.push(['PING']);
  const started = Date.now();
  try {
    const replies = await new Promise<string[]>((resolve, reject) => {
      const socket = u.protocol === 'rediss:' ? tls.connect({ host, port, servername: host }) : net.connect({ host, port });
      const timer = setTimeout(() => socket.destroy(new Error(`no answer within ${REDIS_TIMEOUT_MS} ms`)), REDIS_TIMEOUT_MS);
      let buffer = '';
      socket.setEncoding('utf8');
      socket.once(u.protocol === 'rediss:' ? 'secureConnect' : 'connect', () => socket.write(commands.map(resp).join('')));
      socket.on('data', (chunk: string) => {
        buffer += chunk;
        const lines = buffer.split('\r\n').filter(Boolean);
        if (lines.length >= commands.length || lines.some((l) => l.startsWith('-'))) {
          clearTimeout(timer);
          socket.end();
          resolve(lines);
        }
      });
      socket.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      socket.once('close', () => {
        clearTimeout(timer);
        reject(new Error('connection closed'));
      });
    });
    const refused = replies.find((l) => l.startsWith('-'));
    if (refused) return { name, status: 'fail', message: `${host}:${port} answered ${refused.slice(1)}` };
    if (replies.at(-1) !== '+PONG') return { name, status: 'fail', message: `${host}:${port} answered ${JSON.stringify(replies.at(-1))} to PING` };
    return { name, status: 'ok', message: `PONG from ${host}:${port} in ${Date.now() - started} ms` };
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    return { name, status: 'fail', message: `${host}:${port}: ${e.code ?? e.message}` };
  }
}
