/**
 * The one quantile definition of Etablera: linear interpolation between the neighbouring order
 * statistics (R type 7, the default of R and NumPy, Excel's QUARTILE.INC / KVARTIL.INK).
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) throw new RangeError('quantileSorted needs at least one value');
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}
