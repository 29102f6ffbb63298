import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { PGlite } from '@electric-sql/pglite';
import type { ClusterBackend, DatabaseBackend, Lease, PoolStats, QueryResult, SqlConnection, Statement, BatchOptions } from './backend.js';
import { Mutex } from './mutex.js';
import { quoteIdent } from '../names.js';

/** Installed PGlite version: a template data directory is only reused by the version that made it. */
const PGLITE_VERSION: string = (() => {
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  const pkg = path.join(entry.slice(0, entry.lastIndexOf(`${path.sep}dist${path.sep}`)), 'package.json');
  return (JSON.parse(readFileSync(pkg, 'utf8')) as { version: string }).version;
})();

/** Fields of PGlite's DatabaseError that name the failure or a schema object, never a value. */
const KEPT_ERROR_FIELDS = ['severity', 'code', 'hint', 'position', 'schema', 'table', 'column', 'dataType', 'constraint', 'file', 'line', 'routine'] as const;

/**
 * A database error from PGlite without the data it carried. PGlite's DatabaseError holds the statement's
 * text and parameters (`query`, `params`), and every logger that serialises an error (pino's `err`)
 * would write them — tenant data — into the log on each 500. Kept: the message and SQLSTATE `code`
 * (callers test both: 23503 → tenant gone, "duplicate key value"), severity, the constraint, table and
 * column names, the source position. Dropped with `query` and `params`: `detail` and `where`, which
 * quote values ("Key (id)=(…) already exists", "JSON data, line 1: …"), and `internalQuery`.
 * node-postgres errors never carry the statement or its parameters.
 */
export class PgliteDatabaseError extends Error {
  readonly code: string | undefined;
  declare readonly severity: string | undefined;
  declare readonly constraint: string | undefined;

  constructor(source: Error) {
    super(source.message);
    this.name = 'DatabaseError';
    this.code = (source as { code?: string }).code;
    const fields = source as unknown as Record<string, unknown>;
    for (const key of KEPT_ERROR_FIELDS) if (fields[key] !== undefined) Object.assign(this, { [key]: fields[key] });
  }
}

/** Rethrow an error of PGlite's without the statement and its parameters. */
function withoutData(error: unknown): unknown {
  return error instanceof Error && ('query' in error || 'params' in error) ? new PgliteDatabaseError(error) : error;
}

/** How each embedded instance is started. */
export interface PgliteOptions {
  /**
   * PostgreSQL's shared_buffers, in MB (TENANTRY_PGLITE_SHARED_BUFFERS_MB); PGlite's default (128)
   * when unset. Every start zeroes them all in WebAssembly, without bulk memory: about a second of CPU
   * per 128 MB on a small machine, paid by each tenant database opened on demand.
   */
  sharedBuffersMb?: number;
}

function startParams(options: PgliteOptions): string[] | undefined {
  return options.sharedBuffersMb === undefined ? undefined : [...PGlite.defaultStartParams, '-c', `shared_buffers=${options.sharedBuffersMb}MB`];
}

class PgliteConnection implements SqlConnection {
  constructor(private readonly db: PGlite) {}

  async query<R>(sql: string, params?: readonly unknown[]): Promise<QueryResult<R>> {
    try {
      const result = await this.db.query<R>(sql, params as unknown[] | undefined);
      return { rows: result.rows, affectedRows: result.affectedRows };
    } catch (error) {
      throw withoutData(error);
    }
  }

  /** In process there are no round trips to save; the batch's transaction semantics are kept. */
  async batch<R>(statements: readonly Statement[], options: BatchOptions = {}): Promise<QueryResult<R>> {
    const opensTransaction = /^\s*begin\b/i.test(statements[0]?.sql ?? '');
    if (!opensTransaction) await this.query('BEGIN');
    try {
      const results: Array<QueryResult<R>> = [];
      for (const s of statements) results.push(await this.query<R>(s.sql, s.params));
      if (!opensTransaction) await this.query('COMMIT');
      return results.at(options.resultOf ?? -1) ?? { rows: [] };
    } catch (error) {
      if (!opensTransaction) await this.query('ROLLBACK');
      throw error;
    }
  }

  async exec(sql: string): Promise<void> {
    try {
      await this.db.exec(sql);
    } catch (error) {
      throw withoutData(error);
    }
  }
}

/**
 * One PGlite instance. It has a single connection, so leases are serialised by a mutex; the session
 * runs as the application role between leases, and an admin lease switches to the owner and back.
 */
export class PgliteDatabase implements DatabaseBackend {
  readonly kind = 'pglite' as const;
  readonly appPoolSize = 1;
  readonly #db: PGlite;
  readonly #conn: PgliteConnection;
  readonly #mutex = new Mutex();
  #appRole: string | undefined;
  #sessionIsApp = false;
  #closed = false;

  private constructor(db: PGlite) {
    this.#db = db;
    this.#conn = new PgliteConnection(db);
  }

  /** Open the instance in `dataDir`, running initdb there first when it holds no data directory yet. */
  static async open(dataDir: string | undefined, options: PgliteOptions = {}): Promise<PgliteDatabase> {
    if (dataDir) await fs.mkdir(dataDir, { recursive: true, mode: 0o700 });
    const db = await PGlite.create(dataDir, { startParams: startParams(options) });
    return new PgliteDatabase(db);
  }

  enableAppRole(role: string): void {
    this.#appRole = role;
  }

  async acquireAdmin(): Promise<Lease> {
    const unlock = await this.#lock();
    try {
      if (this.#sessionIsApp) {
        await this.#db.query('RESET ROLE');
        this.#sessionIsApp = false;
      }
    } catch (error) {
      unlock();
      throw error;
    }
    // Back to the application role right away, so the session never idles with the owner's rights.
    return { conn: this.#conn, release: () => void this.#becomeApp().finally(unlock) };
  }

  async acquireApp(): Promise<Lease> {
    if (!this.#appRole) throw new Error('application role is not set up in this database yet');
    const unlock = await this.#lock();
    try {
      await this.#becomeApp();
      if (!this.#sessionIsApp) throw new Error(`cannot switch to application role '${this.#appRole}'`);
    } catch (error) {
      unlock();
      throw error;
    }
    return {
      conn: this.#conn,
      release: (broken) => {
        // One connection cannot be discarded; a broken lease is cleaned instead so the next holder starts fresh.
        // A failed ROLLBACK is dropped on purpose: the caller is already handling the error that broke
        // the lease and release() has no one to tell; ROLLBACK with no transaction open only warns, so a
        // failure means the instance itself is closed or broken, which the next holder hears at once
        // (#lock refuses a closed database, and a broken one fails its first statement).
        if (broken)
          void this.#db
            .query('ROLLBACK')
            .catch(() => {})
            .finally(unlock);
        else unlock();
      },
    };
  }

  /** The one session: in use while a lease holds the mutex; the waiting are those queued behind it. */
  poolStats(): PoolStats[] {
    return [{ pool: 'session', total: 1, idle: this.#mutex.held ? 0 : 1, waiting: this.#mutex.waiting }];
  }

  async #lock(): Promise<() => void> {
    const unlock = await this.#mutex.lock();
    if (this.#closed) {
      unlock();
      throw new Error('database is closed');
    }
    return unlock;
  }

  async #becomeApp(): Promise<void> {
    if (!this.#appRole || this.#sessionIsApp || this.#closed) return;
    try {
      await this.#db.query(`SET ROLE ${quoteIdent(this.#appRole)}`);
      this.#sessionIsApp = true;
    } catch {
      // The role does not exist yet (this database is being provisioned); stay as the owner.
    }
  }

  async close(): Promise<void> {
    const unlock = await this.#mutex.lock();
    try {
      if (!this.#closed) {
        this.#closed = true;
        await this.#db.close();
      }
    } finally {
      unlock();
    }
  }
}

/**
 * The fresh data directory kept beside the clusters under `root`, keyed by the PGlite version: written
 * by the first tenant database created there (or placed by whoever prepared `root`), and copied by
 * every later one and by a new cluster instead of running initdb (seconds in WebAssembly). Copied as
 * files, natively: unpacking a tarball into PGlite (`loadDataDir`) took 1.5–2 s of this thread.
 */
export function templateDir(root: string): string {
  return path.join(root, `template-pglite-${PGLITE_VERSION}`);
}

/** The template as earlier versions kept it (a tarball): removed once the directory replaces it. */
function legacyTemplateFile(root: string): string {
  return path.join(root, `template-pglite-${PGLITE_VERSION}.tar`);
}

async function hasDataDir(dir: string): Promise<boolean> {
  return fs.stat(path.join(dir, 'PG_VERSION')).then(
    () => true,
    () => false,
  );
}

/** Copy a closed data directory, file by file (the kernel copies the bytes; a directory's files at once). */
async function copyDataDir(from: string, to: string): Promise<void> {
  await fs.mkdir(to, { mode: 0o700 });
  const entries = await fs.readdir(from, { withFileTypes: true });
  await Promise.all(
    entries.map((entry) => {
      const source = path.join(from, entry.name);
      const target = path.join(to, entry.name);
      return entry.isDirectory() ? copyDataDir(source, target) : fs.copyFile(source, target);
    }),
  );
}

/**
 * Copy the closed data directory `from` to `to` through a partial copy beside `to`, renamed into place:
 * `to` is either absent or whole, and the partial copy never outlives the call.
 */
async function copyIntoPlace(from: string, to: string): Promise<void> {
  const partial = `${to}.${process.pid}-${randomBytes(4).toString('hex')}.partial`;
  try {
    await copyDataDir(from, partial);
    await fs.rename(partial, to);
  } finally {
    await fs.rm(partial, { recursive: true, force: true });
  }
}

/** Make `dir` a copy of the template under `root`, if there is one (false if not). */
async function copyTemplate(root: string, dir: string): Promise<boolean> {
  const template = templateDir(root);
  if (!(await hasDataDir(template))) return false;
  await copyIntoPlace(template, dir);
  return true;
}

/** Keep `dir` (a closed, freshly initialised data directory) as the template under `root`, unless one is there. */
async function keepAsTemplate(root: string, dir: string): Promise<void> {
  const template = templateDir(root);
  if (await hasDataDir(template)) return;
  await copyIntoPlace(dir, template).catch(async (error: unknown) => {
    // Another process kept one meanwhile (a rename onto a full directory fails): theirs stays.
    if (!(await hasDataDir(template))) throw error;
  });
  await fs.rm(legacyTemplateFile(root), { force: true });
}

/** The embedded cluster: the main PGlite instance plus one data directory per tenant database. */
export class PgliteCluster implements ClusterBackend {
  readonly kind = 'pglite' as const;
  readonly tenantPoolSize = 1;

  private constructor(
    readonly name: string,
    readonly main: PgliteDatabase,
    private readonly root: string,
    private readonly lockFile: string,
    private readonly options: PgliteOptions,
  ) {}

  /** One in-process connection switches between the owner and the application role: no login. */
  appLoginSql(): undefined {
    return undefined;
  }

  /** No logins: a tenant database is its own PGlite instance, whose session switches to the tenant's role. */
  databaseLoginSql(): undefined {
    return undefined;
  }

  /**
   * Open the embedded cluster under `root`. PGlite is one process's database: a lock file refuses a
   * second process (a CLI run while the server is up) with a clear error instead of corrupting data.
   */
  static async open(name: string, root: string, options: PgliteOptions = {}): Promise<PgliteCluster> {
    await fs.mkdir(root, { recursive: true });
    const lockFile = path.join(root, `${name}.lock`);
    await takeLock(lockFile);
    try {
      // A new cluster starts from the template beside it, when an earlier one left it: the same copy as
      // a new tenant database.
      const dir = path.join(root, name);
      if (!(await hasDataDir(dir))) await copyTemplate(root, dir);
      const main = await PgliteDatabase.open(dir, options);
      return new PgliteCluster(name, main, root, lockFile, options);
    } catch (error) {
      await dropLock(lockFile);
      throw error;
    }
  }

  #dir(database: string): string {
    return path.join(this.root, 'databases', database);
  }

  /**
   * A new tenant database: a copy of the template (about a tenth of a second), not opened here — its
   * first use opens it. The first one, with no template yet, runs initdb (seconds in WebAssembly) and
   * is kept as the template.
   */
  async createDatabase(database: string): Promise<void> {
    const dir = this.#dir(database);
    const exists = await fs.stat(dir).then(
      () => true,
      () => false,
    );
    // duplicate_database, as a server says it (ddl.ts rethrowNameTaken): a directory left behind is not adopted.
    if (exists) throw Object.assign(new Error(`database '${database}' already exists`), { code: '42P04' });
    await fs.mkdir(path.dirname(dir), { recursive: true });
    if (await copyTemplate(this.root, dir)) return;
    const db = await PgliteDatabase.open(dir, this.options);
    await db.close();
    // The template only saves later databases their initdb: not keeping it fails nothing.
    await keepAsTemplate(this.root, dir).catch(() => {});
  }

  async openDatabase(database: string, _role: string): Promise<PgliteDatabase> {
    const dir = this.#dir(database);
    if (!(await hasDataDir(dir))) throw new Error(`database '${database}' does not exist`);
    return PgliteDatabase.open(dir, this.options);
  }

  async dropDatabase(database: string): Promise<void> {
    await fs.rm(this.#dir(database), { recursive: true, force: true });
  }

  async close(): Promise<void> {
    await this.main.close();
    await dropLock(this.lockFile);
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Lock files this process holds: a second instance on one data directory corrupts it, even in-process. */
const heldLocks = new Set<string>();

async function takeLock(lockFile: string): Promise<void> {
  if (heldLocks.has(lockFile)) {
    throw new Error(`the embedded database in ${path.dirname(lockFile)} is already open in this process`);
  }
  const holder = Number((await fs.readFile(lockFile, 'utf8').catch(() => '')).trim());
  if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && processAlive(holder)) {
    throw new Error(
      `the embedded database in ${path.dirname(lockFile)} is in use by another tenantry process (pid ${holder}); ` +
        'stop it first, or point TENANTRY_DATABASE_URL at a PostgreSQL server to share storage between processes',
    );
  }
  await fs.writeFile(lockFile, `${process.pid}\n`, { mode: 0o600 });
  heldLocks.add(lockFile);
}

async function dropLock(lockFile: string): Promise<void> {
  heldLocks.delete(lockFile);
  await fs.rm(lockFile, { force: true });
}
