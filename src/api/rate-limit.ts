import { isIPv6 } from 'node:net';
import { LRUCache } from 'lru-cache';
import { tenantCacheKey } from '../storage/scope.js';
import { planLimits } from '../tenancy/plans.js';

export interface RateDecision {
  allowed: boolean;
  /** RateLimit-Limit: the bucket's size. */
  limit: number;
  /** RateLimit-Remaining: whole requests left now. */
  remaining: number;
  /** RateLimit-Reset: seconds until the bucket is full again. */
  reset: number;
  /** Retry-After on a refusal: seconds until one request is allowed. */
  retryAfter: number;
}

/** Per-tenant request budgets: in process (RateLimiter) or shared by every replica (RedisRateLimiter). */
export interface TenantRateLimiter {
  /** Take one request from the tenant's bucket of `limit` per minute. */
  take(tenantId: string, limit: number): RateDecision | Promise<RateDecision>;
  /**
   * The tenant's bucket as it stands, taking nothing: the RateLimit-* headers of a request refused
   * before the limit. Optional (a limiter of a library user's may not have it: no headers then).
   */
  peek?(tenantId: string, limit: number): RateDecision | Promise<RateDecision>;
  close?(): Promise<void>;
}

interface Bucket {
  tokens: number;
  updated: number;
  limit: number;
}

/**
 * Per-tenant token buckets, in process: a bucket holds `limit` requests and refills at limit/60 per
 * second, so a tenant may burst to its per-minute limit and then runs at that rate. Keyed by the
 * verified tenant, never by address, so one tenant's flood drains only its own bucket. With several
 * replicas, RedisRateLimiter (redis-rate-limit.ts) keeps the same buckets in Redis.
 */
/**
 * The decision of a token bucket refilling `limit` tokens a minute, with `tokens` left after taking
 * (or not): shared by the in-process buckets here and the Redis ones (redis-rate-limit.ts).
 */
export function rateDecision(allowed: boolean, limit: number, tokens: number): RateDecision {
  const perMs = limit / 60_000;
  return {
    allowed,
    limit,
    remaining: Math.floor(tokens),
    reset: Math.ceil((limit - tokens) / perMs / 1000),
    retryAfter: allowed ? 0 : Math.max(1, Math.ceil((1 - tokens) / perMs / 1000)),
  };
}

/** A bucket's tokens at `now`: refilled at its limit per minute since it was last updated, never past the limit. */
function refilled(bucket: Bucket, now: number): number {
  return Math.min(bucket.limit, bucket.tokens + (now - bucket.updated) * (bucket.limit / 60_000));
}

export class RateLimiter implements TenantRateLimiter {
  readonly #buckets = new Map<string, Bucket>();

  constructor(private readonly now: () => number = () => Date.now()) {}

  take(tenantId: string, limit: number): RateDecision {
    const key = tenantCacheKey(tenantId, 'rate');
    const now = this.now();
    let bucket = this.#buckets.get(key);
    if (!bucket || bucket.limit !== limit) {
      bucket = { tokens: limit, updated: now, limit };
      this.#buckets.set(key, bucket);
      if (this.#buckets.size > 50_000) this.#sweep(now);
    } else {
      bucket.tokens = refilled(bucket, now);
      bucket.updated = now;
    }
    const allowed = bucket.tokens >= 1;
    if (allowed) bucket.tokens -= 1;
    return rateDecision(allowed, limit, bucket.tokens);
  }

  peek(tenantId: string, limit: number): RateDecision {
    const bucket = this.#buckets.get(tenantCacheKey(tenantId, 'rate'));
    const tokens = !bucket || bucket.limit !== limit ? limit : refilled(bucket, this.now());
    return rateDecision(tokens >= 1, limit, tokens);
  }

  /** Drop buckets that have refilled: a full bucket is the same as none. */
  #sweep(now: number): void {
    for (const [key, b] of this.#buckets) {
      if (refilled(b, now) >= b.limit) this.#buckets.delete(key);
    }
  }
}

/** Requests per minute by plan; a tenant's `limits.requestsPerMinute` overrides. */
export function requestsPerMinute(tenant: { tier: string; limits: Record<string, unknown> }): number {
  return planLimits(tenant).requestsPerMinute;
}

/**
 * Token buckets per client address, for traffic that has no verified tenant yet: failed
 * authentications (data plane and control plane share one budget per address) and control-plane
 * requests. A bucket holds `perMinute` and refills at perMinute/60 per second, like RateLimiter's.
 *
 * Bounded: at most `max` addresses are tracked, least recently seen evicted first, and an address
 * idle for a minute is dropped (its bucket would be full again, the same as none). IPv6 clients are
 * counted per /64, the block one subscriber usually holds, so rotating addresses inside it buys
 * nothing.
 */
export class AddressBuckets {
  readonly #buckets: LRUCache<string, Bucket>;
  readonly #now: () => number;

  constructor(
    readonly perMinute: number,
    { max = 100_000, now = () => Date.now() }: { max?: number; now?: () => number } = {},
  ) {
    this.#now = now;
    this.#buckets = new LRUCache<string, Bucket>({ max, ttl: 60_000, perf: { now } });
  }

  /** Whether `address` has a token now, without taking it (the check before any work is done). */
  peek(address: string): RateDecision {
    return this.#decide(address, false);
  }

  /** Take a token for `address` (a failure to count, or a request to admit). */
  take(address: string): RateDecision {
    return this.#decide(address, true);
  }

  /** Addresses tracked now (at most `max`). */
  get size(): number {
    return this.#buckets.size;
  }

  #decide(address: string, take: boolean): RateDecision {
    const key = addressKey(address);
    const now = this.#now();
    const limit = this.perMinute;
    const bucket = this.#buckets.get(key);
    let tokens = bucket ? refilled(bucket, now) : limit;
    const allowed = tokens >= 1;
    if (take) {
      if (allowed) tokens -= 1;
      this.#buckets.set(key, { tokens, updated: now, limit });
    }
    return rateDecision(allowed, limit, tokens);
  }
}

/** The key an address is counted under: IPv4 as is (also when IPv4-mapped), IPv6 by its /64. */
export function addressKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (!isIPv6(address)) return address;
  const [head = '', tail] = address.toLowerCase().split('%')[0]!.split('::') as [string, string | undefined];
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  // A dotted IPv4 tail (`64:ff9b::192.0.2.1`) stands for two groups.
  const width = (groups: string[]) => groups.reduce((n, g) => n + (g.includes('.') ? 2 : 1), 0);
  const groups = tail === undefined ? left : [...left, ...Array<string>(8 - width(left) - width(right)).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
