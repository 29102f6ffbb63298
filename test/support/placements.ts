import type { Isolation } from '../../src/storage/placement.js';

/** The three isolation strategies, in the order suites loop over them (and name their tests). */
export const STRATEGIES: readonly Isolation[] = ['pooled', 'schema', 'database'];

/** Every strategy, plus a second pooled tenant: two tenants sharing the same tables is the closest pair. */
export const PLACEMENTS = [...STRATEGIES, 'pooled2'] as const;
export type Placement = (typeof PLACEMENTS)[number];

/** The isolation a placement label provisions its tenant with. */
export const isolationOf = (label: Placement): Isolation => (label === 'pooled2' ? 'pooled' : label);
