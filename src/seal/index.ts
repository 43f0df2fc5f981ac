/** The seal domain's public API. */
export * from './errors.ts';
export { encodeCanonical, decodeCanonical, type CborValue, type CborMap, type CborKey } from './cbor.ts';
export { KEY_ID_BYTES, keyIdOf, exportCompressedPublicKey, importPublicKey } from './ec.ts';
export * from './signer-certificate.ts';
export * from './trust-list.ts';
export * from './seal.ts';
export * from './locator.ts';
export * from './keys.ts';
export * from './audit-log.ts';
export * from './demo.ts';
export * from './trust-fetch.ts';
export * from './anchors.ts';
export * from './match.ts';
