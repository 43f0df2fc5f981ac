/**
 * A city-sized registry for benchmarks and load tests: `count` fictional residents in households
 * of one to four, appended to a base registry (the demo data, so its cards still sign in). Every
 * resident is valid for the import checks (src/registry/import-check.ts) and carries a card hash, so
 * the `byCard` index holds as many entries as a real city's would. Deterministic: the same count
 * gives the same registry. Names and addresses are invented; the ids start with `s-`.
 */
import type { Household, RegistrySnapshot, Resident } from '../model.ts';
import { withMyNumberCheckDigit } from '../validate.ts';

const FAMILY = ['山田', '鈴木', '田中', '渡辺', '伊藤', '中村', '小林', '加藤', '吉川', '山本'];
const FAMILY_KANA = ['やまだ', 'すずき', 'たなか', 'わたなべ', 'いとう', 'なかむら', 'こばやし', 'かとう', 'よしかわ', 'やまもと'];
const GIVEN = ['太郎', '花子', '一郎', '陽子', '健', '美穂', '翼', '葵'];
const GIVEN_KANA = ['たろう', 'はなこ', 'いちろう', 'ようこ', 'けん', 'みほ', 'つばさ', 'あおい'];
const RELATIONSHIPS = ['世帯主', '妻', '子', '子'];
/** Day numbers: 1950-01-01 plus up to ~70 years, and a move-in day in 2000–2025. */
const BIRTH_FROM = -7305;
const SETTLED_FROM = 10957;

/** A 64-hex-digit stand-in for the SHA-256 of a card certificate, unique per resident. */
export function syntheticCardHash(index: number): string {
  return `5e${index.toString(16).padStart(62, '0')}`;
}

/** The base registry plus `count` residents of its first municipality; households of 1–4. */
export function syntheticRegistry(base: RegistrySnapshot, count: number): RegistrySnapshot {
  const municipality = base.municipalities[0].code;
  const residents: Resident[] = [];
  const households: Household[] = [];
  let index = 0;
  for (let h = 0; index < count; h++) {
    const householdId = `s-h${h}`;
    const size = Math.min(1 + (h % 4), count - index);
    const family = h % FAMILY.length;
    households.push({ id: householdId, municipality, address: `東都県藤見市試験町${1 + (h % 9)}丁目${1 + (h % 47)}番${1 + (h % 23)}号　${h}`, headId: `s-r${index}` });
    for (let m = 0; m < size; m++, index++) {
      const given = (index * 7) % GIVEN.length;
      const settled = SETTLED_FROM + (index % 9000);
      residents.push({
        id: `s-r${index}`,
        municipality,
        householdId,
        name: `${FAMILY[family]}　${GIVEN[given]}`,
        kana: `${FAMILY_KANA[family]}　${GIVEN_KANA[given]}`,
        birth: BIRTH_FROM + ((index * 7919) % 25000),
        sex: given % 2 === 0 ? 'M' : 'F',
        relationship: RELATIONSHIPS[m],
        becameResidentOn: settled,
        addressSetOn: settled,
        reportedOn: settled + 3,
        myNumber: withMyNumberCheckDigit(String(10_000_000_000 + index).slice(0, 11)),
        cardCertificates: [syntheticCardHash(index)],
      });
    }
  }
  return { ...base, households: [...base.households, ...households], residents: [...base.residents, ...residents] };
}
