import { describe, expect, it } from 'vitest';
import { RateLimiter, requestsPerMinute } from '../src/api/rate-limit.js';
import { TenantScopeRequiredError } from '../src/errors.js';

describe('per-tenant token buckets', () => {
  it('allows a burst up to the limit, refuses the next, and refills at limit/60 per second', () => {
    let now = 1_000_000;
    const limiter = new RateLimiter(() => now);
    const seen = Array.from({ length: 60 }, () => limiter.take('acme', 60));
    expect(seen.every((d) => d.allowed)).toBe(true);
    expect(seen.map((d) => d.remaining).slice(0, 3)).toEqual([59, 58, 57]);
    const refused = limiter.take('acme', 60);
    expect(refused).toMatchObject({ allowed: false, remaining: 0, retryAfter: 1, limit: 60 });
    expect(refused.reset).toBe(60);
    // Another tenant's bucket is untouched by acme's flood.
    expect(limiter.take('globex', 60)).toMatchObject({ allowed: true, remaining: 59 });
    now += 2_500; // 2.5 s → 2.5 tokens back
    expect(limiter.take('acme', 60)).toMatchObject({ allowed: true, remaining: 1 });
    expect(limiter.take('acme', 60)).toMatchObject({ allowed: true, remaining: 0 });
    expect(limiter.take('acme', 60).allowed).toBe(false);
    now += 120_000;
    expect(limiter.take('acme', 60)).toMatchObject({ allowed: true, remaining: 59, reset: 1 });
  });

  it('peeks at a bucket without taking from it', () => {
    let now = 1_000_000;
    const limiter = new RateLimiter(() => now);
    expect(limiter.peek('acme', 60)).toMatchObject({ allowed: true, remaining: 60, reset: 0 });
    for (let i = 0; i < 60; i++) limiter.take('acme', 60);
    expect(limiter.peek('acme', 60)).toMatchObject({ allowed: false, remaining: 0, limit: 60 });
    expect(limiter.peek('acme', 60)).toMatchObject({ allowed: false, remaining: 0 });
    now += 2_500;
    expect(limiter.peek('acme', 60)).toMatchObject({ allowed: true, remaining: 2 });
    expect(limiter.take('acme', 60)).toMatchObject({ allowed: true, remaining: 1 });
    expect(limiter.peek('globex', 60).remaining).toBe(60);
  });

  it('takes limits from the tenant, else from its tier, and refuses a missing tenant', () => {
    expect(requestsPerMinute({ tier: 'pro', limits: {} })).toBe(3000);
    expect(requestsPerMinute({ tier: 'pro', limits: { requestsPerMinute: 42 } })).toBe(42);
    expect(requestsPerMinute({ tier: 'free', limits: { requestsPerMinute: 'lots' } })).toBe(600);
    expect(() => new RateLimiter().take('', 10)).toThrow(TenantScopeRequiredError);
  });
});
