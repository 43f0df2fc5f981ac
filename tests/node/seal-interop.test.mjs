// Interoperability: Node's own crypto (OpenSSL) verifies kofu's COSE_Sign1 seals, signer
// certificates and trust list over Sig_structure bytes this file builds by hand from RFC 9052 §4.4,
// with a CBOR reader written here (not kofu's, not cborg). So the format is standard COSE/ES256,
// not merely self-consistent.
import assert from 'node:assert/strict';
import { createPublicKey, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { loadSeal } from '../vectors/seal/bundle.mjs';

const vectors = JSON.parse(readFileSync(new URL('../vectors/seal/vectors.json', import.meta.url), 'utf8'));
const bytes = (hex) => Buffer.from(hex, 'hex');

/** Reads one CBOR head (RFC 8949 §3): major type, argument, and where the content starts. */
function head(buf, offset) {
  const initial = buf[offset];
  const major = initial >> 5;
  const info = initial & 0x1f;
  if (info < 24) return { major, value: info, next: offset + 1 };
  const width = { 24: 1, 25: 2, 26: 4, 27: 8 }[info];
  assert.ok(width, `unsupported additional info ${info}`);
  let value = 0;
  for (let i = 0; i < width; i++) value = value * 256 + buf[offset + 1 + i];
  return { major, value, next: offset + 1 + width };
}

function byteString(buf, offset) {
  const h = head(buf, offset);
  assert.equal(h.major, 2, 'expected a byte string');
  return { value: buf.subarray(h.next, h.next + h.value), next: h.next + h.value };
}

/** Splits an untagged COSE_Sign1 into its four parts; the unprotected map is returned raw. */
function coseSign1(buf) {
  const top = head(buf, 0);
  assert.equal(top.major, 4);
  assert.equal(top.value, 4);
  const prot = byteString(buf, top.next);
  const mapHead = head(buf, prot.next);
  assert.equal(mapHead.major, 5);
  let cursor = mapHead.next;
  const unprotected = new Map();
  for (let i = 0; i < mapHead.value; i++) {
    const keyHead = head(buf, cursor);
    const key = keyHead.major === 1 ? -1 - keyHead.value : keyHead.value;
    const value = byteString(buf, keyHead.next);
    unprotected.set(key, value.value);
    cursor = value.next;
  }
  const payload = byteString(buf, cursor);
  const signature = byteString(buf, payload.next);
  assert.equal(signature.next, buf.length, 'no trailing bytes');
  return { protected: prot.value, unprotected, payload: payload.value, signature: signature.value };
}

function bstrHeader(length) {
  if (length < 24) return Buffer.from([0x40 + length]);
  if (length < 256) return Buffer.from([0x58, length]);
  return Buffer.from([0x59, length >> 8, length & 0xff]);
}

/** RFC 9052 §4.4: ["Signature1", body_protected, external_aad = h'', payload]. */
function sigStructure(protectedBytes, payload) {
  return Buffer.concat([
    Buffer.from([0x84, 0x6a]),
    Buffer.from('Signature1', 'ascii'),
    bstrHeader(protectedBytes.length),
    protectedBytes,
    Buffer.from([0x40]),
    bstrHeader(payload.length),
    payload,
  ]);
}

/** SubjectPublicKeyInfo (RFC 5480) for a compressed P-256 point; OpenSSL decompresses it. */
function p256Key(compressed) {
  const prefix = Buffer.from('3039301306072a8648ce3d020106082a8648ce3d030107032200', 'hex');
  return createPublicKey({ key: Buffer.concat([prefix, compressed]), format: 'der', type: 'spki' });
}

function es256Verify(publicKey, cose) {
  return verify('sha256', sigStructure(cose.protected, cose.payload), { key: publicKey, dsaEncoding: 'ieee-p1363' }, cose.signature);
}

const SIGNER_CERTIFICATE_LABEL = -65537;

function checkSeal(sealBytes, rootPublicKey) {
  const seal = coseSign1(sealBytes);
  // protected = {1: -7, 4: kid}
  assert.deepEqual([...seal.protected.subarray(0, 5)], [0xa2, 0x01, 0x26, 0x04, 0x48]);
  const kid = seal.protected.subarray(5, 13);
  const certificate = coseSign1(seal.unprotected.get(SIGNER_CERTIFICATE_LABEL));
  assert.deepEqual([...certificate.protected], [0xa1, 0x01, 0x26]);
  assert.equal(es256Verify(rootPublicKey, certificate), true, 'root signature over the signer certificate');
  // The certificate payload ends with the 33-byte compressed key: 0x58 0x21 ‖ key.
  const signerKeyBytes = certificate.payload.subarray(certificate.payload.length - 33);
  assert.deepEqual([...certificate.payload.subarray(certificate.payload.length - 35, certificate.payload.length - 33)], [0x58, 0x21]);
  return { seal, kid, signerKeyBytes, signerKey: p256Key(signerKeyBytes) };
}

describe('seal interop with node:crypto', () => {
  const root = p256Key(bytes(vectors.rootPublicKey));

  it('verifies the committed seal vectors: root → signer certificate → seal', () => {
    for (const vector of vectors.seals) {
      const { seal, kid, signerKey } = checkSeal(bytes(vector.seal), root);
      assert.equal(Buffer.from(kid).toString('hex'), vectors.kid);
      assert.equal(Buffer.from(seal.payload).toString('hex'), vector.payload);
      assert.equal(es256Verify(signerKey, seal), true, `${vector.name}: seal signature`);
      assert.equal(vector.size, bytes(vector.seal).length);
    }
  });

  it('kid = SHA-256(compressed signer key)[0..8]', async () => {
    const { createHash } = await import('node:crypto');
    const { signerKeyBytes } = checkSeal(bytes(vectors.seals[0].seal), root);
    assert.equal(createHash('sha256').update(signerKeyBytes).digest('hex').slice(0, 16), vectors.kid);
  });

  it('verifies the committed trust list against its anchor', () => {
    const list = coseSign1(bytes(vectors.trustList));
    assert.equal(es256Verify(root, list), true);
  });

  it('rejects a seal with a changed payload byte', () => {
    const tampered = bytes(vectors.seals[0].seal);
    tampered[tampered.length - 100] ^= 0x01;
    const { seal, signerKey } = checkSeal(tampered, root);
    assert.equal(es256Verify(signerKey, seal), false);
  });

  it('verifies a seal kofu signs now, in this process', async () => {
    const s = await loadSeal();
    const m = await s.makeMunicipality();
    const sealBytes = await s.signSeal(s.juminhyoClaims(6, s.TEST_MUNICIPALITY, s.TEST_NOW), { privateKey: m.signerKeys.privateKey, certificate: m.certificate });
    const { seal, signerKey } = checkSeal(Buffer.from(sealBytes), p256Key(Buffer.from(m.rootPublicKey)));
    assert.equal(es256Verify(signerKey, seal), true);
    // and kofu's own verifier agrees in Node too
    const verdict = await s.verifySeal(sealBytes, m.trustList, { demoMode: false, supportedRenderVersions: [1], now: s.TEST_NOW });
    assert.equal(verdict.ok, true);
  });
});
