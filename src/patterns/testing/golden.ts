/**
 * Golden images for the patterns. A pattern is integer-exact JavaScript (no canvas, no font
 * rasteriser), so its golden is the SHA-256 of the raster bytes and must match exactly; a missing
 * golden is recorded (commit it) together with a PNG under .test-results/golden/ to look at.
 * Paths are relative to the test file (the @web/test-runner file commands resolve them so).
 */
import { expect } from '@open-wc/testing';
import { readFile, writeFile } from '@web/test-runner-commands';
import { sha256, toBase64, toHex } from '../../bytes/bytes.ts';
import type { PatternRaster } from '../raster.ts';

async function png(r: PatternRaster): Promise<Uint8Array> {
  const canvas = new OffscreenCanvas(r.width, r.height);
  const ctx = canvas.getContext('2d')!;
  const image = ctx.createImageData(r.width, r.height);
  for (let i = 0; i < r.data.length; i++) {
    image.data[4 * i] = image.data[4 * i + 1] = image.data[4 * i + 2] = r.data[i];
    image.data[4 * i + 3] = 255;
  }
  ctx.putImageData(image, 0, 0);
  return new Uint8Array(await (await canvas.convertToBlob({ type: 'image/png' })).arrayBuffer());
}

/** Writes a PNG of `r` under .test-results/golden/ (for looking at, not for comparing). */
export async function keepPng(name: string, r: PatternRaster, fromTestDir = '../..'): Promise<void> {
  await writeFile({ path: `${fromTestDir}/.test-results/golden/${name}.png`, content: toBase64(await png(r)), encoding: 'base64' });
}

export async function expectGolden(name: string, r: PatternRaster, goldenDir = 'golden', fromTestDir = '../..'): Promise<void> {
  const hash = toHex(await sha256(r.data));
  const path = `${goldenDir}/${name}.json`;
  const stored = await readFile({ path }).catch(() => undefined);
  if (stored === undefined) {
    await writeFile({ path, content: JSON.stringify({ width: r.width, height: r.height, dpi: r.dpi, sha256: hash }) + '\n' });
    await keepPng(name, r, fromTestDir);
    return;
  }
  const golden = JSON.parse(stored) as { width: number; height: number; sha256: string };
  expect([r.width, r.height], `${name} size`).to.deep.equal([golden.width, golden.height]);
  expect(hash, `${name} differs from its golden image`).to.equal(golden.sha256);
}
