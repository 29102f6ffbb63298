import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * A child Node process with a heap limit, for work a tenant supplies (expressions, schema checks,
 * model training) that may run away. A process, not a worker thread: V8 ends the whole process when a
 * single large allocation fails past a worker's heap limit (`[1..1e7].[1..1e7]` in JSONata did), which
 * a worker's resourceLimits cannot prevent; a child's death ends only the child. Idle, it does not keep
 * the parent alive; killed, it is gone at once.
 */
export class BoundedProcess {
  readonly child: ChildProcess;
  /** The end of what the process wrote to stderr: V8 says there why it gave up. */
  #stderr = '';

  /** `script`: a compiled module's URL (resolved to dist/ under the test runner, see ml/worker-pool.ts). */
  constructor(script: URL, options: { memoryMb: number; serialization?: 'json' | 'advanced' }) {
    this.child = fork(fileURLToPath(script), [], {
      execArgv: [`--max-old-space-size=${options.memoryMb}`],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      // Nothing of the parent's environment: it holds the database URLs, the admin token, the JWT secret.
      env: { PATH: process.env.PATH ?? '', NODE_ENV: process.env.NODE_ENV ?? '' },
      serialization: options.serialization ?? 'json',
    });
    this.child.stderr!.on('data', (chunk: Buffer) => (this.#stderr = (this.#stderr + chunk.toString()).slice(-2_000)));
    // A process killed for its deadline may report an error on its way out, with nobody listening
    // any more; unhandled, that 'error' event would throw in the parent.
    this.child.on('error', () => {});
    this.hold(false);
  }

  /** Keep the parent alive while the process works, and let it exit while the process idles. */
  hold(busy: boolean): void {
    for (const handle of [this.child, this.child.channel]) {
      if (!handle) continue;
      if (busy) handle.ref();
      else handle.unref();
    }
  }

  send(message: unknown): void {
    if (this.child.connected) this.child.send(message as object);
  }

  /** Call `fn` once the process has ended and its stderr is closed (all of it read). */
  onExit(fn: () => void): () => void {
    const listener = (_code: number | null, signal: NodeJS.Signals | null) => {
      this.#signal = signal;
      fn();
    };
    this.child.once('close', listener);
    return () => this.child.off('close', listener);
  }

  #signal: NodeJS.Signals | null = null;

  /** Whether the process ended because its heap ran out: V8 says so on stderr, then aborts. */
  get outOfMemory(): boolean {
    return /heap out of memory|Allocation failed|invalid (array|table) size/i.test(this.#stderr) || this.#signal === 'SIGABRT';
  }

  kill(): void {
    this.child.kill('SIGKILL');
  }
}

/** A module beside this one, compiled: under the test runner the source is TypeScript, which a child cannot load. */
export function compiledModule(here: string, name: string, folder: string): URL {
  return here.endsWith('.ts') ? new URL(`../../dist/src/${folder}/${name}.js`, here) : new URL(`./${name}.js`, here);
}
