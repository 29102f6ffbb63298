/**
 * Graceful shutdown on SIGTERM/SIGINT, shared by `serve` and `worker`: at the first signal `begin()`
 * (readiness fails at once), then `delayMs` more of serving so load balancers notice, then `drain()`
 * (stop accepting, finish in-flight work, close pools) within `timeoutMs`, then exit 0. A second signal,
 * or the timeout, exits at once (code 1) with a line saying so.
 */
import type { Logger } from './logging.js';

export interface ShutdownOptions {
  log: Logger;
  delayMs: number;
  timeoutMs: number;
  /** At the signal: fail readiness. */
  begin: () => void;
  /** After the delay: stop accepting, finish what is in flight, close everything. */
  drain: () => Promise<void>;
  /** process.exit, unless a test says otherwise. */
  exit?: (code: number) => void;
}

/** Returns a function that removes the signal handlers again (tests). */
export function exitGracefullyOnSignals(options: ShutdownOptions): () => void {
  const { log, delayMs, timeoutMs, begin, drain, exit = (code) => process.exit(code) } = options;
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      log.warn({ signal }, 'second signal: exiting at once, without finishing in-flight work');
      return exit(1);
    }
    stopping = true;
    begin();
    log.info({ signal, delayMs, timeoutMs }, 'shutting down: readiness failed; still serving for the delay, then draining');
    void (async () => {
      if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
      const timer = setTimeout(() => {
        log.error({ timeoutMs }, 'shutdown timed out: exiting with work unfinished');
        exit(1);
      }, timeoutMs);
      timer.unref();
      try {
        log.info('draining: no new connections; finishing in-flight work');
        await drain();
        clearTimeout(timer);
        log.info('shut down cleanly');
        exit(0);
      } catch (err) {
        clearTimeout(timer);
        log.error({ err }, 'shutdown failed');
        exit(1);
      }
    })();
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  return () => {
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
  };
}
