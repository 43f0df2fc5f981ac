/**
 * Import and export of the whole registry as JSON (dates as YYYY-MM-DD, hours as HH:MM), for
 * registry files and backups. An import is validated completely before anything is written
 * (import-check.ts): every problem is reported with its file, line and field, and a file with any
 * problem changes nothing. The residents alone as CSV: residents-csv.ts.
 */
import { isoFromDay } from '../documents/dates.ts';
import { CERTIFICATE_KINDS } from '../documents/types.ts';
import { Checker, ImportError, RESIDENT_FIELDS, SEX, crossCheck, syntaxProblem, type Spec } from './import-check.ts';
import type { RegistrySnapshot } from './model.ts';
import type { Registry } from './registry.ts';
import { parseJsonWithLines } from './text-formats.ts';

const ISO_DATE = { pattern: /^\d{4}-\d{2}-\d{2}$/, description: 'YYYY-MM-DD' };
const HOURS: Spec = { fields: { open: ['time'], close: ['time'], weekdaysOnly: ['bool'] } };
const EVENT: Spec = { fields: { label: ['nonEmpty'], date: ['date'], detail: ['text'] } };
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

/**
 * The checks of parseRegistryJson over a value already parsed without line numbers (the engine's
 * `JSON.parse`, many times faster on a city-sized file): the snapshot when the file is valid,
 * undefined when it has any problem — the caller then runs parseRegistryJson, which lists every
 * problem with its line.
 */
export function checkRegistryValue(value: unknown, file = 'registry.json'): RegistrySnapshot | undefined {
  return checkedSnapshot(value, new Checker(file, () => 0));
}
