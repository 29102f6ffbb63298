/**
 * Training as a pure function of the rows (run in a worker thread, see worker-pool.ts) and prediction
 * from the stored artifact (run on the request path). Nothing here knows about tenants: the caller
 * reads rows through one tenant's scope and stores the artifact in that tenant's storage.
 */
import { FeatureError, columnNames, encodeRow, learnFeature, readableWeights, width, type FeatureSpec } from './features.js';
import { fitLogistic, fitRidge, softmaxRow } from './linear.js';
import type { PlanLimits } from '../tenancy/plans.js';

export type ModelKind = 'classification' | 'regression' | 'recommendation';

export interface TrainOptions {
  /** L2 penalty on standardised weights (default 1). */
  l2?: number;
  /** Seed of the 80/20 holdout split (default 42). */
  seed?: number;
}

export interface LinearArtifact {
  kind: 'classification' | 'regression';
  specs: FeatureSpec[];
  d: number;
  /** Classification: labels in class order (the last is the reference class). */
  classes?: Array<string | number | boolean>;
  weights: number[];
}

export interface RecommendationArtifact {
  kind: 'recommendation';
  items: string[];
  /** Per item, its most similar items: [item index, cosine similarity]. */
  neighbors: Array<Array<[number, number]>>;
  /** Per user, the items interacted with: [item index, weight]. */
  users: Record<string, Array<[number, number]>>;
  /** Item indexes by interaction count, for users with no history. */
  popular: number[];
}

export type Artifact = LinearArtifact | RecommendationArtifact;

export interface TrainResult {
  artifact: Artifact;
  metrics: Record<string, number>;
  /** Linear models: weights per feature in the feature's own units (per class for classification). */
  weights?: Record<string, Record<string, number>> | Record<string, number>;
  rows: number;
  iterations?: number;
}

export { FeatureError };

/** mulberry32: a small seeded PRNG, so the holdout split is the same on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Indices 0..n-1, shuffled by seed, cut into 80 % train and 20 % test. */
export function holdoutSplit(n: number, seed: number): { train: number[]; test: number[] } {
  const order = Array.from({ length: n }, (_, i) => i);
  const rand = random(seed);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const testSize = Math.floor(n * 0.2);
  return { test: order.slice(0, testSize), train: order.slice(testSize) };
}

const labelKey = (v: unknown) => JSON.stringify(v);

/** Area under the ROC curve of scores for positives (1) against negatives (0), ties counted half. */
export function rocAuc(scores: number[], positive: boolean[]): number {
  const order = scores.map((s, i) => [s, positive[i]!] as const).sort((a, b) => a[0] - b[0]);
  let rankSum = 0;
  let positives = 0;
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j < order.length && order[j]![0] === order[i]![0]) j++;
    const rank = (i + j + 1) / 2; // average 1-based rank of the tie group
    for (let k = i; k < j; k++) {
      if (!order[k]![1]) continue;
      rankSum += rank;
      positives++;
    }
    i = j;
  }
  const negatives = order.length - positives;
  if (positives === 0 || negatives === 0) return NaN;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** Largest design and model a training may build (the tenant's plan, src/tenancy/plans.ts). */
export type DesignLimits = Pick<PlanLimits, 'trainingCells' | 'trainingWidth'>;

const count = (n: number) => n.toLocaleString('en-US');

/**
 * Refuse a design over the plan's limits before it is built: the design matrix takes 8 bytes a
 * cell, and Newton's Hessian is (columns × (classes − 1))² numbers, its solve cubic in that width. A
 * 50-class model over wide one-hot features would otherwise run for hours or out of memory.
 */
function checkDesign(rows: number, d: number, k: number, limits: DesignLimits): void {
  const cells = rows * d;
  if (cells > limits.trainingCells) {
    throw new FeatureError(
      `the design is ${count(rows)} records × ${count(d)} columns = ${count(cells)} cells, over the plan's limit (trainingCells = ${count(limits.trainingCells)}); ` +
        'train on fewer records or features, or on string features with fewer distinct values',
    );
  }
  const wide = d * (k - 1);
  if (wide > limits.trainingWidth) {
    const shape = k > 2 ? `${count(d)} columns × ${k - 1} (classes − 1) = ${count(wide)}` : `${count(d)} columns`;
    throw new FeatureError(
      `the model is ${shape} wide, over the plan's limit (trainingWidth = ${count(limits.trainingWidth)}); ` +
        `use fewer features, string features with fewer distinct values${k > 2 ? ', or fewer classes' : ''}`,
    );
  }
}

/** Metrics that are NaN when undefined on the holdout: a constant target (r2), a single class (rocAuc). */
const MAY_BE_UNDEFINED = new Set(['r2', 'rocAuc']);

/**
 * Refuse a fit that overflowed. Numbers near the float64 limit (1e301) square to Infinity, so the
 * spec's std, the weights or the holdout error stop being numbers; stored (JSON keeps them as null),
 * every prediction would then be NaN. The reason names the fields (`fields`, in row order) holding a
 * number whose square overflows.
 */
function refuseNonFinite(numbers: Array<Iterable<number>>, metrics: Record<string, number>, rows: unknown[][], fields: string[]): void {
  let finite = true;
  for (const list of numbers) for (const v of list) if (!Number.isFinite(v)) finite = false;
  for (const [name, v] of Object.entries(metrics)) if (!Number.isFinite(v) && !(Number.isNaN(v) && MAY_BE_UNDEFINED.has(name))) finite = false;
  if (finite) return;
  const huge = fields.filter((_, k) => rows.some((r) => typeof r[k] === 'number' && !Number.isFinite(r[k] * r[k]))).map((f) => `'${f}'`);
  const where = huge.length > 0 ? ` in ${huge.length > 1 ? 'fields' : 'field'} ${huge.join(', ')}` : '';
  throw new FeatureError(`training diverged: values too large${where}; rescale the field (e.g. to thousands or millions rather than 1e300)`);
}

/**
 * Train a classification or regression model on rows of [feature values…, target]. Rows without a
 * target are skipped; missing feature values are imputed and flagged. Holds out a seeded 20 %.
 * `limits` bounds the design (see checkDesign); without it (tests, benchmarks) nothing is bounded.
 */
export function trainLinear(
  kind: 'classification' | 'regression',
  features: string[],
  target: string,
  rawRows: unknown[][],
  options: TrainOptions = {},
  limits: DesignLimits = { trainingCells: Infinity, trainingWidth: Infinity },
): TrainResult {
  const rows = rawRows.filter((r) => r[features.length] !== undefined && r[features.length] !== null);
  if (rows.length === 0) throw new FeatureError(`the collection has no records with field '${target}'`);
  if (rows.length < 5) throw new FeatureError(`training needs at least 5 records with field '${target}', found ${rows.length}`);
  const lambda = options.l2 ?? 1;
  const { train, test } = holdoutSplit(rows.length, options.seed ?? 42);
  const trainRows = train.map((i) => rows[i]!);
  const testRows = test.map((i) => rows[i]!);
  const specs = features.map((f, k) =>
    learnFeature(
      f,
      trainRows.map((r) => r[k]),
    ),
  );
  const d = width(specs);
  const design = (subset: unknown[][]) => {
    const x = new Float64Array(subset.length * d);
    subset.forEach((r, i) => encodeRow(specs, r, x, i * d));
    return { x, n: subset.length, d };
  };
  const specNumbers = specs.flatMap((s) => (s.type === 'number' ? [s.mean!, s.std!] : []));

  if (kind === 'regression') {
    const bad = rows.find((r) => typeof r[features.length] !== 'number');
    if (bad) throw new FeatureError(`target '${target}' must be a number for regression; found ${JSON.stringify(bad[features.length])}`);
    checkDesign(rows.length, d, 2, limits); // one output per row, as wide as a binary model
    const X = design(trainRows);
    const T = design(testRows);
    const y = Float64Array.from(trainRows, (r) => r[features.length] as number);
    const w = fitRidge(X, y, lambda);
    const predicted = testRows.map((_, i) => dot(w, T.x, i * d, d));
    const actual = testRows.map((r) => r[features.length] as number);
    const mean = actual.reduce((s, v) => s + v, 0) / Math.max(1, actual.length);
    const sse = actual.reduce((s, v, i) => s + (v - predicted[i]!) ** 2, 0);
    const sst = actual.reduce((s, v) => s + (v - mean) ** 2, 0);
    const metrics = {
      rmse: Math.sqrt(sse / Math.max(1, actual.length)),
      r2: sst > 0 ? 1 - sse / sst : NaN,
      trainRows: trainRows.length,
      testRows: testRows.length,
    };
    refuseNonFinite([w, specNumbers], metrics, rows, [...features, target]);
    return { artifact: { kind, specs, d, weights: Array.from(w) }, metrics, weights: readableWeights(specs, w, 0), rows: rows.length };
  }

  const badLabel = rows.find((r) => !['string', 'number', 'boolean'].includes(typeof r[features.length]));
  if (badLabel) throw new FeatureError(`target '${target}' must hold strings, numbers or booleans; found ${JSON.stringify(badLabel[features.length])}`);
  const byKey = new Map<string, string | number | boolean>();
  for (const r of rows) byKey.set(labelKey(r[features.length]), r[features.length] as string | number | boolean);
  const classes = [...byKey.values()].sort((a, b) => (labelKey(a) < labelKey(b) ? -1 : labelKey(a) > labelKey(b) ? 1 : 0));
  if (classes.length < 2) throw new FeatureError(`target '${target}' has a single value (${JSON.stringify(classes[0])}); classification needs at least two`);
  if (classes.length > 50) throw new FeatureError(`target '${target}' has ${classes.length} distinct values; classification takes at most 50`);
  const k = classes.length;
  checkDesign(rows.length, d, k, limits);
  const X = design(trainRows);
  const T = design(testRows);
  const index = new Map(classes.map((c, i) => [labelKey(c), i]));
  const labels = Int32Array.from(trainRows, (r) => index.get(labelKey(r[features.length]))!);
  const fit = fitLogistic(X, labels, k, lambda);
  const w = fit.weights;
  // Holdout metrics.
  const p = new Float64Array(k);
  let correct = 0;
  let logLoss = 0;
  const scores: number[] = [];
  const positive: boolean[] = [];
  testRows.forEach((r, i) => {
    softmaxRow(w, k, d, T.x, i * d, p);
    const truth = index.get(labelKey(r[features.length]))!;
    let best = 0;
    for (let c = 1; c < k; c++) if (p[c]! > p[best]!) best = c;
    if (best === truth) correct++;
    logLoss -= Math.log(Math.max(p[truth]!, 1e-15));
    if (k === 2) {
      scores.push(p[1]!);
      positive.push(truth === 1);
    }
  });
  const metrics: Record<string, number> = {
    accuracy: correct / Math.max(1, testRows.length),
    logLoss: logLoss / Math.max(1, testRows.length),
    trainRows: trainRows.length,
    testRows: testRows.length,
  };
  if (k === 2) metrics.rocAuc = rocAuc(scores, positive);
  refuseNonFinite([w, specNumbers], metrics, rows, features);
  const weights: Record<string, Record<string, number>> = {};
  classes.forEach((c, ci) => {
    weights[String(c)] = ci < k - 1 ? readableWeights(specs, w, ci * d) : Object.fromEntries(columnNames(specs).map((n) => [n, 0]));
  });
  return { artifact: { kind, specs, d, classes, weights: Array.from(w) }, metrics, weights, rows: rows.length, iterations: fit.iterations };
}

function dot(w: ArrayLike<number>, x: Float64Array, offset: number, d: number): number {
  let s = 0;
  for (let j = 0; j < d; j++) s += w[j]! * x[offset + j]!;
  return s;
}

export type Prediction = { label: string | number | boolean; probabilities: Record<string, number> } | { value: number };

/**
 * An input whose prediction overflowed (a score of Infinity; softmax then gives NaN): a 400 naming the
 * numeric field furthest from what the model was trained on, rather than NaN in a response.
 */
function tooLarge(specs: readonly FeatureSpec[], input: Record<string, unknown>, i: number): FeatureError {
  let worst: { field: string; distance: number } | undefined;
  for (const s of specs) {
    const v = input[s.field];
    if (s.type !== 'number' || typeof v !== 'number') continue;
    const distance = Math.abs((v - s.mean!) / s.std!);
    if (!worst || distance > worst.distance) worst = { field: s.field, distance };
  }
  if (!worst) return new FeatureError(`inputs[${i}] gives no finite prediction`);
  return new FeatureError(`inputs[${i}].${worst.field} = ${String(input[worst.field])} is too large for this model: its prediction is not a finite number`);
}

/**
 * Predict for inputs (objects by field); a missing or mistyped feature, or a value so large that the
 * prediction overflows, is a FeatureError naming it.
 */
export function predictLinear(artifact: LinearArtifact, inputs: ReadonlyArray<Record<string, unknown>>): Prediction[] {
  const { specs, d } = artifact;
  const x = new Float64Array(d);
  const w = artifact.weights;
  return inputs.map((input, i) => {
    for (const s of specs) {
      if (!(s.field in input)) throw new FeatureError(`inputs[${i}].${s.field} is missing (send null for an unknown value)`);
    }
    encodeRow(
      specs,
      specs.map((s) => input[s.field]),
      x,
      0,
      `inputs[${i}].`,
    );
    if (artifact.kind === 'regression') {
      const value = dot(w, x, 0, d);
      if (!Number.isFinite(value)) throw tooLarge(specs, input, i);
      return { value };
    }
    const classes = artifact.classes!;
    const p = new Float64Array(classes.length);
    softmaxRow(Float64Array.from(w), classes.length, d, x, 0, p);
    if (!p.every(Number.isFinite)) throw tooLarge(specs, input, i);
    let best = 0;
    for (let c = 1; c < classes.length; c++) if (p[c]! > p[best]!) best = c;
    return { label: classes[best]!, probabilities: Object.fromEntries(classes.map((c, ci) => [String(c), p[ci]!])) };
  });
}

// ---- recommendation -------------------------------------------------------------------------------

const NEIGHBOURS = 50;
const MAX_HISTORY = 500;

function buildRecommender(interactions: Array<[string, string, number]>): RecommendationArtifact {
  const itemIndex = new Map<string, number>();
  const items: string[] = [];
  const users: Record<string, Array<[number, number]>> = {};
  const history = new Map<string, Map<number, number>>();
  const counts: number[] = [];
  for (const [user, item, weight] of interactions) {
    let ii = itemIndex.get(item);
    if (ii === undefined) {
      ii = items.length;
      itemIndex.set(item, ii);
      items.push(item);
      counts.push(0);
    }
    counts[ii]!++;
    let h = history.get(user);
    if (!h) history.set(user, (h = new Map()));
    h.set(ii, (h.get(ii) ?? 0) + weight);
  }
  const norms = new Float64Array(items.length);
  const co = items.map(() => new Map<number, number>());
  for (const [user, h] of history) {
    const list = [...h].slice(0, MAX_HISTORY);
    users[user] = list;
    for (const [a, wa] of list) {
      norms[a]! += wa * wa;
      for (const [b, wb] of list) if (a !== b) co[a]!.set(b, (co[a]!.get(b) ?? 0) + wa * wb);
    }
  }
  const neighbors = co.map((m, a) =>
    [...m]
      .map(([b, s]): [number, number] => [b, s / Math.sqrt(norms[a]! * norms[b]!)])
      .sort((x, y) => y[1] - x[1] || x[0] - y[0])
      .slice(0, NEIGHBOURS),
  );
  const popular = items
    .map((_, i) => i)
    .sort((a, b) => counts[b]! - counts[a]! || a - b)
    .slice(0, 1000);
  return { kind: 'recommendation', items, neighbors, users, popular };
}

export function recommend(artifact: RecommendationArtifact, user: string, limit: number): Array<{ item: string; score: number }> {
  const history = artifact.users[user];
  if (!history || history.length === 0) {
    // A user with no history: the most popular items, scored by rank.
    return artifact.popular.slice(0, limit).map((i, r) => ({ item: artifact.items[i]!, score: 1 / (r + 1) }));
  }
  const seen = new Set(history.map(([i]) => i));
  const scores = new Map<number, number>();
  for (const [i, w] of history) {
    for (const [j, s] of artifact.neighbors[i] ?? []) if (!seen.has(j)) scores.set(j, (scores.get(j) ?? 0) + w * s);
  }
  return [...scores]
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, limit)
    .map(([i, score]) => ({ item: artifact.items[i]!, score }));
}

/** Rows of [user, item, weight?]: item-item cosine similarity, precision@10/recall@10 on a 20 % holdout. */
export function trainRecommender(rawRows: unknown[][], fields: { user: string; item: string; weight?: string }, options: TrainOptions = {}): TrainResult {
  const interactions: Array<[string, string, number]> = [];
  for (const r of rawRows) {
    const [user, item, weight] = r;
    if (user === undefined || user === null || item === undefined || item === null) continue;
    if (!['string', 'number'].includes(typeof user) || !['string', 'number'].includes(typeof item)) {
      throw new FeatureError(`fields '${fields.user}' and '${fields.item}' must be strings or numbers`);
    }
    if (fields.weight && weight !== undefined && weight !== null && typeof weight !== 'number')
      throw new FeatureError(`field '${fields.weight}' must be a number`);
    interactions.push([String(user), String(item), typeof weight === 'number' ? weight : 1]);
  }
  if (interactions.length === 0) throw new FeatureError(`the collection has no records with fields '${fields.user}' and '${fields.item}'`);
  const { train, test } = holdoutSplit(interactions.length, options.seed ?? 42);
  const split = buildRecommender(train.map((i) => interactions[i]!));
  const heldOut = new Map<string, Set<string>>();
  for (const i of test) {
    const [user, item] = interactions[i]!;
    if (!split.users[user]) continue;
    if (!heldOut.has(user)) heldOut.set(user, new Set());
    heldOut.get(user)!.add(item);
  }
  let precision = 0;
  let recall = 0;
  for (const [user, items] of heldOut) {
    const top = recommend(split, user, 10);
    const hits = top.filter((r) => items.has(r.item)).length;
    precision += hits / 10;
    recall += hits / items.size;
  }
  const users = Math.max(1, heldOut.size);
  const artifact = buildRecommender(interactions);
  const metrics = { precisionAt10: precision / users, recallAt10: recall / users, trainRows: train.length, testRows: test.length };
  const similarities = artifact.neighbors.flatMap((list) => list.map(([, s]) => s));
  const weights = Object.values(artifact.users).flatMap((list) => list.map(([, w]) => w));
  refuseNonFinite([similarities, weights], metrics, rawRows, [fields.user, fields.item, ...(fields.weight ? [fields.weight] : [])]);
  return { artifact, metrics, rows: interactions.length };
}
