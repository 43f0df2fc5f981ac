/**
 * Seeded generators of hostile inputs for the seal verifier and the locator decoder, shared by the
 * browser fuzz test and the bench. Deterministic: the same seed gives the same inputs.
 */
import { encodeCanonical, type CborValue } from '../cbor.ts';

/** xorshift32: tiny, seedable, good enough to pick mutations. */
export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0 || 0x9e3779b9;
  }
  next(): number {
    let x = this.state;
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    this.state = x >>> 0;
    return this.state;
  }
  below(n: number): number {
    return this.next() % n;
  }
  bytes(length: number): Uint8Array {
    const out = new Uint8Array(length);
    for (let i = 0; i < length; i++) out[i] = this.next() & 0xff;
    return out;
  }
}

function randomCbor(rng: Rng, depth: number): CborValue {
  switch (rng.below(depth > 3 ? 6 : 9)) {
    case 0:
      return rng.below(2 ** 20) - 1000;
    case 1:
      return rng.bytes(rng.below(70));
    case 2:
      return String.fromCharCode(...Array.from(rng.bytes(rng.below(12)), (b) => 0x3000 + b));
    case 3:
      return rng.below(2) === 0;
    case 4:
      return null;
    case 5:
      return rng.below(10);
    case 6:
      return Array.from({ length: rng.below(6) }, () => randomCbor(rng, depth + 1));
    default: {
      const map = new Map<number, CborValue>();
      const size = rng.below(10);
      for (let i = 0; i < size; i++) map.set(rng.below(12) - 2, randomCbor(rng, depth + 1));
      return map;
    }
  }
}

export function randomCborBytes(rng: Rng): Uint8Array {
  return encodeCanonical(randomCbor(rng, 0));
}

/** One hostile seal: random bytes, random CBOR, or a valid seal mutated in one of several ways. */
export function mutateSeal(rng: Rng, valid: readonly Uint8Array[]): Uint8Array {
  const index = rng.below(valid.length);
  const base = valid[index];
  switch (rng.below(8)) {
    case 0:
      return rng.bytes(rng.below(900));
    case 1:
      return randomCborBytes(rng);
    case 2: {
      // COSE-shaped: array(4) with random parts, so parsing goes deeper.
      return encodeCanonical([rng.below(3) ? base.subarray(1, 1 + rng.below(20)) : rng.bytes(14), new Map([[-65537, rng.bytes(rng.below(140))]]), rng.bytes(rng.below(300)), rng.bytes(64)]);
    }
    case 3: {
      const out = base.slice();
      const flips = 1 + rng.below(4);
      for (let i = 0; i < flips; i++) out[rng.below(out.length)] ^= 1 + rng.below(255);
      return out;
    }
    case 4:
      return base.slice(0, rng.below(base.length));
    case 5: {
      const at = rng.below(base.length + 1);
      return new Uint8Array([...base.subarray(0, at), ...rng.bytes(1 + rng.below(4)), ...base.subarray(at)]);
    }
    case 6: {
      const at = rng.below(base.length);
      return new Uint8Array([...base.subarray(0, at), ...base.subarray(at + 1 + rng.below(8))]);
    }
    default: {
      const other = valid[(index + 1 + rng.below(Math.max(1, valid.length - 1))) % valid.length];
      const at = rng.below(Math.min(base.length, other.length));
      return new Uint8Array([...base.subarray(0, at), ...other.subarray(at)]);
    }
  }
}

const URL_CHARS = 'abcdefghijklmnopqrstuvwxyz0123456789:/#?&=%.-_ ';

/** One hostile locator string: random text, or a valid locator URL mutated. */
export function mutateLocator(rng: Rng, valid: string): string {
  switch (rng.below(6)) {
    case 0:
      return Array.from({ length: rng.below(200) }, () => URL_CHARS[rng.below(URL_CHARS.length)]).join('');
    case 1: {
      const i = valid.indexOf('#') + 1 + rng.below(valid.length - valid.indexOf('#') - 1);
      const digit = String((Number(valid[i]) + 1 + rng.below(9)) % 10);
      return valid.slice(0, i) + digit + valid.slice(i + 1);
    }
    case 2:
      return valid.slice(0, rng.below(valid.length));
    case 3: {
      const i = rng.below(valid.length);
      return valid.slice(0, i) + URL_CHARS[rng.below(URL_CHARS.length)] + valid.slice(i);
    }
    case 4: {
      const chars = valid.split('');
      const a = valid.indexOf('#') + 1 + rng.below(20);
      const b = Math.min(a + 1 + rng.below(30), chars.length - 1);
      if (chars[a] === chars[b]) chars[a] = chars[a] === '9' ? '0' : String(Number(chars[a]) + 1);
      else [chars[a], chars[b]] = [chars[b], chars[a]];
      return chars.join('');
    }
    default:
      return `#${Array.from({ length: 136 }, () => String(rng.below(10))).join('')}`;
  }
}
