/**
 * Field-level checks shared by import and demo data.
 */

/**
 * 個人番号 check digit (番号法施行令 第8条 / 総務省令第85号第5条): with Pn the n-th digit from the
 * right of the first 11 digits and Qn = n+1 (n ≤ 6) or n−5 (n ≥ 7), r = Σ Pn·Qn mod 11 and the
 * check digit is 0 when r ≤ 1, else 11 − r.
 */
export function myNumberCheckDigit(first11: string): number {
  if (!/^\d{11}$/.test(first11)) throw new RangeError('need 11 digits');
  let sum = 0;
  for (let n = 1; n <= 11; n++) {
    const p = Number(first11[11 - n]);
    const q = n <= 6 ? n + 1 : n - 5;
    sum += p * q;
  }
  const r = sum % 11;
  return r <= 1 ? 0 : 11 - r;
}

export function withMyNumberCheckDigit(first11: string): string {
  return first11 + String(myNumberCheckDigit(first11));
}

export function isValidMyNumber(text: string): boolean {
  return /^\d{12}$/.test(text) && myNumberCheckDigit(text.slice(0, 11)) === Number(text[11]);
}

/** 全国地方公共団体コード check digit (JIS X 0402): weights 6..2 over the 5 digits, the last digit of 11 − r (Sapporo 01100 → 011002). */
export function municipalityCheckDigit(first5: string): number {
  let sum = 0;
  for (let i = 0; i < 5; i++) sum += Number(first5[i]) * (6 - i);
  const r = sum % 11;
  return (11 - r) % 10;
}

export function isValidMunicipalityCode(code: string): boolean {
  return /^\d{6}$/.test(code) && municipalityCheckDigit(code.slice(0, 5)) === Number(code[5]);
}
