/**
 * Reference inequality figures for tests, written out independently of lib/analytics: the
 * pairwise Gini Σ_i Σ_j |xi − xj| / (2 n Σx) and the share of the k largest values.
 */
export function pairwiseGini(x: number[]): number {
  const total = x.reduce((a, v) => a + v, 0);
  if (total === 0) return 0;
  let diff = 0;
  for (const a of x) for (const b of x) diff += Math.abs(a - b);
  return diff / (2 * x.length * total);
}

export function topK(x: number[], k: number): number {
  const total = x.reduce((a, v) => a + v, 0);
  const desc = [...x].sort((a, b) => b - a).slice(0, k);
  return total === 0 ? 0 : desc.reduce((a, v) => a + v, 0) / total;
}
