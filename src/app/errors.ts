/**
 * The error API the UI may use (ui/ imports values from app/, only types from the domains): the
 * KofuError class for `instanceof`, and the hook through which the catalogue in
 * src/ui/shared/error-messages.ts gives unconverted code its words.
 */
export { KofuError, isKofuError, type Language, type LocalizedText } from '../bytes/errors.ts';
// LEGACY (issue #9 phase 2 deletes): see installLegacyDescriber in src/bytes/errors.ts.
export { installLegacyDescriber } from '../bytes/errors.ts';
