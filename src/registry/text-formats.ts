/**
 * Parsers that remember where each value came from, so an import can say "residents.csv line 7,
 * field birth" instead of "invalid data": a JSON parser (RFC 8259) that records the line of every
 * value by its path, and a CSV parser (RFC 4180: quoted fields, doubled quotes, CRLF or LF, line
 * breaks inside quotes) that records the line each record starts on.
 */

export class TextFormatError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

/** Parses JSON and returns the value with a map from path (`residents[3].birth`) to line number. */
export function parseJsonWithLines(text: string): { value: unknown; lines: Map<string, number> } {
  const lines = new Map<string, number>();
  let at = 0;
  let line = 1;
  const fail = (what: string): never => {
    throw new TextFormatError(line, what);
  };
  const skip = () => {
    while (at < text.length) {
      const ch = text[at];
      if (ch === '\n') line++;
      else if (ch !== ' ' && ch !== '\t' && ch !== '\r') break;
      at++;
    }
  };
  const parseString = (): string => {
    at++; // opening quote
    let out = '';
    while (at < text.length) {
      const ch = text[at++];
      if (ch === '"') return out;
      if (ch === '\n') fail('line break inside a string');
      if (ch === '\\') {
        const esc = text[at++];
        const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (esc in simple) out += simple[esc];
        else if (esc === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(at, at + 4))) {
          out += String.fromCharCode(parseInt(text.slice(at, at + 4), 16));
          at += 4;
        } else fail('bad escape in a string');
      } else out += ch;
    }
    return fail('unterminated string');
  };
  const parseValue = (path: string): unknown => {
    skip();
    lines.set(path, line);
    const ch = text[at];
    if (ch === '{') {
      at++;
      const obj: Record<string, unknown> = {};
      skip();
      if (text[at] === '}') {
        at++;
        return obj;
      }
      for (;;) {
        skip();
        if (text[at] !== '"') fail('expected a "name" in an object');
        const key = parseString();
        skip();
        if (text[at++] !== ':') fail(`expected ':' after "${key}"`);
        // Defined, not assigned: `obj["__proto__"] = …` would set the prototype instead (and its
        // fields would then be read as if present); defined, it is an own key like any other.
        Object.defineProperty(obj, key, { value: parseValue(path ? `${path}.${key}` : key), enumerable: true, writable: true, configurable: true });
        skip();
        const next = text[at++];
        if (next === '}') return obj;
        if (next !== ',') fail("expected ',' or '}'");
      }
    }
    if (ch === '[') {
      at++;
      const arr: unknown[] = [];
      skip();
      if (text[at] === ']') {
        at++;
        return arr;
      }
      for (;;) {
        arr.push(parseValue(`${path}[${arr.length}]`));
        skip();
        const next = text[at++];
        if (next === ']') return arr;
        if (next !== ',') fail("expected ',' or ']'");
      }
    }
    if (ch === '"') return parseString();
    const literal = /^(true|false|null|-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?)/.exec(text.slice(at, at + 40));
    if (!literal) return fail('unexpected character');
    at += literal[0].length;
    return JSON.parse(literal[0]) as unknown;
  };
  if (text.charCodeAt(0) === 0xfeff) at = 1; // a BOM from Windows editors
  const value = parseValue('');
  skip();
  if (at < text.length) fail('unexpected text after the end');
  return { value, lines };
}

export interface CsvRecord {
  /** Line on which the record starts (1-based, counting the header as line 1). */
  readonly line: number;
  readonly fields: readonly string[];
}

export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let at = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  while (at < text.length) {
    const start = line;
    const fields: string[] = [];
    for (;;) {
      let field = '';
      if (text[at] === '"') {
        at++;
        for (;;) {
          if (at >= text.length) throw new TextFormatError(start, 'unterminated quoted field');
          const ch = text[at++];
          if (ch === '"') {
            if (text[at] === '"') {
              field += '"';
              at++;
            } else break;
          } else {
            if (ch === '\n') line++;
            field += ch;
          }
        }
        if (at < text.length && text[at] !== ',' && text[at] !== '\n' && text[at] !== '\r') throw new TextFormatError(line, 'text after a closing quote');
      } else {
        while (at < text.length && text[at] !== ',' && text[at] !== '\n' && text[at] !== '\r') field += text[at++];
      }
      fields.push(field);
      if (text[at] === ',') {
        at++;
        continue;
      }
      if (text[at] === '\r') at++;
      if (text[at] === '\n') at++;
      line++;
      break;
    }
    if (!(fields.length === 1 && fields[0] === '')) records.push({ line: start, fields });
  }
  return records;
}

const needsQuotes = /[",\r\n]/;
export function toCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => row.map((f) => (needsQuotes.test(f) ? `"${f.replace(/"/g, '""')}"` : f)).join(',')).join('\r\n') + '\r\n';
}
