/** What the storage layer needs to know about a tenant to find its tables. */
export const ISOLATIONS = ['pooled', 'schema', 'database'] as const;
export type Isolation = (typeof ISOLATIONS)[number];

export interface TenantPlacement {
  id: string;
  isolation: Isolation;
  cluster: string;
}
