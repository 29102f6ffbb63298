/**
 * Feature handling shared by training and prediction: a spec learned from the training rows
 * (type, mean/std, categories, whether missing values occurred) and the encoding of a row into the
 * design matrix: numbers standardised, booleans 0/1, strings one-hot over the learned categories,
 * and for a feature that had missing values, the mean (or nothing) imputed plus a 0/1 "missing" flag.
 */
export type FeatureType = 'number' | 'boolean' | 'category';

export interface FeatureSpec {
  field: string;
  type: FeatureType;
  /** Numbers: mean and standard deviation of the training values (std 1 when constant). */
  mean?: number;
  std?: number;
  /** Strings: the categories seen in training, in column order. */
  categories?: string[];
  /** Whether training rows lacked this feature: then a missing-flag column follows its columns. */
  missing: boolean;
}

export const MAX_CATEGORIES = 100;

export class FeatureError extends Error {}

function typeOf(value: unknown): FeatureType | 'missing' | 'other' {
  if (value === undefined || value === null) return 'missing';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'string') return 'category';
  return 'other';
}

/** Learn one feature's spec from its training column; a mixed or unusable column is a FeatureError. */
export function learnFeature(field: string, values: readonly unknown[]): FeatureSpec {
  const types = new Set<string>();
  let missing = false;
  for (const v of values) {
    const t = typeOf(v);
    if (t === 'missing') missing = true;
    else types.add(t);
  }
  if (types.has('other')) throw new FeatureError(`feature '${field}' holds objects or arrays; features must be numbers, booleans or strings`);
  if (types.size === 0) throw new FeatureError(`the collection has no records with field '${field}'`);
  if (types.size > 1) throw new FeatureError(`feature '${field}' mixes types (${[...types].map((t) => (t === 'category' ? 'string' : t)).join(' and ')})`);
  const type = [...types][0] as FeatureType;
  if (type === 'number') {
    let sum = 0;
    let count = 0;
    for (const v of values) {
      if (typeof v !== 'number') continue;
      sum += v;
      count++;
    }
    const mean = sum / count;
    let sq = 0;
    for (const v of values) if (typeof v === 'number') sq += (v - mean) ** 2;
    const std = Math.sqrt(sq / count);
    return { field, type, mean, std: std > 1e-12 ? std : 1, missing };
  }
  if (type === 'category') {
    const categories = [...new Set(values.filter((v): v is string => typeof v === 'string'))].sort();
    if (categories.length > MAX_CATEGORIES) throw new FeatureError(`feature '${field}' has ${categories.length} distinct values; at most ${MAX_CATEGORIES}`);
    return { field, type, categories, missing };
  }
  return { field, type, missing };
}

/** Number of design columns, the intercept's included. */
export function width(specs: readonly FeatureSpec[]): number {
  return 1 + specs.reduce((n, s) => n + (s.type === 'category' ? s.categories!.length : 1) + (s.missing ? 1 : 0), 0);
}

/** Column names in design order, for reporting weights: `age`, `city=paris`, `age (missing)`. */
export function columnNames(specs: readonly FeatureSpec[]): string[] {
  const names = ['(intercept)'];
  for (const s of specs) {
    if (s.type === 'category') names.push(...s.categories!.map((c) => `${s.field}=${c}`));
    else names.push(s.field);
    if (s.missing) names.push(`${s.field} (missing)`);
  }
  return names;
}

/**
 * Encode one row into `out` at `offset`. Training rows may lack values (imputed); `strict` (prediction)
 * refuses a wrong type with a FeatureError naming the field. An unseen category encodes as all zeros.
 */
export function encodeRow(specs: readonly FeatureSpec[], values: readonly unknown[], out: Float64Array, offset: number, where = ''): void {
  let j = offset;
  out[j++] = 1;
  specs.forEach((s, f) => {
    const v = values[f];
    const t = typeOf(v);
    const isMissing = t === 'missing';
    if (!isMissing && t !== s.type) {
      throw new FeatureError(`${where}${s.field} must be ${s.type === 'category' ? 'a string' : s.type === 'number' ? 'a number' : 'a boolean'}`);
    }
    if (s.type === 'number') out[j++] = isMissing ? 0 : ((v as number) - s.mean!) / s.std!;
    else if (s.type === 'boolean') out[j++] = isMissing ? 0 : v ? 1 : 0;
    else {
      const index = isMissing ? -1 : s.categories!.indexOf(v as string);
      for (let c = 0; c < s.categories!.length; c++) out[j++] = c === index ? 1 : 0;
    }
    if (s.missing) out[j++] = isMissing ? 1 : 0;
  });
}

/** Linear-model weights in the feature's own units (undoing standardisation), by column name. */
export function readableWeights(specs: readonly FeatureSpec[], w: Float64Array, offset: number): Record<string, number> {
  const names = columnNames(specs);
  const out: Record<string, number> = {};
  let intercept = w[offset]!;
  let j = 1;
  for (const s of specs) {
    if (s.type === 'number') {
      const coefficient = w[offset + j]! / s.std!;
      out[s.field] = coefficient;
      intercept -= coefficient * s.mean!;
      j++;
    } else if (s.type === 'boolean') {
      out[s.field] = w[offset + j++]!;
    } else {
      for (let c = 0; c < s.categories!.length; c++) out[names[j]!] = w[offset + j++]!;
    }
    if (s.missing) out[names[j]!] = w[offset + j++]!;
  }
  return { '(intercept)': intercept, ...out };
}
