import { expect } from '@open-wc/testing';
import { homographyFrom4, applyHomography } from '../vision/homography.ts';
import { makeGridMap, sampleGrid, sampleGridReference, mapPoint } from './sample.ts';
import { layoutFor } from './format.ts';
import { rng } from './simulate/random.ts';

describe('grid sampling', () => {
  it('the fast sampler matches the slow reference sampler (perspective + displacement field)', () => {
    const random = rng(42);
    const width = 700;
    const height = 650;
    const data = new Uint8Array(width * height);
    for (let i = 0; i < data.length; i++) data[i] = Math.floor(random() * 256);
    const grey = { data, width, height };
    const size = 96;
    const layout = layoutFor(size);
    const h = homographyFrom4(
      [
        { x: 0, y: 0 },
        { x: size, y: 0 },
        { x: size, y: size },
        { x: 0, y: size },
      ],
      [
        { x: 40, y: 35 },
        { x: 640, y: 60 },
        { x: 610, y: 600 },
        { x: 55, y: 580 },
      ],
    )!;
    const map = makeGridMap(h, layout.lattice);
    for (let i = 0; i < map.disp.length; i++) map.disp[i] = (random() - 0.5) * 3;
    const fast = sampleGrid(grey, map, size);
    const slow = sampleGridReference(grey, map, size);
    let worst = 0;
    for (let i = 0; i < fast.length; i++) worst = Math.max(worst, Math.abs(fast[i] - slow[i]));
    expect(worst).to.be.below(2);
    // And the map honours the displacement at a lattice point exactly.
    const L = layout.lattice.length;
    const p = mapPoint(map, layout.lattice[1] + 0.5, layout.lattice[2] + 0.5);
    const base = applyHomography(h, layout.lattice[1] + 0.5, layout.lattice[2] + 0.5);
    expect(p.x - base.x).to.be.closeTo(map.disp[2 * (2 * L + 1)], 1e-9);
  });
});
