/**
 * Import and export of the registry: the whole registry as JSON (dates as YYYY-MM-DD, hours as
 * HH:MM), and residents alone as CSV. An import is validated completely before anything is
 * written: every problem is reported with its file, line and field, and a file with any problem
 * changes nothing.
 */
import { KofuError, type ParamsOf } from '../bytes/errors.ts';
import type { ImportProblemCode, ImportProblemParams, RegistryErrorParams } from './errors.ts';
import { dayFromIso, isoFromDay } from '../documents/dates.ts';
import { CERTIFICATE_KINDS } from '../documents/types.ts';
import { glyphProblem } from './glyphs.ts';
import type { RegistrySnapshot, Resident } from './model.ts';
import type { Registry } from './registry.ts';
import { guardFormulaCell, unguardFormulaCell } from './csv-cells.ts';
import { TextFormatError, parseCsv, parseJsonWithLines, toCsv } from './text-formats.ts';
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

const MAX_PROBLEMS = 100;

// ── A small declarative schema: checks types, converts dates and times, and reports paths. ──

type Spec =
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
const problem = <Code extends ImportProblemCode>(code: Code, params: ParamsOf<ImportProblemParams, Code>): ProblemText => ({ code, params });

class Checker {
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

const ISO_DATE = { pattern: /^\d{4}-\d{2}-\d{2}$/, description: 'YYYY-MM-DD' };
const SEX = { oneOf: ['M', 'F'] } as const;
const HOURS: Spec = { fields: { open: ['time'], close: ['time'], weekdaysOnly: ['bool'] } };
const EVENT: Spec = { fields: { label: ['nonEmpty'], date: ['date'], detail: ['text'] } };
const FOREIGN: Spec = { fields: { nationality: ['nonEmpty'], category: ['nonEmpty'], status: ['nonEmpty'], periodEnd: ['date'], cardNumber: ['nonEmpty'] } };
const RESIDENT_FIELDS = {
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

const SNAPSHOT: Spec = {
  fields: {
    format: [{ oneOf: ['kofu-registry'] }],
    version: [{ literal: 1 }],
    municipalities: [
      {
        list: {
          fields: {
            code: [{ pattern: /^\d{6}$/, description: '6桁 / 6 digits' }],
            prefecture: ['nonEmpty'],
            name: ['nonEmpty'],
            mayorTitle: ['nonEmpty'],
            mayorName: ['nonEmpty'],
            sealText: ['nonEmpty'],
            fees: [{ fields: Object.fromEntries(CERTIFICATE_KINDS.map((k) => [k, ['int']])) as Record<string, readonly [Spec]> }],
            hours: [HOURS],
            kosekiHours: [HOURS, 'optional'],
            closedPeriods: [{ list: { fields: { from: [{ pattern: /^\d{2}-\d{2}$/, description: 'MM-DD' }], to: [{ pattern: /^\d{2}-\d{2}$/, description: 'MM-DD' }] } } }],
            closedDates: [{ list: ISO_DATE }],
            glyphs: [{ list: { fields: { cluster: ['nonEmpty'], source: [{ oneOf: ['ipamj', 'gaiji'] }], outline: [{ pattern: /^[A-Za-z0-9+/]+={0,2}$/, description: 'Base64' }] } } }, 'optional'],
          },
        },
      },
    ],
    households: [{ list: { fields: { id: ['nonEmpty'], municipality: ['nonEmpty'], address: ['nonEmpty'], headId: ['nonEmpty'] } } }],
    residents: [{ list: { fields: RESIDENT_FIELDS } }],
    seals: [
      {
        list: {
          fields: {
            residentId: ['nonEmpty'],
            registrationNumber: ['nonEmpty'],
            registeredOn: ['date'],
            impression: [{ fields: { type: [{ oneOf: ['text', 'bitmap'] }], text: ['nonEmpty', 'optional'], shape: [{ oneOf: ['round', 'square'] }, 'optional'], width: ['int', 'optional'], height: ['int', 'optional'], bitsBase64: ['text', 'optional'] } }],
          },
        },
      },
    ],
    taxes: [
      {
        list: {
          fields: {
            residentId: ['nonEmpty'],
            fiscalYear: ['int'],
            addressOnJan1: ['nonEmpty'],
            figures: [{ fields: Object.fromEntries(['salaryRevenue', 'salaryIncome', 'otherIncome', 'totalIncome', 'deductions', 'taxableIncome', 'dependents', 'municipalPerCapita', 'municipalIncomeLevy', 'prefecturalPerCapita', 'prefecturalIncomeLevy'].map((k) => [k, ['int']])) as Record<string, readonly [Spec]> }],
          },
        },
      },
    ],
    koseki: [
      {
        list: {
          fields: {
            id: ['nonEmpty'],
            municipality: ['nonEmpty'],
            honseki: ['nonEmpty'],
            hittosha: ['nonEmpty'],
            events: [{ list: EVENT }],
            members: [
              {
                list: {
                  fields: {
                    residentId: ['nonEmpty', 'optional'],
                    name: ['nonEmpty'],
                    birth: ['date'],
                    sex: [SEX],
                    father: ['text', 'optional'],
                    mother: ['text', 'optional'],
                    relationship: ['nonEmpty'],
                    events: [{ list: EVENT }],
                    removed: ['bool', 'optional'],
                    addressHistory: [{ list: { fields: { address: ['nonEmpty'], setOn: ['date'] } } }],
                  },
                },
              },
            ],
          },
        },
      },
    ],
  },
};

/** Hours are HH:MM in files and minutes in the model. */
function hoursFromFile(h: { open: number; close: number; weekdaysOnly: boolean }) {
  return { openMinutes: h.open, closeMinutes: h.close, weekdaysOnly: h.weekdaysOnly };
}
const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/** Rules that span records: unique ids, references, check digits. */
function crossCheck(s: RegistrySnapshot, c: Checker, pathOf: (collection: string, index: number, field: string) => string): void {
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

function checkedSnapshot(value: unknown, c: Checker): RegistrySnapshot | undefined {
  const raw = c.read(SNAPSHOT, value, '') as Record<string, unknown> | undefined;
  if (c.problems.length || !raw) return undefined;
  const snapshot = {
    ...raw,
    version: 1,
    municipalities: (raw.municipalities as Record<string, unknown>[]).map((m) => ({
      ...m,
      hours: hoursFromFile(m.hours as never),
      ...(m.kosekiHours ? { kosekiHours: hoursFromFile(m.kosekiHours as never) } : {}),
    })),
  } as unknown as RegistrySnapshot;
  crossCheck(snapshot, c, (collection, index, field) => `${collection}[${index}].${field}`);
  return c.problems.length ? undefined : snapshot;
}

function syntaxProblem(file: string, error: unknown): ImportError {
  const line = error instanceof TextFormatError ? error.line : 0;
  const detail = error instanceof Error ? error.message : String(error);
  return new ImportError([{ file, line, field: '', ...problem('import.malformed-file', { detail }) }]);
}

/** Parses and validates a registry JSON file; throws ImportError listing every problem. */
export function parseRegistryJson(text: string, file = 'registry.json'): RegistrySnapshot {
  let parsed: ReturnType<typeof parseJsonWithLines>;
  try {
    parsed = parseJsonWithLines(text);
  } catch (error) {
    throw syntaxProblem(file, error);
  }
  const c = new Checker(file, (path) => parsed.lines.get(path) ?? 0);
  const snapshot = checkedSnapshot(parsed.value, c);
  if (!snapshot) throw new ImportError(c.problems);
  return snapshot;
}

/** Validates fully, then replaces the registry in one step: a bad file changes nothing. */
export async function importRegistryJson(registry: Registry, text: string, file = 'registry.json'): Promise<RegistrySnapshot> {
  const snapshot = parseRegistryJson(text, file);
  await registry.replaceAll(snapshot);
  return snapshot;
}

const DATE_KEYS = new Set(['birth', 'becameResidentOn', 'addressSetOn', 'reportedOn', 'deceasedOn', 'movingOutOn', 'periodEnd', 'registeredOn', 'date', 'setOn']);

export function exportRegistryJson(snapshot: RegistrySnapshot): string {
  const convert = (value: unknown, key = ''): unknown => {
    if (Array.isArray(value)) return value.map((v) => convert(v));
    if (value && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) {
        if (v === undefined) continue;
        if ((k === 'hours' || k === 'kosekiHours') && v) {
          const h = v as { openMinutes: number; closeMinutes: number; weekdaysOnly: boolean };
          out[k] = { open: hhmm(h.openMinutes), close: hhmm(h.closeMinutes), weekdaysOnly: h.weekdaysOnly };
        } else out[k] = convert(v, k);
      }
      return out;
    }
    if (typeof value === 'number' && DATE_KEYS.has(key)) return isoFromDay(value);
    return value;
  };
  return `${JSON.stringify(convert(snapshot), null, 2)}\n`;
}

// ── Residents as CSV ──

/** Column order of residents.csv. Booleans are 1/0 (or empty), dates YYYY-MM-DD, empty = absent. */
export const RESIDENT_COLUMNS = [
  'id', 'municipality', 'householdId', 'name', 'kana', 'birth', 'sex', 'relationship', 'becameResidentOn', 'addressSetOn', 'reportedOn',
  'previousAddress', 'honsekiMunicipality', 'kosekiId', 'myNumber', 'deceasedOn', 'movingOutOn', 'dvSupport', 'kosekiKioskRegistered',
  'nationality', 'category', 'status', 'periodEnd', 'cardNumber', 'cardCertificates',
] as const;
type Column = (typeof RESIDENT_COLUMNS)[number];

/** Field paths of the JSON schema, named as residents.csv columns. */
function csvColumn(path: string): string {
  const bare = path.replace(/\[\d+\]$/, '');
  const nested: Record<string, Column> = { 'honseki.municipality': 'honsekiMunicipality', 'honseki.kosekiId': 'kosekiId', honseki: 'kosekiId', 'foreign.nationality': 'nationality', 'foreign.category': 'category', 'foreign.status': 'status', 'foreign.periodEnd': 'periodEnd', 'foreign.cardNumber': 'cardNumber' };
  return nested[bare] ?? bare;
}

export function exportResidentsCsv(residents: readonly Resident[]): string {
  const rows: string[][] = [[...RESIDENT_COLUMNS]];
  const d = (day: number | undefined) => (day === undefined ? '' : isoFromDay(day));
  const b = (v: boolean | undefined) => (v ? '1' : '');
  for (const r of residents) {
    const values: Record<Column, string> = {
      id: r.id, municipality: r.municipality, householdId: r.householdId, name: r.name, kana: r.kana, birth: d(r.birth), sex: r.sex, relationship: r.relationship,
      becameResidentOn: d(r.becameResidentOn), addressSetOn: d(r.addressSetOn), reportedOn: d(r.reportedOn), previousAddress: r.previousAddress ?? '',
      honsekiMunicipality: r.honseki?.municipality ?? '', kosekiId: r.honseki?.kosekiId ?? '', myNumber: r.myNumber ?? '', deceasedOn: d(r.deceasedOn),
      movingOutOn: d(r.movingOutOn), dvSupport: b(r.dvSupport), kosekiKioskRegistered: b(r.kosekiKioskRegistered), nationality: r.foreign?.nationality ?? '',
      category: r.foreign?.category ?? '', status: r.foreign?.status ?? '', periodEnd: d(r.foreign?.periodEnd), cardNumber: r.foreign?.cardNumber ?? '',
      cardCertificates: r.cardCertificates.join(' '),
    };
    rows.push(RESIDENT_COLUMNS.map((c) => guardFormulaCell(values[c])));
  }
  return toCsv(rows);
}

/** Parses residents.csv against the rest of `base` (households, 戸籍 …) and returns the new snapshot. */
export function parseResidentsCsv(text: string, base: RegistrySnapshot, file = 'residents.csv'): RegistrySnapshot {
  let records: ReturnType<typeof parseCsv>;
  try {
    records = parseCsv(text);
  } catch (error) {
    throw syntaxProblem(file, error);
  }
  const problems: ImportProblem[] = [];
  const header = records[0]?.fields ?? [];
  const missing = RESIDENT_COLUMNS.filter((c) => !header.includes(c));
  const unknown = header.filter((h) => !(RESIDENT_COLUMNS as readonly string[]).includes(h));
  if (missing.length || unknown.length) {
    throw new ImportError([{ file, line: 1, field: [...missing, ...unknown].join(', '), ...problem('import.bad-header', { missing, unknown }) }]);
  }
  const residents: Resident[] = [];
  const lineOfRow: number[] = [];
  for (const record of records.slice(1)) {
    const c = new Checker(file, () => record.line);
    if (record.fields.length !== header.length) {
      c.report('', problem('import.field-count', { count: record.fields.length, needed: header.length }));
      problems.push(...c.problems);
      continue;
    }
    const cell = (name: Column) => unguardFormulaCell(record.fields[header.indexOf(name)]);
    const opt = (name: Column) => (cell(name) === '' ? undefined : cell(name));
    const flag = (name: Column): boolean | undefined => {
      const v = cell(name);
      if (v === '' || v === '0') return undefined;
      if (v === '1') return true;
      c.report(name, problem('import.bad-flag', {}));
      return undefined;
    };
    const candidate: Record<string, unknown> = {
      id: cell('id'), municipality: cell('municipality'), householdId: cell('householdId'), name: cell('name'), kana: cell('kana'), birth: cell('birth'), sex: cell('sex'),
      relationship: cell('relationship'), becameResidentOn: cell('becameResidentOn'), addressSetOn: cell('addressSetOn'), reportedOn: cell('reportedOn'),
      previousAddress: opt('previousAddress'), myNumber: opt('myNumber'), deceasedOn: opt('deceasedOn'), movingOutOn: opt('movingOutOn'),
      dvSupport: flag('dvSupport'), kosekiKioskRegistered: flag('kosekiKioskRegistered'),
      cardCertificates: cell('cardCertificates').split(/\s+/).filter(Boolean),
    };
    if (opt('honsekiMunicipality') || opt('kosekiId')) candidate.honseki = { municipality: cell('honsekiMunicipality'), kosekiId: cell('kosekiId') };
    if (opt('nationality') || opt('status') || opt('cardNumber') || opt('periodEnd') || opt('category')) {
      candidate.foreign = { nationality: cell('nationality'), category: cell('category'), status: cell('status'), periodEnd: cell('periodEnd'), cardNumber: cell('cardNumber') };
    }
    const resident = c.read({ fields: RESIDENT_FIELDS }, candidate, '') as Resident | undefined;
    problems.push(...c.problems.map((p) => ({ ...p, field: csvColumn(p.field) })));
    if (resident && !c.problems.length) {
      residents.push(resident);
      lineOfRow.push(record.line);
    }
  }
  if (problems.length) throw new ImportError(problems.slice(0, MAX_PROBLEMS));
  const snapshot: RegistrySnapshot = { ...base, residents };
  const c = new Checker(file, () => 0);
  crossCheck(snapshot, c, (collection, index, field) => (collection === 'residents' ? `${field}@${lineOfRow[index]}` : `${collection}[${index}].${field}`));
  if (c.problems.length) {
    throw new ImportError(
      c.problems.map((p) => {
        const at = /^(.*)@(\d+)$/.exec(p.field);
        return at ? { ...p, field: csvColumn(at[1]), line: Number(at[2]) } : p;
      }),
    );
  }
  return snapshot;
}

export async function importResidentsCsv(registry: Registry, text: string, file = 'residents.csv'): Promise<RegistrySnapshot> {
  const snapshot = parseResidentsCsv(text, await registry.snapshot(), file);
  await registry.replaceAll(snapshot);
  return snapshot;
}

/**
 * The checks of parseRegistryJson over a value already parsed without line numbers (the engine's
 * `JSON.parse`, many times faster on a city-sized file): the snapshot when the file is valid,
 * undefined when it has any problem — the caller then runs parseRegistryJson, which lists every
 * problem with its line.
 */
export function checkRegistryValue(value: unknown, file = 'registry.json'): RegistrySnapshot | undefined {
  return checkedSnapshot(value, new Checker(file, () => 0));
}
