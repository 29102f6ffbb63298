import { filterLeaves, indexedCondition, type FilterNode, type SortKey } from './query.js';

/**
 * Records a query must reach, no index narrowing it, before it counts as a scan: below this a
 * whole-collection query costs about what an indexed one does (milliseconds) and waits for nothing.
 */
export const SCAN_MIN_ROWS = 10_000;

/** What decides whether a record query can be answered from an index. */
export interface QueryShape {
  filter?: FilterNode;
  /** As parsed (parseSort: never empty, `id` last). */
  sort: readonly SortKey[];
  count?: 'exact' | 'estimated';
}

/**
 * Whether a record query reads every record of its collection (every one its filter lets through), as
 * the indexes the code knows of stand — decided from the query alone, with no EXPLAIN:
 * - an indexed condition the matches must meet (query.ts indexedCondition: a declared field compared
 *   by equality, membership or a number range) narrows it to what the field's index finds: not a scan;
 * - otherwise any filter condition is evaluated on record after record: the page's order comes from
 *   `records_collection_created` (createdAt) or the primary key (id), and a filter that matches few or
 *   none walks the whole collection in that order (bench/README.md, noisy neighbour (b));
 * - a sort whose first key is a data field or `updatedAt` has no index to give its order (a data
 *   field's index is on `data #> path`, not on the typed sort expressions of query.ts sortColumns):
 *   every record is read and sorted;
 * - a count that is counted (`exact`, or any count of a pooled tenant) reads every match.
 * What counts as a scan, and what a query costs when it is not one, is in docs/architecture.md.
 */
export function readsWholeCollection(query: QueryShape, indexes: readonly string[], pooled: boolean): boolean {
  if (query.filter && indexedCondition(query.filter, indexes)) return false;
  if (query.filter && filterLeaves(query.filter) > 0) return true;
  const first = query.sort[0]?.field;
  if (first !== 'createdAt' && first !== 'id') return true;
  return query.count === 'exact' || (query.count !== undefined && pooled);
}
