/**
 * Cells a spreadsheet would run as a formula (OWASP "CSV Injection"): Excel, LibreOffice and
 * Google Sheets evaluate a cell that starts with `=`, `+`, `-` or `@` (and, after trimming, a tab
 * or carriage return before one). An exported cell that starts so gets a leading apostrophe, which
 * every one of them shows as text; the apostrophe is taken off again on import, so export → import
 * is the identity. A value already starting with apostrophes before such a character gets one more,
 * which keeps the mapping one-to-one.
 */
const FORMULA_START = /^'*[=+\-@\t\r＝＋－＠]/;
const GUARDED = /^''*[=+\-@\t\r＝＋－＠]/;

/** The cell as written to a CSV file: safe to open in a spreadsheet. */
export function guardFormulaCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** The value a guarded cell stands for (the inverse of guardFormulaCell). */
export function unguardFormulaCell(cell: string): string {
  return GUARDED.test(cell) ? cell.slice(1) : cell;
}
