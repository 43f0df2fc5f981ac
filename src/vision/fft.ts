/** In-place radix-2 complex FFT (Cooley–Tukey, decimation in time), and a 2-D power spectrum. */

/** Transforms (re, im) in place; the length must be a power of two. */
export function fft(re: Float64Array, im: Float64Array): void {
  const n = re.length;
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      [re[i], re[j]] = [re[j], re[i]];
      [im[i], im[j]] = [im[j], im[i]];
    }
  }
  for (let len = 2; len <= n; len <<= 1) {
    const angle = (-2 * Math.PI) / len;
    const wr = Math.cos(angle);
    const wi = Math.sin(angle);
    for (let i = 0; i < n; i += len) {
      let cr = 1;
      let ci = 0;
      for (let k = 0; k < len / 2; k++) {
        const a = i + k;
        const b = a + len / 2;
        const tr = re[b] * cr - im[b] * ci;
        const ti = re[b] * ci + im[b] * cr;
        re[b] = re[a] - tr;
        im[b] = im[a] - ti;
        re[a] += tr;
        im[a] += ti;
        [cr, ci] = [cr * wr - ci * wi, cr * wi + ci * wr];
      }
    }
  }
}

/** Power spectrum |F(u, v)|² of an n×n real tile (row-major), n a power of two. Index v·n + u. */
export function powerSpectrum2d(tile: Float64Array, n: number): Float64Array {
  const re = Float64Array.from(tile);
  const im = new Float64Array(n * n);
  const rowRe = new Float64Array(n);
  const rowIm = new Float64Array(n);
  for (let pass = 0; pass < 2; pass++) {
    for (let a = 0; a < n; a++) {
      for (let b = 0; b < n; b++) {
        const i = pass === 0 ? a * n + b : b * n + a;
        rowRe[b] = re[i];
        rowIm[b] = im[i];
      }
      fft(rowRe, rowIm);
      for (let b = 0; b < n; b++) {
        const i = pass === 0 ? a * n + b : b * n + a;
        re[i] = rowRe[b];
        im[i] = rowIm[b];
      }
    }
  }
  const power = new Float64Array(n * n);
  for (let i = 0; i < power.length; i++) power[i] = re[i] * re[i] + im[i] * im[i];
  return power;
}
