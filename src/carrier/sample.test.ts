import { expect } from '@open-wc/testing';
import { homographyFrom4, applyHomography } from './geometry.ts';
import { makeGridMap, sampleGrid, sampleGridReference, mapPoint, makeTemplate, matchTemplate, templateScoreReference } from './sample.ts';
import { layoutFor } from './format.ts';
import { rng } from './simulate/random.ts';

describe('grid sampling', () => {
  it('homographyFrom4 maps the four points it was built from', () => {
    const src = [
      { x: 0, y: 0 },
      { x: 10, y: 0 },
      { x: 10, y: 10 },
      { x: 0, y: 10 },
    ];
    const dst = [
      { x: 5, y: 7 },
      { x: 120, y: 12 },
      { x: 110, y: 140 },
      { x: -3, y: 121 },
    ];
    const h = homographyFrom4(src, dst)!;
    src.forEach((p, i) => {
      const q = applyHomography(h, p.x, p.y);
      expect(q.x).to.be.closeTo(dst[i].x, 1e-6);
      expect(q.y).to.be.closeTo(dst[i].y, 1e-6);
    });
  });

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

  it('template matching finds a blurred alignment pattern and its score matches the slow NCC', () => {
    // A 5×5 alignment pattern at 4 px per module, centred at (103.3, 97.6), lightly blurred by box averaging.
    const width = 200;
    const height = 200;
    const sharp = new Float32Array(width * height).fill(230);
    const cx = 103.3;
    const cy = 97.6;
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++) {
        const mx = Math.floor((x + 0.5 - cx) / 4 + 2.5);
        const my = Math.floor((y + 0.5 - cy) / 4 + 2.5);
        if (mx < 0 || my < 0 || mx > 4 || my > 4) continue;
        sharp[y * width + x] = Math.max(Math.abs(mx - 2), Math.abs(my - 2)) === 1 ? 230 : 30;
      }
    const data = new Uint8Array(width * height);
    for (let y = 1; y < height - 1; y++)
      for (let x = 1; x < width - 1; x++) {
        let acc = 0;
        for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) acc += sharp[(y + dy) * width + x + dx];
        data[y * width + x] = Math.round(acc / 9);
      }
    const grey = { data, width, height };
    const template = makeTemplate([1, 1, 1, 1, 1, 1, 0, 0, 0, 1, 1, 0, 1, 0, 1, 1, 0, 0, 0, 1, 1, 1, 1, 1, 1], 5);
    const jacobian: [number, number, number, number] = [4, 0, 0, 4];
    const predicted = { x: 100, y: 100 };
    const m = matchTemplate(grey, template, predicted, jacobian, 1.25);
    expect(predicted.x + 4 * m.offset.x).to.be.closeTo(cx, 0.5);
    expect(predicted.y + 4 * m.offset.y).to.be.closeTo(cy, 0.5);
    expect(m.score).to.be.closeTo(templateScoreReference(grey, template, predicted, jacobian, m.offset.x, m.offset.y), 1e-6);
    for (let oy = -1.25; oy <= 1.25; oy += 0.25)
      for (let ox = -1.25; ox <= 1.25; ox += 0.25) expect(templateScoreReference(grey, template, predicted, jacobian, ox, oy)).to.be.at.most(m.score + 1e-9);
  });
});
