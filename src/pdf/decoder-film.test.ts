import { expect } from '@open-wc/testing';
import { LATENT_DEFAULTS, renderLatentLineScreen, renderLatentMark, type LatentLineOptions } from '../patterns/latent-line.ts';
import { mmFromPx } from '../patterns/raster.ts';
import { FILM_SQUARE, decoderFilmLines } from './decoder-film.ts';

describe('decoder film', () => {
  it('draws lines at the latent screen period and angle, across the whole square', () => {
    const lines = decoderFilmLines();
    const theta = (LATENT_DEFAULTS.angleDeg * Math.PI) / 180;
    const offsets = lines.map((l) => {
      // Every line runs perpendicular to the screen's normal (cos θ, sin θ).
      const along = Math.atan2(l.y2 - l.y1, l.x2 - l.x1);
      expect(Math.abs(Math.sin(along - theta - Math.PI / 2))).to.be.below(1e-9);
      return l.x1 * Math.cos(theta) + l.y1 * Math.sin(theta);
    });
    for (let i = 1; i < offsets.length; i++) expect(offsets[i] - offsets[i - 1]).to.be.closeTo(LATENT_DEFAULTS.periodMm, 1e-9);
    // 120 mm square at 30°: its extent along the normal is 120·(cos 30° + sin 30°) ≈ 164 mm.
    expect(lines.length).to.be.within(162, 165);
    for (const l of lines) for (const [x, y] of [[l.x1, l.y1], [l.x2, l.y2]]) {
      expect(x).to.be.within(FILM_SQUARE.x - 1e-6, FILM_SQUARE.x + FILM_SQUARE.size + 1e-6);
      expect(y).to.be.within(FILM_SQUARE.y - 1e-6, FILM_SQUARE.y + FILM_SQUARE.size + 1e-6);
    }
  });

  it('laid over the emblem in register, darkens the hidden mark and leaves the surround half-dark', () => {
    const emblem: LatentLineOptions = { widthMm: 30, heightMm: 30 };
    const dpi = 300;
    const screen = renderLatentLineScreen(emblem, dpi);
    const mark = renderLatentMark(emblem, dpi);
    // The film's strokes rasterised in the emblem's frame: ink within half a line width of a centre line.
    const lines = decoderFilmLines({ x: 0, y: 0, size: 30 });
    const theta = (LATENT_DEFAULTS.angleDeg * Math.PI) / 180;
    const centres = lines.map((l) => l.x1 * Math.cos(theta) + l.y1 * Math.sin(theta));
    const halfWidth = (LATENT_DEFAULTS.lineFraction * LATENT_DEFAULTS.periodMm) / 2;
    const ink = { inside: 0, nIn: 0, outside: 0, nOut: 0 };
    for (let y = 0; y < screen.height; y++) {
      for (let x = 0; x < screen.width; x++) {
        const d = mmFromPx(x + 0.5, dpi) * Math.cos(theta) + mmFromPx(y + 0.5, dpi) * Math.sin(theta);
        const film = centres.some((c) => Math.abs(d - c) < halfWidth);
        const dark = film || screen.data[y * screen.width + x] === 0 ? 1 : 0;
        if (mark.data[y * screen.width + x] === 0) [ink.inside, ink.nIn] = [ink.inside + dark, ink.nIn + 1];
        else [ink.outside, ink.nOut] = [ink.outside + dark, ink.nOut + 1];
      }
    }
    expect(ink.inside / ink.nIn).to.be.above(0.95);
    expect(ink.outside / ink.nOut).to.be.within(0.45, 0.6);
  });
});
