/**
 * The compact, deterministic seal content of a certificate: a tree of Maps with small integer
 * keys, integers, text and byte strings, ready for deterministic CBOR (RFC 8949 §4.2.1). The
 * seal issue encodes and signs it; the verifier decodes it and hands `fromSealContent`'s result to
 * the same renderer that drew the front.
 *
 * The layout of the content is described once, as schemas below, and both directions walk the
 * same schema, so they cannot drift apart. Rules that keep old seals readable:
 *   - keys and dictionary entries are append-only; never renumber or reorder them;
 *   - absent optional fields are left out (no nulls);
 *   - dates are day numbers (days since 1970-01-01), enums are their index.
 */
import { KofuError, type ParamsOf } from '../bytes/errors.ts';
import type { DocumentsErrorCode, DocumentsErrorParams } from './errors.ts';
import {
  CERTIFICATE_KINDS,
  RENDER_VERSION,
  SUPPORTED_RENDER_VERSIONS,
  TAX_KINDS,
  type Certificate,
} from './types.ts';

export class SealContentError<Code extends DocumentsErrorCode = DocumentsErrorCode> extends KofuError<Code, ParamsOf<DocumentsErrorParams, Code>> {
  override readonly name = 'SealContentError';
}

/** A CBOR-ready value: what `toSealContent` returns and `fromSealContent` accepts. */
export type SealValue = number | string | boolean | Uint8Array | SealValue[] | Map<number, SealValue>;

/** Append-only dictionaries: a listed string travels as its index (one byte instead of 6–30). */
const RELATIONSHIPS = ['世帯主', '妻', '夫', '子', '父', '母', '孫', '祖父', '祖母', '兄', '姉', '弟', '妹', '同居人', '縁故者', '妻の子', '夫の子', '子の妻', '子の夫', '父の妻', '母の夫', '長男', '長女', '二男', '二女', '三男', '三女'];
const KOSEKI_LABELS = ['出生', '婚姻', '死亡', '戸籍編製', '転籍', '養子縁組', '離婚', '入籍', '除籍', '認知', '氏の変更', '名の変更', '国籍取得', '帰化', '分籍', '改製'];
const FOREIGN_CATEGORIES = ['中長期在留者', '特別永住者', '一時庇護許可者', '仮滞在許可者', '出生による経過滞在者', '国籍喪失による経過滞在者'];
const RESIDENCE_STATUSES = ['永住者', '技術・人文知識・国際業務', '家族滞在', '留学', '日本人の配偶者等', '永住者の配偶者等', '定住者', '特定技能1号', '特定技能2号', '技能実習', '高度専門職1号ロ', '経営・管理', '教授', '特定活動'];

type FieldType =
  | 'str'
  | 'int'
  | 'day'
  | 'bytes'
  | 'bool'
  | { readonly dict: readonly string[] }
  | { readonly enum: readonly string[] }
  | { readonly code6: true }
  | { readonly record: Schema }
  | { readonly list: FieldType }
  | { readonly union: Readonly<Record<string, Schema>>; readonly tag: string; readonly tags: readonly string[] };

interface Field {
  readonly key: number;
  readonly name: string;
  readonly type: FieldType;
  readonly optional?: boolean;
}
type Schema = readonly Field[];

const f = (key: number, name: string, type: FieldType, optional = false): Field => ({ key, name, type, optional });

const ISSUER: Schema = [f(0, 'code', { code6: true }), f(1, 'name', 'str'), f(2, 'mayorTitle', 'str'), f(3, 'mayorName', 'str'), f(4, 'sealText', 'str')];

const FOREIGN: Schema = [
  f(0, 'nationality', 'str'),
  f(1, 'category', { dict: FOREIGN_CATEGORIES }),
  f(2, 'status', { dict: RESIDENCE_STATUSES }),
  f(3, 'periodEnd', 'day'),
  f(4, 'cardNumber', 'str'),
];

const PERSON: Schema = [
  f(0, 'name', 'str'),
  f(1, 'kana', 'str', true),
  f(2, 'birth', 'day'),
  f(3, 'sex', { enum: ['M', 'F'] }),
  f(4, 'relationship', { dict: RELATIONSHIPS }, true),
  f(5, 'becameResidentOn', 'day'),
  f(6, 'addressSetOn', 'day'),
  f(7, 'reportedOn', 'day', true),
  f(8, 'previousAddress', 'str', true),
  f(9, 'honseki', 'str', true),
  f(10, 'hittosha', 'str', true),
  f(11, 'myNumber', 'str', true),
  f(12, 'foreign', { record: FOREIGN }, true),
];

const EVENT: Schema = [f(0, 'label', { dict: KOSEKI_LABELS }), f(1, 'date', 'day'), f(2, 'detail', 'str')];

/**
 * The `members` list of the koseki family certificates (戸籍謄本・抄本 and 戸籍の附票): every
 * member record opens with name, birth and sex (keys 0–2); each certificate adds its own fields
 * from key 3 on.
 */
const familyMembers = (key: number, more: Schema): Field =>
  f(key, 'members', { list: { record: [f(0, 'name', 'str'), f(1, 'birth', 'day'), f(2, 'sex', { enum: ['M', 'F'] }), ...more] } });

const IMPRESSION_TEXT: Schema = [f(1, 'text', 'str'), f(2, 'shape', { enum: ['round', 'square'] })];
const IMPRESSION_BITMAP: Schema = [f(1, 'width', 'int'), f(2, 'height', 'int'), f(3, 'bits', 'bytes')];

/** Keys 0–3 are shared by every kind; kind-specific keys start at 4. */
/** Key 30 (optional, every kind): the carried glyph outlines, absent when the font draws every character. */
const CARRIED_GLYPH: Schema = [f(0, 'cluster', 'str'), f(1, 'outline', 'bytes')];
const COMMON: Schema = [f(1, 'renderVersion', 'int'), f(2, 'serial', 'str'), f(3, 'issuedOn', 'day'), f(4, 'issuer', { record: ISSUER }), f(30, 'glyphs', { list: { record: CARRIED_GLYPH } }, true)];

const BY_KIND: Record<string, Schema> = {
  juminhyo: [
    ...COMMON,
    f(5, 'scope', { enum: ['self', 'household', 'some'] }),
    f(6, 'address', 'str'),
    f(7, 'householder', 'str', true),
    f(8, 'persons', { list: { record: PERSON } }),
  ],
  inkan: [
    ...COMMON,
    f(5, 'registrationNumber', 'str'),
    f(6, 'name', 'str'),
    f(7, 'kana', 'str', true),
    f(8, 'birth', 'day'),
    f(9, 'sex', { enum: ['M', 'F'] }),
    f(10, 'address', 'str'),
    f(11, 'impression', { union: { text: IMPRESSION_TEXT, bitmap: IMPRESSION_BITMAP }, tag: 'type', tags: ['text', 'bitmap'] }),
  ],
  tax: [
    ...COMMON,
    f(5, 'taxKind', { enum: TAX_KINDS }),
    f(6, 'fiscalYear', 'int'),
    f(7, 'name', 'str'),
    f(8, 'birth', 'day'),
    f(9, 'address', 'str'),
    f(10, 'figures', {
      record: [
        f(0, 'salaryRevenue', 'int'),
        f(1, 'salaryIncome', 'int'),
        f(2, 'otherIncome', 'int'),
        f(3, 'totalIncome', 'int'),
        f(4, 'deductions', 'int'),
        f(5, 'taxableIncome', 'int'),
        f(6, 'dependents', 'int'),
        f(7, 'municipalPerCapita', 'int'),
        f(8, 'municipalIncomeLevy', 'int'),
        f(9, 'prefecturalPerCapita', 'int'),
        f(10, 'prefecturalIncomeLevy', 'int'),
      ],
    }),
  ],
  koseki: [
    ...COMMON,
    f(5, 'scope', { enum: ['all', 'individual'] }),
    f(6, 'honseki', 'str'),
    f(7, 'hittosha', 'str'),
    f(8, 'kosekiEvents', { list: { record: EVENT } }),
    familyMembers(9, [
      f(3, 'father', 'str', true),
      f(4, 'mother', 'str', true),
      f(5, 'relationship', { dict: RELATIONSHIPS }),
      f(6, 'events', { list: { record: EVENT } }),
      f(7, 'removed', 'bool', true),
    ]),
  ],
  fuhyo: [
    ...COMMON,
    f(5, 'honseki', 'str'),
    f(6, 'hittosha', 'str'),
    familyMembers(7, [f(3, 'addresses', { list: { record: [f(0, 'address', 'str'), f(1, 'setOn', 'day')] } })]),
  ],
};
BY_KIND.kisai = BY_KIND.juminhyo;

/** Key 0 of the top-level map: the kind's index in CERTIFICATE_KINDS. */
const KIND_KEY = 0;

function contentError(path: string, problem: string): SealContentError {
  return new SealContentError('seal-content.invalid', { path, problem });
}

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v);

type ScalarType = 'str' | 'int' | 'day' | 'bytes' | 'bool';
type Scalar = string | number | Uint8Array | boolean;

/** The scalar field types travel as they are, both ways: only their JavaScript type is checked. */
function checkScalar(type: ScalarType, value: unknown, path: string): Scalar {
  switch (type) {
    case 'str':
      if (typeof value !== 'string') throw contentError(path, 'not text');
      return value;
    case 'int':
    case 'day':
      if (!isInt(value)) throw contentError(path, 'not an integer');
      return value;
    case 'bytes':
      if (!(value instanceof Uint8Array)) throw contentError(path, 'not bytes');
      return value;
    case 'bool':
      if (typeof value !== 'boolean') throw contentError(path, 'not a boolean');
      return value;
  }
}

const isScalarType = (type: FieldType): type is ScalarType => typeof type === 'string';

function encodeValue(type: FieldType, value: unknown, path: string): SealValue {
  if (isScalarType(type)) return checkScalar(type, value, path);
  if ('dict' in type) {
    if (typeof value !== 'string') throw contentError(path, 'not text');
    const index = type.dict.indexOf(value);
    return index >= 0 ? index : value;
  }
  if ('enum' in type) {
    const index = type.enum.indexOf(value as string);
    if (index < 0) throw contentError(path, `not one of ${type.enum.join('/')}`);
    return index;
  }
  if ('code6' in type) {
    if (typeof value !== 'string' || !/^\d{6}$/.test(value)) throw contentError(path, 'not a 6-digit code');
    return Number(value);
  }
  if ('record' in type) return encodeRecord(type.record, value, path);
  if ('list' in type) {
    if (!Array.isArray(value)) throw contentError(path, 'not a list');
    return value.map((item, i) => encodeValue(type.list, item, `${path}[${i}]`));
  }
  const tagValue = (value as Record<string, unknown> | null)?.[type.tag];
  const tagIndex = type.tags.indexOf(tagValue as string);
  if (tagIndex < 0) throw contentError(path, `unknown ${type.tag}`);
  const map = encodeRecord(type.union[type.tags[tagIndex]], value, path);
  map.set(0, tagIndex);
  return sortMap(map);
}

function sortMap(map: Map<number, SealValue>): Map<number, SealValue> {
  return new Map([...map].sort((a, b) => a[0] - b[0]));
}

function encodeRecord(schema: Schema, value: unknown, path: string): Map<number, SealValue> {
  if (typeof value !== 'object' || value === null) throw contentError(path, 'not a record');
  const record = value as Record<string, unknown>;
  const map = new Map<number, SealValue>();
  for (const field of schema) {
    const v = record[field.name];
    if (v === undefined) {
      if (!field.optional) throw contentError(`${path}.${field.name}`, 'missing');
      continue;
    }
    map.set(field.key, encodeValue(field.type, v, `${path}.${field.name}`));
  }
  return map;
}

/** Reads key `k` of a decoded map: a Map (cborg `useMaps: true`) or an object with "0", "1"… keys. */
function entriesOf(value: unknown, path: string): Map<number, unknown> {
  if (value instanceof Map) {
    for (const key of value.keys()) if (!isInt(key)) throw contentError(path, 'non-integer key');
    return value as Map<number, unknown>;
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array)) {
    const map = new Map<number, unknown>();
    for (const [k, v] of Object.entries(value)) {
      if (!/^(0|[1-9]\d*)$/.test(k)) throw contentError(path, 'non-integer key');
      map.set(Number(k), v);
    }
    return map;
  }
  throw contentError(path, 'not a map');
}

function decodeValue(type: FieldType, value: unknown, path: string): unknown {
  if (isScalarType(type)) {
    // CBOR decoders may hand a small integer back as a bigint; a safe one is a plain number.
    if ((type === 'int' || type === 'day') && typeof value === 'bigint' && value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER)) return Number(value);
    return checkScalar(type, value, path);
  }
  if ('dict' in type) {
    if (typeof value === 'string') {
      // A listed word must travel as its index, or two encodings would sign the same certificate.
      if (type.dict.includes(value)) throw contentError(path, 'dictionary word spelled out');
      return value;
    }
    if (!isInt(value) || value < 0 || value >= type.dict.length) throw contentError(path, 'unknown dictionary index');
    return type.dict[value];
  }
  if ('enum' in type) {
    if (!isInt(value) || value < 0 || value >= type.enum.length) throw contentError(path, 'unknown enum value');
    return type.enum[value];
  }
  if ('code6' in type) {
    if (!isInt(value) || value < 0 || value > 999_999) throw contentError(path, 'not a 6-digit code');
    return String(value).padStart(6, '0');
  }
  if ('record' in type) return decodeRecord(type.record, entriesOf(value, path), path, new Set());
  if ('list' in type) {
    if (!Array.isArray(value)) throw contentError(path, 'not a list');
    return value.map((item, i) => decodeValue(type.list, item, `${path}[${i}]`));
  }
  const entries = entriesOf(value, path);
  const tagIndex = entries.get(0);
  if (!isInt(tagIndex) || tagIndex < 0 || tagIndex >= type.tags.length) throw contentError(path, `unknown ${type.tag}`);
  const tag = type.tags[tagIndex];
  return { [type.tag]: tag, ...decodeRecord(type.union[tag], entries, path, new Set([0])) };
}

function decodeRecord(schema: Schema, entries: Map<number, unknown>, path: string, consumed: Set<number>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of schema) {
    if (!entries.has(field.key)) {
      if (!field.optional) throw contentError(`${path}.${field.name}`, 'missing');
      continue;
    }
    consumed.add(field.key);
    out[field.name] = decodeValue(field.type, entries.get(field.key), `${path}.${field.name}`);
  }
  for (const key of entries.keys()) if (!consumed.has(key)) throw contentError(path, `unknown key ${key}`);
  return out;
}

export function toSealContent(certificate: Certificate): Map<number, SealValue> {
  const kindIndex = CERTIFICATE_KINDS.indexOf(certificate.kind);
  if (kindIndex < 0) throw contentError('kind', 'unknown certificate kind');
  const map = encodeRecord(BY_KIND[certificate.kind], certificate, certificate.kind);
  map.set(KIND_KEY, kindIndex);
  return sortMap(map);
}

export function fromSealContent(value: unknown): Certificate {
  const entries = entriesOf(value, 'content');
  const kindIndex = entries.get(KIND_KEY);
  if (!isInt(kindIndex) || kindIndex < 0 || kindIndex >= CERTIFICATE_KINDS.length) throw contentError('kind', 'unknown certificate kind');
  const kind = CERTIFICATE_KINDS[kindIndex];
  const record = decodeRecord(BY_KIND[kind], entries, kind, new Set([KIND_KEY]));
  if (!SUPPORTED_RENDER_VERSIONS.includes(record.renderVersion as number)) {
    throw new SealContentError('seal-content.render-version', { renderVersion: String(record.renderVersion) });
  }
  // Version 1 never carried outlines: two encodings of one certificate must not exist.
  if (record.renderVersion === RENDER_VERSION && record.glyphs !== undefined) throw contentError('glyphs', 'not in render version 1');
  return { kind, ...record } as unknown as Certificate;
}
