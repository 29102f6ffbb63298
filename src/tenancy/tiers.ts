export const TIERS = ['free', 'pro', 'enterprise'] as const;
export type Tier = (typeof TIERS)[number];

/** Each tier's default isolation (the plan table's PLAN_ISOLATION); an explicit isolation on the tenant wins. */
export { PLAN_ISOLATION as TIER_DEFAULT_ISOLATION } from './plans.js';

export function isTier(value: string): value is Tier {
  return (TIERS as readonly string[]).includes(value);
}
