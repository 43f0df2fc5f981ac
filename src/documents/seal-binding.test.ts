import { expect } from '@open-wc/testing';
import { decode, encode, rfc8949EncodeOptions } from 'cborg';
import { CertificateType, encodeSealPayload } from '../seal/seal.ts';
import type { CborValue } from '../seal/cbor.ts';
import { toSealContent } from './codec.ts';
import { demoRegistry } from '../registry/demo.ts';
import { buildCertificate } from '../registry/issue.ts';
import { MemoryRegistry } from '../registry/registry.ts';
import { dayFromIso } from './dates.ts';
import { CERT_TYPE_CODE, bindingProblems, formatSerial, sealOptionsOf } from './seal-binding.ts';

describe('seal binding', () => {
  it('numbers the types as the seal does', () => {
    expect(CERT_TYPE_CODE).to.deep.equal({
      juminhyo: CertificateType.juminhyo,
      kisai: CertificateType.juminhyoKisaiJiko,
      inkan: CertificateType.inkanToroku,
      tax: CertificateType.zeiShomei,
      koseki: CertificateType.koseki,
      fuhyo: CertificateType.kosekiFuhyo,
    });
  });

  it('accepts matching claims and names every mismatch', async () => {
    const cert = await buildCertificate(
      new MemoryRegistry(demoRegistry),
      'r-takahashi-ichiro',
      { kind: 'juminhyo', scope: 'household', householder: true, honseki: false, myNumber: true },
      { serial: formatSerial(123), issuedOn: dayFromIso('2026-11-25') },
    );
    // 2026-11-25 10:00 JST; the options survive a CBOR round trip as the seal carries them.
    const options = decode(encode(sealOptionsOf(cert), rfc8949EncodeOptions), { useMaps: true }) as Map<number, unknown>;
    const claims = { issuer: 992011, issuedAt: Date.UTC(2026, 10, 25, 1) / 1000, serial: 123, certType: 1, options, sheets: 2, renderVersion: cert.renderVersion };
    expect(bindingProblems(claims, cert, 2)).to.deep.equal([]);
    expect(options.get(3)).to.equal(true);
    expect(options.get(2)).to.equal(false);
    // The content and options are valid seal claims as they are (type-checked here, encoded by the seal).
    const content: CborValue = toSealContent(cert);
    const payload = encodeSealPayload({ ...claims, certType: 1, options: sealOptionsOf(cert), content });
    expect(payload.length).to.be.greaterThan(300);
    const wrong = { ...claims, issuer: 994219, serial: 124, certType: 2, sheets: 1, issuedAt: Date.UTC(2026, 10, 25, 16) / 1000, options: new Map() };
    expect(bindingProblems(wrong, cert, 2)).to.have.length(6);
  });

  it('prints the serial after the signer key id, so two tablets’ sheet 000001 differ; either printed form binds', async () => {
    const tabletA = new Uint8Array([0x4b, 0x2f, 0x9a, 1, 2, 3, 4, 5]);
    const tabletB = new Uint8Array([0x07, 0x00, 0xe1, 1, 2, 3, 4, 5]);
    expect(formatSerial(1, tabletA)).to.equal('4B2F9A-000001');
    expect(formatSerial(1, tabletB)).to.equal('0700E1-000001');
    expect(formatSerial(1)).to.equal('000001');
    const cert = await buildCertificate(new MemoryRegistry(demoRegistry), 'r-takahashi-ichiro', { kind: 'juminhyo', scope: 'self', householder: false, honseki: false, myNumber: false }, { serial: formatSerial(1, tabletA), issuedOn: dayFromIso('2026-11-25') });
    const claims = { issuer: 992011, issuedAt: Date.UTC(2026, 10, 25, 1) / 1000, serial: 1, certType: 1, options: sealOptionsOf(cert), sheets: 1, renderVersion: cert.renderVersion };
    expect(bindingProblems(claims, cert, 1, tabletA)).to.deep.equal([]);
    expect(bindingProblems(claims, cert, 1, tabletB), 'another tablet’s seal over this sheet').to.deep.equal(['serial 1 ≠ 4B2F9A-000001']);
    const legacy = { ...cert, serial: formatSerial(1) };
    expect(bindingProblems(claims, legacy, 1, tabletA), 'a sheet printed before the key id').to.deep.equal([]);
  });
});
