/**
 * The error API the UI may use (ui/ imports values from app/, only types from the domains): the
 * KofuError class for `instanceof` and `isKofuError`; the words are in src/ui/shared/error-messages.ts.
 */
export { KofuError, isKofuError, type Language, type LocalizedText } from '../bytes/errors.ts';
