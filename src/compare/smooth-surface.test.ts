import { expect } from '@open-wc/testing';
import { fitSurface, type SurfaceSample } from './smooth-surface.ts';

const grid = (f: (x: number, y: number) => number, n = 8): SurfaceSample[] =>
  Array.from({ length: n * n }, (_, i) => {
    const x = ((i % n) + 0.5) * (1000 / n);
    const y = (Math.floor(i / n) + 0.5) * (1400 / n);
    return { x, y, value: f(x, y) };
  });

describe('smooth surface', () => {
  // What a barrel distortion leaves on a page: a cubic in the coordinates.
  const cubic = (x: number, y: number) => {
    const u = x / 500 - 1;
    const v = y / 700 - 1;
    return 1.5 + 0.4 * u - 0.2 * v + 3 * u * (u * u + v * v) - 0.7 * u * v;
  };

  it('recovers a cubic from samples on a grid, and holds it at the samples\' bounding box beyond them', () => {
    const surface = fitSurface(grid(cubic), 1000, 1400, 50)!;
    // The grid's samples span x 62.5…937.5, y 87.5…1312.5.
    for (const [x, y] of [[500, 700], [62.5, 87.5], [937.5, 1312.5], [300, 1000]]) expect(surface.at(x, y)).to.be.closeTo(cubic(x, y), 1e-6);
    expect(surface.at(0, 1400)).to.be.closeTo(cubic(62.5, 1312.5), 1e-6);
    expect(surface.at(990, 20)).to.be.closeTo(cubic(937.5, 87.5), 1e-6);
  });

  it('drops a block that matched elsewhere (an outlier) instead of bending towards it', () => {
    const samples = grid(cubic);
    samples[27] = { ...samples[27], value: samples[27].value + 12 };
    const surface = fitSurface(samples, 1000, 1400, 50)!;
    expect(surface.at(samples[27].x, samples[27].y)).to.be.closeTo(cubic(samples[27].x, samples[27].y), 1e-6);
  });

  it('fits a plane to a few samples, a constant to fewer, and clamps to the limit', () => {
    const plane = (x: number, y: number) => 2 + x / 100 - y / 200;
    const few = grid(plane, 3);
    expect(fitSurface(few, 1000, 1400, 50)!.at(500, 1000)).to.be.closeTo(plane(500, 1000), 1e-6);
    expect(fitSurface(few.slice(0, 4), 1000, 1400, 50)!.at(0, 0)).to.be.closeTo(few.slice(0, 4).reduce((a, s) => a + s.value, 0) / 4, 1e-9);
    expect(fitSurface(few, 1000, 1400, 3)!.at(1000, 0)).to.equal(3);
    expect(fitSurface([], 1000, 1400, 3)).to.equal(null);
  });
});
