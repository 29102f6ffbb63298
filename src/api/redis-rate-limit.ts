/**
 * The per-tenant token buckets of RateLimiter, kept in Redis so that every replica takes from the same
 * bucket (TENANTRY_REDIS_URL): N replicas allow a tenant its limit, not N times it.
 *
 * Why a script and not @fastify/rate-limit's Redis store: that store counts a fixed window (INCR and
 * PEXPIRE per key), so a tenant may send twice its limit across a window's edge, and its limit is
 * decided before our tenant is known; ours is a token bucket per verified tenant with its plan's limit,
 * refilled continuously (API.md's RateLimit-* headers say so). One Lua script (ioredis' defineCommand:
 * EVALSHA, reloaded when the server forgets it) refills and takes atomically, on Redis' own clock
 * (TIME), so replicas whose clocks disagree still share one bucket correctly.
 *
 * Never hangs: commands time out after `timeoutMs`, and none is queued while disconnected (they fail
 * at once and the client reconnects in the background). What a failure means is configured
 * (TENANTRY_REDIS_FAIL): `open` decides with this process's own bucket (the limit then holds per
 * replica, never unlimited), `closed` refuses the request (503, Retry-After).
 */
import { Redis } from 'ioredis';
import type { RedisFailMode } from '../config.js';
import { TenantryError } from '../errors.js';
import { tenantCacheKey } from '../storage/scope.js';
import { RateLimiter, rateDecision, type RateDecision, type TenantRateLimiter } from './rate-limit.js';

/** The bucket of KEYS[1] refilled to now (Redis' clock), as `tokens`: the start of both scripts. */
const REFILL = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local limit = tonumber(ARGV[1])
local perMs = limit / 60000
local b = redis.call('HMGET', KEYS[1], 'tokens', 'updated', 'limit')
local tokens = tonumber(b[1])
if tokens == nil or tonumber(b[3]) ~= limit then
  tokens = limit
else
  tokens = math.min(limit, tokens + math.max(0, now - tonumber(b[2])) * perMs)
end
`;

/** Refill, take one if there is one, and store the bucket. */
const TAKE = `${REFILL}
local allowed = 0
if tokens >= 1 then
  tokens = tokens - 1
  allowed = 1
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'updated', tostring(now), 'limit', tostring(limit))
redis.call('PEXPIRE', KEYS[1], 61000)
return { allowed, tostring(tokens) }
`;

/** The bucket as it stands: the refill alone, nothing taken or written. */
const PEEK = `${REFILL}
return tostring(tokens)
`;

export interface RedisRateLimiterOptions {
  url: string;
  /** What an unanswered decision does: `open` (this process's bucket decides) or `closed` (503). */
  fail: RedisFailMode;
  /** How long a command may take before it counts as failed, in milliseconds. */
  timeoutMs: number;
  /** Before every key: keeps deployments sharing one Redis apart (`tenantry:<deployment>:`). */
  keyPrefix?: string;
  /** Told of every failed decision and what was done (metrics). */
  onStoreError?: (error: Error, outcome: 'allowed' | 'refused') => void;
  /** Where failures are reported (at most one line per 10 s). */
  log?: (level: 'warn' | 'error', msg: string, fields: Record<string, unknown>) => void;
}

type TakeCommand = (key: string, limit: number) => Promise<[number, string]>;
type PeekCommand = (key: string, limit: number) => Promise<string>;

export class RedisRateLimiter implements TenantRateLimiter {
  readonly #redis: Redis;
  readonly #options: RedisRateLimiterOptions;
  readonly #fallback: RateLimiter;
  #lastLogged = 0;

  constructor(options: RedisRateLimiterOptions, now: () => number = () => Date.now()) {
    this.#options = options;
    this.#fallback = new RateLimiter(now);
    this.#redis = new Redis(options.url, {
      commandTimeout: options.timeoutMs,
      connectTimeout: Math.max(1000, options.timeoutMs * 4),
      // Fail at once while disconnected, rather than queue (and hold the request) until reconnected.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      // Keep trying in the background, at most every 2 s.
      retryStrategy: (times) => Math.min(times * 100, 2000),
      keyPrefix: options.keyPrefix ?? 'tenantry:',
    });
    // ioredis emits 'error' for every failed (re)connection; unheard, Node would throw it.
    this.#redis.on('error', (error: Error) => this.#report('warn', 'rate-limit store (Redis) unreachable', error));
    this.#redis.defineCommand('tenantryTake', { numberOfKeys: 1, lua: TAKE });
    this.#redis.defineCommand('tenantryPeek', { numberOfKeys: 1, lua: PEEK });
  }

  /** Resolves once connected, or after `ms` (a Redis down at start is not fatal: see the fail mode). */
  async ready(ms = 2000): Promise<boolean> {
    if (this.#redis.status === 'ready') return true;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#redis.off('ready', onReady);
        resolve(false);
      }, ms);
      const onReady = () => {
        clearTimeout(timer);
        resolve(true);
      };
      this.#redis.once('ready', onReady);
    });
  }

  async take(tenantId: string, limit: number): Promise<RateDecision> {
    const key = tenantCacheKey(tenantId, 'rate');
    try {
      const [allowed, left] = await (this.#redis as unknown as { tenantryTake: TakeCommand }).tenantryTake(key, limit);
      return rateDecision(allowed === 1, limit, Number(left));
    } catch (error) {
      const outcome = this.#options.fail === 'open' ? 'allowed' : 'refused';
      this.#options.onStoreError?.(error as Error, outcome);
      this.#report('error', `rate-limit decision failed (Redis); failing ${this.#options.fail}`, error as Error);
      if (this.#options.fail === 'open') return this.#fallback.take(tenantId, limit);
      throw new TenantryError('busy', 'the rate-limit store is unavailable; try again in a moment');
    }
  }

  /** The shared bucket as it stands; this process's own when Redis does not answer (headers only: nothing is decided on it). */
  async peek(tenantId: string, limit: number): Promise<RateDecision> {
    try {
      const left = await (this.#redis as unknown as { tenantryPeek: PeekCommand }).tenantryPeek(tenantCacheKey(tenantId, 'rate'), limit);
      const tokens = Number(left);
      return rateDecision(tokens >= 1, limit, tokens);
    } catch {
      return this.#fallback.peek(tenantId, limit);
    }
  }

  #report(level: 'warn' | 'error', msg: string, err: Error): void {
    const now = Date.now();
    if (now - this.#lastLogged < 10_000) return;
    this.#lastLogged = now;
    this.#options.log?.(level, msg, { err });
  }

  async close(): Promise<void> {
    // quit() waits for a reply that never comes from an unreachable server: disconnect then.
    if (this.#redis.status === 'ready') await this.#redis.quit().catch(() => this.#redis.disconnect());
    else this.#redis.disconnect();
  }
}
