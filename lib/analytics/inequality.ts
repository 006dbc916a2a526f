/**
 * Inequality of a non-negative distribution (a metagraph's incentive or dividends column):
 * Gini coefficient, Lorenz curve and top-k shares. Pure; exact on integers up to 2^53.
 *
 * Gini is n-normalised (the population formula, no n/(n−1) correction):
 *   G = Σ_i Σ_j |x_i − x_j| / (2 · n · Σ x)
 * computed from the ascending order as G = (2 · Σ_i i·x_(i) − (n + 1) · Σ x) / (n · Σ x), i = 1..n.
 * So G = 0 for equal values and (n − 1)/n when one of n holds everything ([0, 0, 0, 1] → 0.75).
 * An empty or all-zero distribution has G = 0 (nothing is unequal).
 */

/** The Gini coefficient of `values` (non-negative), n-normalised as above. */
export function gini(values: readonly number[]): number {
  const n = values.length;
  if (n === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  let total = 0;
  let weighted = 0;
  sorted.forEach((x, i) => {
    if (!(x >= 0)) throw new RangeError(`gini needs non-negative values, got ${x}`);
    total += x;
    weighted += (i + 1) * x;
  });
  if (total === 0) return 0;
  return (2 * weighted - (n + 1) * total) / (n * total);
}

/**
 * The Lorenz curve: n + 1 points [population share, value share], the poorest first, from
 * [0, 0] to [1, 1] (to [1, 0] when everything is zero).
 */
export function lorenz(values: readonly number[]): [number, number][] {
  const n = values.length;
  const sorted = [...values].sort((a, b) => a - b);
  const total = sorted.reduce((a, x) => a + x, 0);
  const points: [number, number][] = [[0, 0]];
  let acc = 0;
  sorted.forEach((x, i) => {
    acc += x;
    points.push([(i + 1) / n, total === 0 ? 0 : acc / total]);
  });
  return points;
}

/** The share of the total held by the `k` largest values (0 when the total is 0). */
export function topShare(values: readonly number[], k: number): number {
  const total = values.reduce((a, x) => a + x, 0);
  if (total === 0) return 0;
  const top = [...values].sort((a, b) => b - a).slice(0, k);
  return top.reduce((a, x) => a + x, 0) / total;
}

/** How many values are positive (uids earning anything). */
export function positiveCount(values: readonly number[]): number {
  return values.filter((x) => x > 0).length;
}
