import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { TenantryError } from '../errors.js';
import { planLimits } from '../tenancy/plans.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Whether the route's requests are non-critical (may be shed under overload); default: reads are (sheddable()). */
    shed?: boolean;
  }
}

/**
 * Load shedding (issue 16 c): when this process is overloaded, the non-critical requests of the
 * lowest plans are refused first — 503 `overloaded` with Retry-After, before any handler runs, so
 * nothing is changed — while health checks, the control plane, writes and the higher plans are served.
 *
 * The overload signal is measured, never guessed: every `sampleMs` the monitor reads
 *  - the event loop's delay (perf_hooks.monitorEventLoopDelay, the mean over the window less the
 *    timer's resolution — @fastify/under-pressure's measure): how late this process runs the work it
 *    has already accepted, whatever made it late (handlers, JSON, TLS, GC, an embedded database);
 *  - requests waiting for a database connection: the process's connection budget
 *    (TENANTRY_MAX_CONNECTIONS) and every cluster's main pool.
 * Pressure is the larger of the two as a multiple of its threshold (1 = at the threshold). A tenant's
 * non-critical requests are shed while pressure ≥ its plan's `shedAt` (free 1, pro 2, enterprise
 * 0 = never), which a tenant's `limits` may override: the lowest plan sheds first, a paid one only at
 * twice the pressure, the top one not at all.
 *
 * @fastify/under-pressure measures the same things but answers 503 to every request of the process
 * from an onRequest hook that runs before the tenant is known; it has one threshold, not one per plan.
 */

/** What the monitor reads each window; injectable so tests can set the pressure. */
export interface PressureSignals {
  /** Mean event-loop delay over the last window, in milliseconds (0 when idle). */
  eventLoopDelayMs: number;
  /** Requests waiting for a database connection now. */
  dbWaiting: number;
}

export interface LoadSheddingOptions {
  /** Event-loop delay (ms) that counts as pressure 1 (TENANTRY_SHED_EVENT_LOOP_DELAY_MS). */
  eventLoopDelayMs?: number;
  /** Requests waiting for a database connection that count as pressure 1 (TENANTRY_SHED_DB_WAITING). */
  dbWaiting?: number;
  /** How often the signals are read, in milliseconds (TENANTRY_SHED_SAMPLE_MS). */
  sampleMs?: number;
  /** Requests waiting for a connection now; none measured when absent. */
  dbWaitingNow?: () => number;
  /** Replaces the measurement (tests): read each window instead of the event loop and the pools. */
  signals?: () => PressureSignals;
}

export const LOAD_SHEDDING_DEFAULTS = { eventLoopDelayMs: 200, dbWaiting: 50, sampleMs: 500 } as const;

/** `monitorEventLoopDelay`'s sampling resolution (ms): a delay below it is noise. */
const RESOLUTION_MS = 10;

/** One process's overload signal and the decision to shed. */
export class LoadShedder {
  readonly #options: Required<Pick<LoadSheddingOptions, 'eventLoopDelayMs' | 'dbWaiting' | 'sampleMs'>> & LoadSheddingOptions;
  #histogram: IntervalHistogram | undefined;
  #timer: NodeJS.Timeout | undefined;
  #signals: PressureSignals = { eventLoopDelayMs: 0, dbWaiting: 0 };
  #pressure = 0;
  /** When the last sample was taken (performance.now()). */
  #sampledAt: number | undefined;
  /** The event-loop delay of the window before (ms). */
  #lastDelayMs = 0;

  constructor(options: LoadSheddingOptions = {}) {
    this.#options = { ...LOAD_SHEDDING_DEFAULTS, ...options };
  }

  /** Start measuring (idempotent); the timer does not keep the process alive. */
  start(): this {
    if (this.#timer) return this;
    if (!this.#options.signals) {
      this.#histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
      this.#histogram.enable();
    }
    this.#sampledAt = performance.now();
    this.#timer = setInterval(() => this.sample(), this.#options.sampleMs).unref();
    return this;
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
    this.#histogram?.disable();
    this.#histogram = undefined;
    this.#sampledAt = undefined;
    this.#lastDelayMs = 0;
  }

  /** Read the signals of the window just ended and decide the pressure (the timer calls this). */
  sample(): number {
    this.#signals = this.#options.signals?.() ?? this.#measure();
    const { eventLoopDelayMs, dbWaiting } = this.#options;
    this.#pressure = Math.max(this.#signals.eventLoopDelayMs / eventLoopDelayMs, this.#signals.dbWaiting / dbWaiting);
    return this.#pressure;
  }

  #measure(): PressureSignals {
    const h = this.#histogram;
    const now = performance.now();
    // How late this sample itself is: a loop blocked for a whole window records no histogram sample at
    // all (its mean is NaN then), yet it is the most overloaded of all — the sampler's own lateness says so.
    const late = this.#sampledAt === undefined ? 0 : Math.max(0, now - this.#sampledAt - this.#options.sampleMs);
    this.#sampledAt = now;
    const mean = h && h.count > 0 ? h.mean / 1e6 - RESOLUTION_MS : 0;
    h?.reset();
    const delay = Math.max(0, mean, late);
    // Overloaded for two windows in a row, not one: a single stall (one slow request, a GC pause) is
    // over by the time it is measured, and shedding after it would refuse requests for nothing.
    const sustained = Math.min(delay, this.#lastDelayMs);
    this.#lastDelayMs = delay;
    return { eventLoopDelayMs: sustained, dbWaiting: this.#options.dbWaitingNow?.() ?? 0 };
  }

  get pressure(): number {
    return this.#pressure;
  }

  get signals(): Readonly<PressureSignals> {
    return this.#signals;
  }

  /** Whether a non-critical request of this tenant is shed now: its plan's `shedAt` (0 = never) is reached. */
  sheds(tenant: { tier: string; limits: Record<string, unknown> }): boolean {
    const at = planLimits(tenant).shedAt;
    return at > 0 && this.#pressure >= at;
  }

  /**
   * Seconds to come back after: two windows (the pressure is decided again each window), at least one,
   * spread by up to as much again so shed clients do not all return in the same second.
   */
  retryAfter(): number {
    const base = Math.max(1, Math.ceil((2 * this.#options.sampleMs) / 1000));
    return base + Math.floor(Math.random() * (base + 1));
  }

  /** The refusal of a shed request (503 `overloaded`). */
  refusal(tier: string): TenantryError {
    return new TenantryError(
      'overloaded',
      `the server is overloaded; non-critical requests of the ${tier} plan are deferred (pressure ${this.#pressure.toFixed(1)}), retry after Retry-After`,
    );
  }
}

/**
 * Whether a request is non-critical (may be shed): a read (GET, HEAD) of the data plane, or a route
 * that says so in its config (`shed: true`: starting a workflow run or a training, a prediction).
 * Kept: writes of records, collections, workflows and keys, cancellations (they lower the load),
 * the control plane, /healthz, /readyz, /metrics and the API documentation.
 */
export function sheddable(method: string, config: { shed?: boolean }): boolean {
  return config.shed ?? (method === 'GET' || method === 'HEAD');
}

/**
 * The data plane's shedding check, run by tenant resolution (TenantResolver.resolve's `admit`) once the
 * tenant is known (its tier decides; a request without a valid credential is refused as before) and
 * before its rate limit takes a token — a shed request spends none of the tenant's budget — and so
 * before the audit, validation and handler: a shed request has done nothing, and is not metered as an
 * API request either.
 */
export function shedCheck(
  shedder: LoadShedder,
  request: FastifyRequest,
  reply: FastifyReply,
  onShed?: (tenant: { tier: string }) => void,
): (tenant: { tier: string; limits: Record<string, unknown> }) => void {
  return (tenant) => {
    if (!shedder.sheds(tenant) || !sheddable(request.method, request.routeOptions.config)) return;
    onShed?.(tenant);
    reply.header('Retry-After', shedder.retryAfter());
    throw shedder.refusal(tenant.tier);
  };
}
