/**
 * The codes of the documents domain (the seal content codec and dates). Their words are in
 * src/ui/shared/error-messages-data.ts.
 */
export const DOCUMENTS_ERROR_CODES = ['seal-content.invalid', 'seal-content.render-version', 'date.invalid', 'date.bad-format'] as const;
export type DocumentsErrorCode = (typeof DOCUMENTS_ERROR_CODES)[number];

export interface DocumentsErrorParams {
  /** Where in the content, and what is wrong there (technical, English). */
  'seal-content.invalid': { readonly path: string; readonly problem: string };
  'seal-content.render-version': { readonly renderVersion: string };
  /** The date as given, YYYY-M-D. */
  'date.invalid': { readonly date: string };
  'date.bad-format': { readonly text: string };
}
