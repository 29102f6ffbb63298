import type { Isolation } from '../storage/placement.js';

export const TIERS = ['free', 'pro', 'enterprise'] as const;
export type Tier = (typeof TIERS)[number];

/** Each tier's default isolation; an explicit isolation on the tenant wins. */
export const TIER_DEFAULT_ISOLATION: Record<Tier, Isolation> = {
  free: 'pooled',
  pro: 'schema',
  enterprise: 'database',
};

export function isTier(value: string): value is Tier {
  return (TIERS as readonly string[]).includes(value);
}
