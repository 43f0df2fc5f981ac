/**
 * The residents alone as CSV (residents.csv): one row per resident in RESIDENT_COLUMNS order, for
 * staff who keep the residents in a spreadsheet. An import reads the rows against the rest of the
 * registry (households, 戸籍 …) with the same checks as the registry JSON (import-check.ts): every
 * problem is reported with its line and column, and a file with any problem changes nothing.
 */
import { isoFromDay } from '../documents/dates.ts';
import { Checker, ImportError, MAX_PROBLEMS, RESIDENT_FIELDS, crossCheck, problem, syntaxProblem, type ImportProblem } from './import-check.ts';
import type { RegistrySnapshot, Resident } from './model.ts';
import type { Registry } from './registry.ts';
import { guardFormulaCell, unguardFormulaCell } from './csv-cells.ts';
import { parseCsv, toCsv } from './text-formats.ts';

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
