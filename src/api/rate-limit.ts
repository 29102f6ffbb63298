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

interface Bucket {
  tokens: number;
  updated: number;
  limit: number;
}

/**
 * Per-tenant token buckets, in process: a bucket holds `limit` requests and refills at limit/60 per
 * second, so a tenant may burst to its per-minute limit and then runs at that rate. Keyed by the
 * verified tenant, never by address, so one tenant's flood drains only its own bucket. A shared store
 * for several replicas is a later issue.
 */
export class RateLimiter {
  readonly #buckets = new Map<string, Bucket>();

  constructor(private readonly now: () => number = () => Date.now()) {}

  take(tenantId: string, limit: number): RateDecision {
    const key = tenantCacheKey(tenantId, 'rate');
    const now = this.now();
    const perMs = limit / 60_000;
    let bucket = this.#buckets.get(key);
    if (!bucket || bucket.limit !== limit) {
      bucket = { tokens: limit, updated: now, limit };
      this.#buckets.set(key, bucket);
      if (this.#buckets.size > 50_000) this.#sweep(now);
    } else {
      bucket.tokens = Math.min(limit, bucket.tokens + (now - bucket.updated) * perMs);
      bucket.updated = now;
    }
    const allowed = bucket.tokens >= 1;
    if (allowed) bucket.tokens -= 1;
    return {
      allowed,
      limit,
      remaining: Math.floor(bucket.tokens),
      reset: Math.ceil((limit - bucket.tokens) / perMs / 1000),
      retryAfter: allowed ? 0 : Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000)),
    };
  }

  /** Drop buckets that have refilled: a full bucket is the same as none. */
  #sweep(now: number): void {
    for (const [key, b] of this.#buckets) {
      if (b.tokens + (now - b.updated) * (b.limit / 60_000) >= b.limit) this.#buckets.delete(key);
    }
  }
}

/** Requests per minute by plan; a tenant's `limits.requestsPerMinute` overrides. */
export function requestsPerMinute(tenant: { tier: string; limits: Record<string, unknown> }): number {
  return planLimits(tenant).requestsPerMinute;
}
