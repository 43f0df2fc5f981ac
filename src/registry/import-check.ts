/**
 * The checks every registry import runs, shared by the registry JSON (transfer.ts) and residents.csv
 * (residents-csv.ts): the problem a file is refused with (file, line, field, code), a small
 * declarative schema (`Spec`, read by `Checker`: types checked, dates and times converted, paths
 * reported), a resident's fields, and the rules that span records (`crossCheck`: unique ids,
 * references, check digits). A file with any problem changes nothing.
 */
import { KofuError, type ParamsOf } from '../bytes/errors.ts';
import { dayFromIso } from '../documents/dates.ts';
import type { ImportProblemCode, ImportProblemParams, RegistryErrorParams } from './errors.ts';
import { glyphProblem } from './glyphs.ts';
import type { RegistrySnapshot } from './model.ts';
import { TextFormatError } from './text-formats.ts';
import { isValidMunicipalityCode, isValidMyNumber } from './validate.ts';

export interface ImportProblem {
  readonly file: string;
  /** 1-based; 0 when the problem concerns the file as a whole. */
  readonly line: number;
  /** The field's path, e.g. `residents[3].birth`, or a CSV column name. */
  readonly field: string;
  /** What is wrong (IMPORT_PROBLEM_CODES), and its dynamic parts; the words are in the UI's catalogue. */
  readonly code: ImportProblemCode;
  readonly params: object;
}

/** A file with problems; the message names the first and counts the rest. */
export class ImportError extends KofuError<'registry.import-invalid', RegistryErrorParams['registry.import-invalid']> {
  override readonly name = 'ImportError';
  constructor(readonly problems: readonly ImportProblem[]) {
    const first = problems[0];
    super('registry.import-invalid', { file: first.file, line: first.line, field: first.field, problem: { code: first.code, params: first.params }, more: problems.length - 1 });
  }
}

/** An import reports at most this many problems: enough to fix a file in one pass, bounded for a city-sized one. */
export const MAX_PROBLEMS = 100;

// ── A small declarative schema: checks types, converts dates and times, and reports paths. ──

export type Spec =
  | 'text'
  | 'nonEmpty'
  | 'date'
  | 'time'
  | 'int'
  | 'bool'
  | { readonly oneOf: readonly string[] }
  | { readonly literal: number }
  | { readonly pattern: RegExp; readonly description: string }
  | { readonly fields: Readonly<Record<string, readonly [Spec, 'optional'?]>> }
  | { readonly list: Spec };

/** A problem's code and params. */
type ProblemText = Pick<ImportProblem, 'code' | 'params'>;
export const problem = <Code extends ImportProblemCode>(code: Code, params: ParamsOf<ImportProblemParams, Code>): ProblemText => ({ code, params });

/** Reads a parsed value against a Spec: converts it to the model and reports every problem with its path and line. */
export class Checker {
  readonly problems: ImportProblem[] = [];
  constructor(
    readonly file: string,
    readonly lineOf: (path: string) => number,
  ) {}
  report(path: string, what: ProblemText, line = this.lineOf(path)): void {
    if (this.problems.length < MAX_PROBLEMS) this.problems.push({ file: this.file, line, field: path, ...what });
  }
  /** Validates `value` and returns it converted to the model (dates → day numbers). */
  read(spec: Spec, value: unknown, path: string): unknown {
    const bad = <Code extends ImportProblemCode>(code: Code, params: ParamsOf<ImportProblemParams, Code>) => {
      this.report(path, problem(code, params));
      return undefined;
    };
    if (spec === 'text' || spec === 'nonEmpty') {
      if (typeof value !== 'string') return bad('import.not-text', {});
      if (spec === 'nonEmpty' && value.trim() === '') return bad('import.empty', {});
      return value;
    }
    if (spec === 'date') {
      if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return bad('import.bad-date-format', {});
      try {
        return dayFromIso(value);
      } catch {
        return bad('import.no-such-date', {});
      }
    }
    if (spec === 'time') {
      const m = typeof value === 'string' ? /^([01]\d|2[0-4]):([0-5]\d)$/.exec(value) : null;
      if (!m || Number(m[1]) * 60 + Number(m[2]) > 24 * 60) return bad('import.bad-time', {});
      return Number(m[1]) * 60 + Number(m[2]);
    }
    if (spec === 'int') {
      if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) return bad('import.not-whole-number', {});
      return value;
    }
    if (spec === 'bool') {
      if (typeof value !== 'boolean') return bad('import.not-boolean', {});
      return value;
    }
    if ('literal' in spec) {
      if (value !== spec.literal) return bad('import.not-literal', { literal: spec.literal });
      return value;
    }
    if ('oneOf' in spec) {
      if (typeof value !== 'string' || !spec.oneOf.includes(value)) return bad('import.not-one-of', { choices: spec.oneOf });
      return value;
    }
    if ('pattern' in spec) {
      if (typeof value !== 'string' || !spec.pattern.test(value)) return bad('import.bad-pattern', { description: spec.description });
      return value;
    }
    if ('list' in spec) {
      if (!Array.isArray(value)) return bad('import.not-list', {});
      return value.map((item, i) => this.read(spec.list, item, `${path}[${i}]`));
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return bad('import.not-object', {});
    const record = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [name, [fieldSpec, optional]] of Object.entries(spec.fields)) {
      const fieldPath = path ? `${path}.${name}` : name;
      // Own properties only: a key such as `__proto__` or `toString` is data, never inherited.
      if (!Object.hasOwn(record, name) || record[name] === undefined || record[name] === null) {
        if (!optional) this.report(fieldPath, problem('import.required', {}), this.lineOf(path));
        continue;
      }
      out[name] = this.read(fieldSpec, record[name], fieldPath);
    }
    for (const name of Object.keys(record)) {
      if (!Object.hasOwn(spec.fields, name)) this.report(path ? `${path}.${name}` : name, problem('import.unknown-field', {}));
    }
    return out;
  }
}

export const SEX = { oneOf: ['M', 'F'] } as const;
const FOREIGN: Spec = { fields: { nationality: ['nonEmpty'], category: ['nonEmpty'], status: ['nonEmpty'], periodEnd: ['date'], cardNumber: ['nonEmpty'] } };
/** A resident's fields, as the registry JSON and residents.csv both hold them. */
export const RESIDENT_FIELDS = {
  id: ['nonEmpty'],
  municipality: ['nonEmpty'],
  householdId: ['nonEmpty'],
  name: ['nonEmpty'],
  kana: ['text'],
  birth: ['date'],
  sex: [SEX],
  relationship: ['nonEmpty'],
  becameResidentOn: ['date'],
  addressSetOn: ['date'],
  reportedOn: ['date'],
  previousAddress: ['text', 'optional'],
  honseki: [{ fields: { municipality: ['nonEmpty'], kosekiId: ['nonEmpty'] } }, 'optional'],
  myNumber: [{ pattern: /^\d{12}$/, description: '12桁 / 12 digits' }, 'optional'],
  foreign: [FOREIGN, 'optional'],
  deceasedOn: ['date', 'optional'],
  movingOutOn: ['date', 'optional'],
  dvSupport: ['bool', 'optional'],
  kosekiKioskRegistered: ['bool', 'optional'],
  cardCertificates: [{ list: { pattern: /^[0-9a-f]{64}$/, description: 'SHA-256 hex' } }],
} as const satisfies Record<string, readonly [Spec, 'optional'?]>;

/** Rules that span records: unique ids, references, check digits. */
export function crossCheck(s: RegistrySnapshot, c: Checker, pathOf: (collection: string, index: number, field: string) => string): void {
  const unique = (collection: string, ids: string[]) => {
    const seen = new Set<string>();
    ids.forEach((id, i) => {
      if (seen.has(id)) c.report(pathOf(collection, i, 'id'), problem('import.duplicate-id', { id }));
      seen.add(id);
    });
  };
  const codes = new Set(s.municipalities.map((m) => m.code));
  s.municipalities.forEach((m, i) => {
    if (!isValidMunicipalityCode(m.code)) c.report(pathOf('municipalities', i, 'code'), problem('import.bad-municipality-check-digit', {}));
    (m.glyphs ?? []).forEach((g, k) => {
      const reason = glyphProblem(g);
      if (reason) c.report(pathOf('municipalities', i, `glyphs[${k}]`), problem('import.bad-glyph', { detail: reason }));
    });
    unique(`municipalities[${i}].glyphs`, (m.glyphs ?? []).map((g) => `${g.source}:${g.cluster}`));
  });
  unique('municipalities', s.municipalities.map((m) => m.code));
  unique('households', s.households.map((h) => h.id));
  unique('residents', s.residents.map((r) => r.id));
  unique('koseki', s.koseki.map((k) => k.id));
  const residents = new Map(s.residents.map((r) => [r.id, r]));
  const households = new Map(s.households.map((h) => [h.id, h]));
  const koseki = new Map(s.koseki.map((k) => [k.id, k]));
  s.households.forEach((h, i) => {
    if (!codes.has(h.municipality)) c.report(pathOf('households', i, 'municipality'), problem('import.unknown-municipality', {}));
    const head = residents.get(h.headId);
    if (!head || head.householdId !== h.id) c.report(pathOf('households', i, 'headId'), problem('import.householder-not-member', {}));
  });
  s.residents.forEach((r, i) => {
    if (!codes.has(r.municipality)) c.report(pathOf('residents', i, 'municipality'), problem('import.unknown-municipality', {}));
    if (!households.has(r.householdId)) c.report(pathOf('residents', i, 'householdId'), problem('import.no-such-household', {}));
    if (r.myNumber && !isValidMyNumber(r.myNumber)) c.report(pathOf('residents', i, 'myNumber'), problem('import.bad-my-number', {}));
    if (r.honseki) {
      const k = koseki.get(r.honseki.kosekiId);
      if (!k) c.report(pathOf('residents', i, 'honseki.kosekiId'), problem('import.no-such-koseki', {}));
      else if (k.municipality !== r.honseki.municipality) c.report(pathOf('residents', i, 'honseki.municipality'), problem('import.koseki-municipality-mismatch', {}));
    }
    if (r.foreign && r.honseki) c.report(pathOf('residents', i, 'honseki'), problem('import.foreign-honseki', {}));
  });
  s.seals.forEach((seal, i) => {
    if (!residents.has(seal.residentId)) c.report(pathOf('seals', i, 'residentId'), problem('import.no-such-resident', {}));
    const imp = seal.impression as unknown as Record<string, unknown>;
    if (imp.type === 'text' && (!imp.text || !imp.shape)) c.report(pathOf('seals', i, 'impression'), problem('import.text-impression-incomplete', {}));
    if (imp.type === 'bitmap') {
      const w = imp.width as number;
      const h = imp.height as number;
      let ok = Number.isInteger(w) && Number.isInteger(h) && w > 0 && h > 0 && w <= 512 && h <= 512 && typeof imp.bitsBase64 === 'string';
      if (ok) {
        try {
          ok = atob(imp.bitsBase64 as string).length === Math.ceil(w / 8) * h;
        } catch {
          ok = false;
        }
      }
      if (!ok) c.report(pathOf('seals', i, 'impression'), problem('import.impression-size-mismatch', {}));
    }
  });
  s.taxes.forEach((t, i) => {
    if (!residents.has(t.residentId)) c.report(pathOf('taxes', i, 'residentId'), problem('import.no-such-resident', {}));
  });
  s.koseki.forEach((k, i) => {
    if (!codes.has(k.municipality)) c.report(pathOf('koseki', i, 'municipality'), problem('import.unknown-municipality', {}));
    k.members.forEach((m, j) => {
      if (m.residentId && !residents.has(m.residentId)) c.report(pathOf('koseki', i, `members[${j}].residentId`), problem('import.no-such-resident', {}));
    });
  });
}

/** A file that does not parse (JSON or CSV syntax): one problem, at the line the parser names. */
export function syntaxProblem(file: string, error: unknown): ImportError {
  const line = error instanceof TextFormatError ? error.line : 0;
  const detail = error instanceof Error ? error.message : String(error);
  return new ImportError([{ file, line, field: '', ...problem('import.malformed-file', { detail }) }]);
}
