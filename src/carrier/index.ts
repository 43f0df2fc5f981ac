export { encodeCarrier, renderCarrierGrey, renderCarrierRgba, carrierRectangles, FLATBED_PROFILE, CAMERA_PROFILE } from './encode.ts';
export type { CarrierProfile, CarrierSymbol, Rect, GreyBitmap } from './encode.ts';
export { decodeCarrier } from './decode.ts';
export type { DecodeOptions, DecodeProgress, DecodeResult, CarrierDiagnostics } from './decode.ts';
export * from './errors.ts';
export { WHITENING_KEY_BYTES } from './whiten.ts';
