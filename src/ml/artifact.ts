import { FIELD_PATH_PATTERN } from '../storage/names.js';
import { MAX_CATEGORIES, width, type FeatureSpec } from './features.js';
import type { ModelKind } from './fit.js';

/**
 * Why `artifact` could not have come out of training a `kind` model — or null when it could. Serving
 * trusts an artifact as training wrote it (fit.ts); one that arrives from elsewhere (a tenant import)
 * is checked here first, so a forged one is refused up front instead of failing predictions later.
 * The checks follow what predictLinear and recommend index: specs and their width, weights per class,
 * item indexes in range, finite numbers.
 */
export function artifactProblem(kind: ModelKind, artifact: unknown): string | null {
  if (!isObject(artifact)) return 'the artifact is not an object';
  if (artifact.kind !== kind) return `the artifact is of a ${String(artifact.kind)} model, not ${kind}`;
  return kind === 'recommendation' ? recommendationProblem(artifact) : linearProblem(kind, artifact);
}

function linearProblem(kind: 'classification' | 'regression', a: Record<string, unknown>): string | null {
  if (!Array.isArray(a.specs) || a.specs.length === 0) return 'specs must be a non-empty array';
  for (const [i, spec] of a.specs.entries()) {
    const problem = specProblem(spec);
    if (problem) return `specs[${i}]: ${problem}`;
  }
  const specs = a.specs as FeatureSpec[];
  const d = width(specs);
  if (a.d !== d) return `d must be ${d}, the width of the specs`;
  let rows = 1;
  if (kind === 'classification') {
    const classes = a.classes;
    if (!Array.isArray(classes) || classes.length < 2 || !classes.every((c) => ['string', 'number', 'boolean'].includes(typeof c))) {
      return 'classes must list at least two labels (strings, numbers or booleans)';
    }
    rows = classes.length - 1;
  }
  if (!Array.isArray(a.weights) || a.weights.length !== rows * d || !a.weights.every(isFiniteNumber)) {
    return `weights must be ${rows * d} finite numbers`;
  }
  return null;
}

function specProblem(spec: unknown): string | null {
  if (!isObject(spec)) return 'not an object';
  if (typeof spec.field !== 'string' || !FIELD_PATH_PATTERN.test(spec.field)) return 'field must be a field path';
  if (typeof spec.missing !== 'boolean') return 'missing must be a boolean';
  if (spec.type === 'number')
    return isFiniteNumber(spec.mean) && isFiniteNumber(spec.std) && spec.std !== 0 ? null : 'mean and std must be finite numbers, std not 0';
  if (spec.type === 'boolean') return null;
  if (spec.type === 'category') {
    const c = spec.categories;
    return Array.isArray(c) && c.length <= MAX_CATEGORIES && c.every((v) => typeof v === 'string')
      ? null
      : `categories must be at most ${MAX_CATEGORIES} strings`;
  }
  return "type must be 'number', 'boolean' or 'category'";
}

function recommendationProblem(a: Record<string, unknown>): string | null {
  const items = a.items;
  if (!Array.isArray(items) || !items.every((i) => typeof i === 'string')) return 'items must be an array of strings';
  const index = (v: unknown) => Number.isInteger(v) && (v as number) >= 0 && (v as number) < items.length;
  const pairs = (list: unknown) => Array.isArray(list) && list.every((p) => Array.isArray(p) && p.length === 2 && index(p[0]) && isFiniteNumber(p[1]));
  if (!Array.isArray(a.neighbors) || a.neighbors.length !== items.length || !a.neighbors.every(pairs)) {
    return 'neighbors must hold, for each item, pairs of [item index, similarity]';
  }
  if (!isObject(a.users) || !Object.values(a.users).every(pairs)) return 'users must map each user to pairs of [item index, weight]';
  if (!Array.isArray(a.popular) || !a.popular.every(index)) return 'popular must be item indexes';
  return null;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
