/**
 * Dense linear systems A·x = b by Gauss–Jordan elimination with partial pivoting (Golub & Van Loan,
 * "Matrix Computations" §3.4): small systems only (the 8×8 of a four-point homography, the 4×4
 * normal equations of a least-squares fit), where this is exact enough and allocation-light.
 */

/**
 * Solves A·x = b for square A (rows of equal length n, b of length n). Returns null when a pivot
 * falls below `minPivot` in magnitude (A singular or nearly so at the caller's scale).
 */
export function solveLinearSystem(a: ReadonlyArray<ArrayLike<number>>, b: ArrayLike<number>, minPivot = 1e-12): number[] | null {
  const n = b.length;
  // Augmented rows [A | b], eliminated in place above and below each pivot.
  const rows = Array.from({ length: n }, (_, r) => [...Array.from(a[r]), b[r]]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(rows[r][col]) > Math.abs(rows[pivot][col])) pivot = r;
    if (Math.abs(rows[pivot][col]) < minPivot) return null;
    [rows[col], rows[pivot]] = [rows[pivot], rows[col]];
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const factor = rows[r][col] / rows[col][col];
      if (factor === 0) continue;
      for (let k = col; k <= n; k++) rows[r][k] -= factor * rows[col][k];
    }
  }
  return rows.map((row, i) => row[n] / row[i]);
}
