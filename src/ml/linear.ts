import { CholeskyDecomposition, LuDecomposition, Matrix } from 'ml-matrix';

/**
 * Linear models on a dense design matrix (row-major Float64Array, n × d, column 0 is the intercept's
 * constant 1). Penalties never apply to the intercept.
 */
export interface Design {
  x: Float64Array;
  n: number;
  d: number;
}

function solveSymmetric(h: number[][], g: number[]): number[] {
  const a = new Matrix(h);
  const b = Matrix.columnVector(g);
  const cholesky = new CholeskyDecomposition(a);
  return (cholesky.isPositiveDefinite() ? cholesky.solve(b) : new LuDecomposition(a).solve(b)).to1DArray();
}

/**
 * Ridge regression: minimise Σ(y − Xw)² + λ‖w₁..‖², intercept unpenalised, solved exactly by centring
 * and the normal equations (XcᵀXc + λI) w = Xcᵀyc.
 */
export function fitRidge({ x, n, d }: Design, y: Float64Array, lambda: number): Float64Array {
  const p = d - 1;
  const mean = new Float64Array(d);
  let yMean = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 1; j < d; j++) mean[j]! += x[i * d + j]!;
    yMean += y[i]!;
  }
  for (let j = 1; j < d; j++) mean[j]! /= n;
  yMean /= n;
  const h = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  const g = new Array<number>(p).fill(0);
  const row = new Float64Array(p);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < p; j++) row[j] = x[i * d + j + 1]! - mean[j + 1]!;
    const yc = y[i]! - yMean;
    for (let a = 0; a < p; a++) {
      const ra = row[a]!;
      g[a]! += ra * yc;
      const ha = h[a]!;
      for (let b = a; b < p; b++) ha[b]! += ra * row[b]!;
    }
  }
  for (let a = 0; a < p; a++) {
    h[a]![a]! += lambda;
    for (let b = 0; b < a; b++) h[a]![b] = h[b]![a]!;
  }
  const w = p > 0 ? solveSymmetric(h, g) : [];
  const out = new Float64Array(d);
  out[0] = yMean - w.reduce((s, wj, j) => s + wj * mean[j + 1]!, 0);
  w.forEach((wj, j) => (out[j + 1] = wj));
  return out;
}

/** Class probabilities for one row: classes 0..k-2 have weights, class k-1 is the reference (score 0). */
export function softmaxRow(weights: Float64Array, k: number, d: number, x: Float64Array, offset: number, out: Float64Array): void {
  let max = 0;
  for (let c = 0; c < k - 1; c++) {
    let z = 0;
    for (let j = 0; j < d; j++) z += weights[c * d + j]! * x[offset + j]!;
    out[c] = z;
    if (z > max) max = z;
  }
  out[k - 1] = 0;
  let sum = 0;
  for (let c = 0; c < k; c++) {
    const e = Math.exp(out[c]! - max);
    out[c] = e;
    sum += e;
  }
  for (let c = 0; c < k; c++) out[c]! /= sum;
}

export interface LogisticFit {
  /** (k − 1) × d weights, row-major; the last class is the reference. */
  weights: Float64Array;
  iterations: number;
  converged: boolean;
}

/**
 * L2-regularised multinomial logistic regression (binary when k = 2) by Newton's method with a
 * backtracking line search on the penalised negative log-likelihood. The Hessian of (k−1)·d
 * parameters is formed exactly, so a handful of iterations reach the optimum to ~1e-10, where
 * gradient descent with a fixed iteration count would stop wherever it happens to be.
 */
export function fitLogistic({ x, n, d }: Design, labels: Int32Array, k: number, lambda: number, maxIterations = 100): LogisticFit {
  const m = (k - 1) * d;
  let w = new Float64Array(m);
  const p = new Float64Array(k);
  const penalty = (c: number, j: number) => (j === 0 ? 1e-8 : lambda);

  const objective = (weights: Float64Array): number => {
    let loss = 0;
    for (let i = 0; i < n; i++) {
      softmaxRow(weights, k, d, x, i * d, p);
      loss -= Math.log(Math.max(p[labels[i]!]!, 1e-300));
    }
    for (let c = 0; c < k - 1; c++) for (let j = 0; j < d; j++) loss += 0.5 * penalty(c, j) * weights[c * d + j]! ** 2;
    return loss;
  };

  let current = objective(w);
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations) {
    iterations++;
    const g = new Array<number>(m).fill(0);
    const h = Array.from({ length: m }, () => new Array<number>(m).fill(0));
    for (let i = 0; i < n; i++) {
      const o = i * d;
      softmaxRow(w, k, d, x, o, p);
      const yi = labels[i]!;
      for (let c = 0; c < k - 1; c++) {
        const pc = p[c]!;
        const r = pc - (yi === c ? 1 : 0);
        for (let a = 0; a < d; a++) g[c * d + a]! += r * x[o + a]!;
        for (let c2 = c; c2 < k - 1; c2++) {
          const s = c === c2 ? pc * (1 - pc) : -pc * p[c2]!;
          if (s === 0) continue;
          for (let a = 0; a < d; a++) {
            const sa = s * x[o + a]!;
            if (sa === 0) continue;
            const ha = h[c * d + a]!;
            const start = c === c2 ? a : 0;
            for (let b = start; b < d; b++) ha[c2 * d + b]! += sa * x[o + b]!;
          }
        }
      }
    }
    // Mirror the upper triangle, add the penalty.
    for (let r = 0; r < m; r++) {
      for (let c = 0; c < r; c++) h[r]![c] = h[c]![r]!;
      const cls = Math.floor(r / d);
      const j = r % d;
      h[r]![r]! += penalty(cls, j);
      g[r]! += penalty(cls, j) * w[r]!;
    }
    const step = solveSymmetric(h, g);
    let t = 1;
    let next = w;
    let value = current;
    for (let halving = 0; halving < 40; halving++) {
      next = w.map((wi, i) => wi - t * step[i]!);
      value = objective(next);
      if (value <= current + 1e-12 * Math.abs(current)) break;
      t /= 2;
    }
    const stepSize = Math.max(...step.map((s) => Math.abs(s * t)));
    const scale = 1 + Math.max(...Array.from(next, Math.abs));
    const improvement = current - value;
    w = next;
    current = value;
    if (stepSize < 1e-10 * scale || improvement <= 1e-14 * Math.max(1, Math.abs(current))) {
      converged = true;
      break;
    }
  }
  return { weights: w, iterations, converged };
}
