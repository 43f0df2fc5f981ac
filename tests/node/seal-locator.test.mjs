// The QR locator decodes with an independent reader: zbarimg (Debian zbar-tools) reads a PGM
// rendered here from kofu's module matrix, and must return the URL byte for byte.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { loadSeal } from '../vectors/seal/bundle.mjs';

const vectors = JSON.parse(readFileSync(new URL('../vectors/seal/vectors.json', import.meta.url), 'utf8'));

/** Binary PGM (P5), `scale` pixels per module, 4-module quiet zone (ISO/IEC 18004 §6.3.8). */
function pgm(qr, scale) {
  const side = (qr.size + 8) * scale;
  const pixels = Buffer.alloc(side * side, 255);
  for (let y = 0; y < qr.size; y++) {
    for (let x = 0; x < qr.size; x++) {
      if (!qr.modules[y * qr.size + x]) continue;
      for (let dy = 0; dy < scale; dy++) pixels.fill(0, ((y + 4) * scale + dy) * side + (x + 4) * scale, ((y + 4) * scale + dy) * side + (x + 5) * scale);
    }
  }
  return Buffer.concat([Buffer.from(`P5\n${side} ${side}\n255\n`, 'ascii'), pixels]);
}

function zbar(image) {
  const dir = mkdtempSync(path.join(tmpdir(), 'kofu-qr-'));
  try {
    const file = path.join(dir, 'locator.pgm');
    writeFileSync(file, image);
    return execFileSync('zbarimg', ['--raw', '-q', '-Sdisable', '-Sqrcode.enable', file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).replace(/\n$/, '');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('QR locator with zbarimg', () => {
  it('decodes the committed locator to the same URL, at QR version ≤ 6', async () => {
    const s = await loadSeal();
    const qr = s.locatorQr(vectors.locator.url);
    assert.ok(qr.version <= 6, `QR version ${qr.version}`);
    const text = zbar(pgm(qr, 4));
    assert.equal(text, vectors.locator.url);
    const locator = s.decodeLocator(text);
    assert.equal(locator.issuer, vectors.locator.issuer);
    assert.equal(locator.serial, vectors.locator.serial);
    assert.equal(Buffer.from(locator.kid).toString('hex'), vectors.locator.kid);
    assert.equal(Buffer.from(locator.whiteningKey).toString('hex'), vectors.locator.whiteningKey);
  });

  it('decodes the longest verifier URL kofu allows (47 characters), still version 6', async () => {
    const s = await loadSeal();
    const url = s.encodeLocator(
      { version: 1, issuer: 999997, kid: new Uint8Array(8).fill(0xff), serial: Number.MAX_SAFE_INTEGER, whiteningKey: new Uint8Array(32).fill(0xff) },
      `https://${'k'.repeat(32)}/verify`,
    );
    const qr = s.locatorQr(url);
    assert.equal(qr.version, 6);
    assert.equal(zbar(pgm(qr, 3)), url);
  });
});
