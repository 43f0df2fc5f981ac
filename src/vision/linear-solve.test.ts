import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { solveLinearSystem } from './linear-solve.ts';

/** Slow reference: Cramer's rule with determinants by Laplace expansion (fine for n ≤ 5). */
function determinant(m: number[][]): number {
  if (m.length === 1) return m[0][0];
  return m[0].reduce((sum, value, j) => sum + (j % 2 ? -1 : 1) * value * determinant(m.slice(1).map((row) => row.filter((_, k) => k !== j))), 0);
}

function cramer(a: number[][], b: number[]): number[] {
  const det = determinant(a);
  return b.map((_, j) => determinant(a.map((row, r) => row.map((v, k) => (k === j ? b[r] : v)))) / det);
}

describe('vision/linear-solve', () => {
  it('agrees with Cramer’s rule on well-conditioned random systems up to 5×5', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }).chain((n) =>
          fc.record({
            a: fc.array(fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: n, maxLength: n }), { minLength: n, maxLength: n }),
            b: fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: n, maxLength: n }),
          }),
        ),
        ({ a, b }) => {
          // Diagonal dominance keeps the system far from singular, so both methods are accurate.
          const dominant = a.map((row, i) => row.map((v, j) => (i === j ? v + 60 * Math.sign(v || 1) : v)));
          const fast = solveLinearSystem(dominant, b)!;
          const slow = cramer(dominant, b);
          fast.forEach((x, i) => expect(x).to.be.closeTo(slow[i], 1e-9 * (1 + Math.abs(slow[i]))));
        },
      ),
    );
  });

  it('pivots past a zero on the diagonal', () => {
    // 2y = 2, x + y = 3 → x = 2, y = 1; without a row exchange the first pivot would be 0.
    expect(solveLinearSystem([[0, 2], [1, 1]], [2, 3])).to.deep.equal([2, 1]);
  });

  it('returns null for a singular system, and below the caller’s pivot tolerance', () => {
    expect(solveLinearSystem([[1, 2], [2, 4]], [1, 2])).to.equal(null);
    expect(solveLinearSystem([[1e-10, 0], [0, 1]], [1, 1])).to.not.equal(null);
    expect(solveLinearSystem([[1e-10, 0], [0, 1]], [1, 1], 1e-9)).to.equal(null);
  });
});
