/**
 * The shutdown sequence itself (src/shutdown.ts), with the process's signals but a stand-in for
 * process.exit: the order of its steps, the delay, the timeout and the second signal.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../src/logging.js';
import { exitGracefullyOnSignals } from '../src/shutdown.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('graceful shutdown on signals', () => {
  let remove: (() => void) | undefined;
  afterEach(() => remove?.());

  function setUp(drain: () => Promise<void>, delayMs = 0, timeoutMs = 5000) {
    const events: string[] = [];
    const lines: Array<Record<string, unknown>> = [];
    const log = createLogger({ level: 'info', stream: { write: (s: string) => void lines.push(JSON.parse(s) as Record<string, unknown>) } });
    const exited = new Promise<number>((resolve) => {
      remove = exitGracefullyOnSignals({
        log,
        delayMs,
        timeoutMs,
        begin: () => events.push('begin'),
        drain: async () => {
          events.push('drain');
          await drain();
          events.push('drained');
        },
        exit: (code) => {
          events.push(`exit ${code}`);
          resolve(code);
        },
      });
    });
    return { events, lines, exited };
  }

  it('fails readiness at once, drains after the delay, exits 0', async () => {
    const { events, exited } = setUp(() => sleep(20).then(() => {}), 100);
    const signalled = performance.now();
    process.emit('SIGTERM');
    expect(events).toEqual(['begin']);
    await sleep(50);
    expect(events).toEqual(['begin']);
    expect(await exited).toBe(0);
    expect(performance.now() - signalled).toBeGreaterThanOrEqual(100);
    expect(events).toEqual(['begin', 'drain', 'drained', 'exit 0']);
  });

  it('exits 1 with a line when draining outlasts the timeout', async () => {
    const { lines, exited } = setUp(() => new Promise(() => {}), 0, 100);
    process.emit('SIGTERM');
    expect(await exited).toBe(1);
    expect(lines.some((l) => l.msg === 'shutdown timed out: exiting with work unfinished' && l.level === 50)).toBe(true);
  });

  it('exits 1 at once with a line at a second signal', async () => {
    const { events, lines, exited } = setUp(() => new Promise(() => {}), 0, 60_000);
    process.emit('SIGINT');
    await sleep(10);
    process.emit('SIGTERM');
    expect(await exited).toBe(1);
    expect(events).toEqual(['begin', 'drain', 'exit 1']);
    expect(lines.some((l) => String(l.msg).startsWith('second signal: exiting at once'))).toBe(true);
  });
});
