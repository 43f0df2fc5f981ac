import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { LocatorError } from './errors.ts';
import {
  LOCATOR_PAYLOAD_BYTES,
  MAX_QR_VERSION,
  WHITENING_KEY_BYTES,
  bytesToDigits,
  crc32,
  decodeLocator,
  digitCount,
  digitsToBytes,
  encodeLocator,
  locatorQr,
  type Locator,
} from './locator.ts';

const sample: Locator = {
  version: 1,
  issuer: 131016,
  kid: new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]),
  serial: 2026_000_123,
  whiteningKey: Uint8Array.from({ length: WHITENING_KEY_BYTES }, (_, i) => (i * 37 + 11) & 0xff),
};

function withCheck(payload: Uint8Array): Uint8Array {
  const out = payload.slice();
  new DataView(out.buffer).setUint32(out.length - 4, crc32(out.subarray(0, out.length - 4)));
  return out;
}

function expectLocatorError(run: () => unknown, code?: string): void {
  try {
    run();
  } catch (error) {
    expect(error).to.be.instanceOf(LocatorError);
    if (code) expect((error as LocatorError).code).to.equal(code);
    return;
  }
  expect.fail('no error');
}

describe('QR locator', () => {
  it('round-trips through a verifier URL of 136 digits', () => {
    const url = encodeLocator(sample, 'https://kofu.example.jp/verify');
    expect(url).to.match(/^https:\/\/kofu\.example\.jp\/verify#[0-9]{136}$/);
    expect(digitCount(LOCATOR_PAYLOAD_BYTES)).to.equal(136);
    expect(decodeLocator(url)).to.deep.equal(sample);
    expect(decodeLocator(url.slice(url.indexOf('#')))).to.deep.equal(sample);
  });

  it('fits QR version ≤ 6 at error correction M for verifier URLs up to 47 characters', () => {
    const short = locatorQr(encodeLocator(sample, 'https://kofu.example.jp/verify'));
    console.log(`locator QR: version ${short.version}, ${short.size}×${short.size} modules`);
    expect(short.version).to.be.at.most(MAX_QR_VERSION);
    expect(short.size).to.equal(17 + 4 * short.version);
    const longest = `https://${'a'.repeat(32)}/verify`;
    expect(longest.length + 1).to.equal(48); // the byte segment: URL and '#'
    expect(locatorQr(encodeLocator(sample, longest)).version).to.equal(6);
    expectLocatorError(() => locatorQr(encodeLocator(sample, `https://${'a'.repeat(60)}/verify`)), 'locator.too-long');
  });

  it('decimal codec: property round-trip and exact digit counts', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 80 }), (bytes) => {
        const digits = bytesToDigits(bytes);
        expect(digits.length).to.equal(digitCount(bytes.length));
        expect(Array.from(digitsToBytes(digits, bytes.length))).to.deep.equal(Array.from(bytes));
      }),
    );
    // Largest values per group width stay in range; one more is refused.
    expect(bytesToDigits(new Uint8Array(7).fill(255))).to.equal('72057594037927935');
    expectLocatorError(() => digitsToBytes('72057594037927936', 7), 'locator.damaged');
    expectLocatorError(() => digitsToBytes('256', 1), 'locator.damaged');
  });

  it('refuses damaged, foreign and newer locators with a typed error', () => {
    const url = encodeLocator(sample, 'https://kofu.example.jp/verify');
    expectLocatorError(() => decodeLocator('https://example.com/'), 'locator.damaged');
    expectLocatorError(() => decodeLocator(url.slice(0, -1)), 'locator.damaged');
    expectLocatorError(() => decodeLocator(`${url}0`), 'locator.damaged');
    expectLocatorError(() => decodeLocator(url.replace(/#(.)/, '#x')), 'locator.damaged');
    expectLocatorError(() => decodeLocator('#'.padEnd(600, '1')), 'locator.damaged');
    // A payload with version 2.
    const payload = digitsToBytes(url.slice(url.indexOf('#') + 1), LOCATOR_PAYLOAD_BYTES);
    payload[0] = 2;
    expectLocatorError(() => decodeLocator(`#${bytesToDigits(withCheck(payload))}`), 'locator.unknown-version');
  });

  it('CRC-32 matches the standard check value, and catches every single-digit change', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).to.equal(0xcbf43926);
    const url = encodeLocator(sample, 'https://kofu.example.jp/verify');
    const hash = url.indexOf('#') + 1;
    for (let i = hash; i < url.length; i++) {
      for (const digit of '0123456789') {
        if (digit === url[i]) continue;
        expectLocatorError(() => decodeLocator(url.slice(0, i) + digit + url.slice(i + 1)));
      }
    }
  });
});

describe('verifier URL check (admin console)', () => {
  it('accepts an https URL of up to 47 characters, and its locator fits the QR ceiling', async () => {
    const { checkVerifierUrl, MAX_VERIFIER_URL, encodeLocator, locatorQr, MAX_QR_VERSION } = await import('./locator.ts');
    const url = 'https://verify.city.example.jp/' + 'v'.repeat(MAX_VERIFIER_URL - 31);
    expect(url.length).to.equal(47);
    expect(checkVerifierUrl(`  ${url} `)).to.equal(url);
    const locator = { version: 1, issuer: 992011, kid: new Uint8Array(8), serial: 2 ** 40, whiteningKey: new Uint8Array(32).fill(9) };
    expect(locatorQr(encodeLocator(locator, url)).version).to.be.at.most(MAX_QR_VERSION);
  });

  it('refuses http, a URL one character too long, a fragment or query, and junk, each with its reason', async () => {
    const { checkVerifierUrl } = await import('./locator.ts');
    const problem = (url: string) => {
      try {
        checkVerifierUrl(url);
        return 'accepted';
      } catch (e) {
        expect((e as { code: string }).code).to.equal('locator.bad-verifier-url');
        return (e as { params: { problem: string } }).params.problem;
      }
    };
    expect(problem('http://verify.city.example.jp/v')).to.equal('not-https');
    expect(problem('https://verify.city.example.jp/' + 'v'.repeat(17))).to.equal('too-long');
    expect(problem('https://verify.city.example.jp/v#x')).to.equal('malformed');
    expect(problem('https://verify.city.example.jp/v?a=1')).to.equal('malformed');
    expect(problem('https://a b/')).to.equal('malformed');
  });
});
