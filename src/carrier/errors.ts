/**
 * Typed errors of the carrier. Codes are stable (the UI and tests key on them); their words, which
 * tell a person what to do, are in src/ui/shared/error-messages-carrier.ts.
 */
import { KofuError, boundError, type NoParams, type ParamsOf } from '../bytes/errors.ts';

export const CARRIER_ERROR_CODES = [
  'carrier.bad-key',
  'carrier.payload-too-large',
  'carrier.bad-image',
  'carrier.not-found',
  'carrier.too-small',
  'carrier.too-blurry',
  'carrier.damaged',
  'carrier.unsupported-format',
  'carrier.wrong-key',
] as const;
export type CarrierErrorCode = (typeof CARRIER_ERROR_CODES)[number];

/** What is wrong, in English: the technical part of the message (a field, a version, a size). */
interface Detail {
  readonly detail: string;
}

export interface CarrierErrorParams {
  'carrier.payload-too-large': { readonly length: number; readonly max: number };
  'carrier.bad-image': Detail;
  'carrier.not-found': { readonly findersFound: number };
  'carrier.too-small': { readonly pixelsPerModule: number };
  'carrier.damaged': Detail;
  'carrier.unsupported-format': Detail;
}

export class CarrierError<Code extends CarrierErrorCode = CarrierErrorCode> extends KofuError<Code, ParamsOf<CarrierErrorParams, Code>> {
  override readonly name: string = 'CarrierError';
}

/** One code's error class, whose constructor takes that code's params as arguments. */
const bound = <Code extends CarrierErrorCode, Args extends unknown[]>(name: string, code: Code, params: (...args: Args) => ParamsOf<CarrierErrorParams, Code>) =>
  boundError(CarrierError<Code>, name, code, params);
const noParams = (): NoParams => ({});

export const CarrierKeyError = bound('CarrierKeyError', 'carrier.bad-key', noParams);
export const CarrierPayloadTooLargeError = bound('CarrierPayloadTooLargeError', 'carrier.payload-too-large', (length: number, max: number) => ({ length, max }));
export const CarrierImageError = bound('CarrierImageError', 'carrier.bad-image', (detail: string) => ({ detail }));
export const CarrierNotFoundError = bound('CarrierNotFoundError', 'carrier.not-found', (findersFound: number) => ({ findersFound }));
export const CarrierTooSmallError = bound('CarrierTooSmallError', 'carrier.too-small', (pixelsPerModule: number) => ({ pixelsPerModule }));
export const CarrierBlurryError = bound('CarrierBlurryError', 'carrier.too-blurry', noParams);
export const CarrierDamagedError = bound('CarrierDamagedError', 'carrier.damaged', (detail: string) => ({ detail }));
export const CarrierFormatError = bound('CarrierFormatError', 'carrier.unsupported-format', (detail: string) => ({ detail }));
export const CarrierWrongKeyError = bound('CarrierWrongKeyError', 'carrier.wrong-key', noParams);
