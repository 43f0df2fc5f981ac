/**
 * Demo registry: two fictional municipalities and fifteen fictional residents in six households.
 * Prefecture code 99 does not exist, so the codes (with valid JIS X 0402 check digits) can never
 * collide with a real municipality. The data covers the hard cases the kiosk must handle: a
 * six-person household with a deceased member, children under 15, a foreign resident, a registered
 * seal, two years of tax records, 本籍 inside and outside the municipality (with and without the
 * 利用登録), very long names and addresses, variant kanji (髙, 﨑, 𠮷 — the last is missing from
 * the embedded font and prints from its carried outline), a resident about to move out and one
 * under a DV support measure, and a household whose name and address need an IVS variant of the
 * certificate font (葛 + U+E0100), an MJ variant from the glyph pack (辻 + U+E0102) and 藤見市's
 * own 外字 (U+E000, src/registry/demo-glyphs.ts). Names, numbers and addresses are invented.
 */
import { dayFromIso } from '../documents/dates.ts';
import type { KosekiEvent } from '../documents/types.ts';
import { DEFAULT_CLOSED_PERIODS, DEFAULT_HOURS, type KosekiMemberRecord, type KosekiRecord, type Municipality, type RegistrySnapshot, type Resident, type TaxRecord } from './model.ts';
import { DEMO_GAIJI, DEMO_GLYPHS, DEMO_IVS_TSUJI } from './demo-glyphs.ts';
import { withMyNumberCheckDigit } from './validate.ts';

const d = dayFromIso;

export const FUJIMI = '992011';
export const SHIOMI = '994219';

const municipalities: Municipality[] = [
  {
    code: FUJIMI,
    prefecture: '東都県',
    name: '藤見市',
    mayorTitle: '藤見市長',
    mayorName: '森川　誠一',
    sealText: '藤見市長之印',
    fees: { juminhyo: 200, kisai: 200, inkan: 200, tax: 300, koseki: 350, fuhyo: 200 },
    hours: DEFAULT_HOURS,
    closedPeriods: [...DEFAULT_CLOSED_PERIODS],
    closedDates: [],
    glyphs: DEMO_GLYPHS,
  },
  {
    code: SHIOMI,
    prefecture: '西海県',
    name: '汐見町',
    mayorTitle: '汐見町長',
    mayorName: '浜田　礼子',
    sealText: '汐見町長之印',
    fees: { juminhyo: 300, kisai: 300, inkan: 300, tax: 400, koseki: 450, fuhyo: 300 },
    hours: DEFAULT_HOURS,
    // 汐見町 issues 戸籍 and 附票 at kiosks on weekdays during office hours only.
    kosekiHours: { openMinutes: 9 * 60, closeMinutes: 17 * 60, weekdaysOnly: true },
    closedPeriods: [...DEFAULT_CLOSED_PERIODS],
    closedDates: [],
  },
];

const ADDRESS_TAKAHASHI = '東都県藤見市桜町三丁目4番5号';
const ADDRESS_YOSHIDA = '東都県藤見市梅ヶ丘一丁目2番3号　梅ヶ丘ハイツ101号';
const ADDRESS_NEWMAN = '東都県藤見市港南二丁目15番8号　シーサイドコート藤見502号';
const ADDRESS_TESHIGAWARA =
  '東都県藤見市大字上小田切字西ノ久保新田二丁目千二百三十四番地の五　グランドメゾン藤見ヶ丘パークサイドレジデンス東棟一二〇三号室';
const ADDRESS_SATO = '東都県藤見市緑が丘四丁目7番1号　緑が丘団地3号棟204号';
/** 壄沢 (野沢) written with 藤見市's 外字 for its 壄. */
const ADDRESS_TSUJI = `東都県藤見市${DEMO_GAIJI}沢三丁目8番2号`;

const resident = (r: Omit<Resident, 'municipality' | 'cardCertificates'> & Partial<Pick<Resident, 'cardCertificates'>>): Resident => ({
  municipality: FUJIMI,
  cardCertificates: [],
  ...r,
});

const residents: Resident[] = [
  // H1: six living members and the deceased father; 本籍 in 汐見町 (利用登録 done for 一郎).
  resident({ id: 'r-takahashi-ichiro', householdId: 'h-takahashi', name: '髙橋　一郎', kana: 'たかはし　いちろう', birth: d('1978-06-14'), sex: 'M', relationship: '世帯主', becameResidentOn: d('2010-04-01'), addressSetOn: d('2010-04-01'), reportedOn: d('2010-04-05'), previousAddress: '西海県汐見町大字浜崎123番地', honseki: { municipality: SHIOMI, kosekiId: 'k-takahashi-ichiro' }, myNumber: withMyNumberCheckDigit('12345678901'), kosekiKioskRegistered: true }),
  resident({ id: 'r-takahashi-hanako', householdId: 'h-takahashi', name: '髙橋　花子', kana: 'たかはし　はなこ', birth: d('1980-11-03'), sex: 'F', relationship: '妻', becameResidentOn: d('2010-04-01'), addressSetOn: d('2010-04-01'), reportedOn: d('2010-04-05'), previousAddress: '西海県汐見町大字浜崎123番地', honseki: { municipality: SHIOMI, kosekiId: 'k-takahashi-ichiro' }, myNumber: withMyNumberCheckDigit('23456789012') }),
  resident({ id: 'r-takahashi-kenta', householdId: 'h-takahashi', name: '髙橋　健太', kana: 'たかはし　けんた', birth: d('2006-02-20'), sex: 'M', relationship: '子', becameResidentOn: d('2010-04-01'), addressSetOn: d('2010-04-01'), reportedOn: d('2010-04-05'), previousAddress: '西海県汐見町大字浜崎123番地', honseki: { municipality: SHIOMI, kosekiId: 'k-takahashi-ichiro' }, myNumber: withMyNumberCheckDigit('34567890123') }),
  resident({ id: 'r-takahashi-misaki', householdId: 'h-takahashi', name: '髙橋　美咲', kana: 'たかはし　みさき', birth: d('2014-08-09'), sex: 'F', relationship: '子', becameResidentOn: d('2014-08-09'), addressSetOn: d('2014-08-09'), reportedOn: d('2014-08-18'), honseki: { municipality: SHIOMI, kosekiId: 'k-takahashi-ichiro' }, myNumber: withMyNumberCheckDigit('45678901234') }),
  resident({ id: 'r-takahashi-shota', householdId: 'h-takahashi', name: '髙橋　翔太', kana: 'たかはし　しょうた', birth: d('2018-05-01'), sex: 'M', relationship: '子', becameResidentOn: d('2018-05-01'), addressSetOn: d('2018-05-01'), reportedOn: d('2018-05-10'), honseki: { municipality: SHIOMI, kosekiId: 'k-takahashi-ichiro' }, myNumber: withMyNumberCheckDigit('56789012345') }),
  resident({ id: 'r-takahashi-tome', householdId: 'h-takahashi', name: '髙橋　トメ', kana: 'たかはし　とめ', birth: d('1944-01-15'), sex: 'F', relationship: '母', becameResidentOn: d('2019-04-30'), addressSetOn: d('2019-04-30'), reportedOn: d('2019-05-07'), previousAddress: '西海県汐見町大字浜崎123番地', honseki: { municipality: SHIOMI, kosekiId: 'k-takahashi-tadashi' }, myNumber: withMyNumberCheckDigit('67890123456') }),
  resident({ id: 'r-takahashi-tadashi', householdId: 'h-takahashi', name: '髙橋　正', kana: 'たかはし　ただし', birth: d('1940-09-30'), sex: 'M', relationship: '父', becameResidentOn: d('2019-04-30'), addressSetOn: d('2019-04-30'), reportedOn: d('2019-05-07'), previousAddress: '西海県汐見町大字浜崎123番地', honseki: { municipality: SHIOMI, kosekiId: 'k-takahashi-tadashi' }, deceasedOn: d('2025-02-10') }),
  // H2: 𠮷 (U+20BB7) is not in BIZ UD Mincho; 本籍 in 藤見市; a registered seal and tax records.
  resident({ id: 'r-yoshida-makoto', householdId: 'h-yoshida', name: '𠮷田　誠', kana: 'よしだ　まこと', birth: d('1985-03-12'), sex: 'M', relationship: '世帯主', becameResidentOn: d('2015-10-01'), addressSetOn: d('2015-10-01'), reportedOn: d('2015-10-02'), previousAddress: '東都県東都市中央一丁目1番1号', honseki: { municipality: FUJIMI, kosekiId: 'k-yoshida' }, myNumber: withMyNumberCheckDigit('78901234567') }),
  resident({ id: 'r-yoshida-yumi', householdId: 'h-yoshida', name: '𠮷田　由美', kana: 'よしだ　ゆみ', birth: d('1987-07-07'), sex: 'F', relationship: '妻', becameResidentOn: d('2017-06-01'), addressSetOn: d('2017-06-01'), reportedOn: d('2017-06-01'), previousAddress: '東都県藤見市宮前五丁目3番地　山﨑方', honseki: { municipality: FUJIMI, kosekiId: 'k-yoshida' }, myNumber: withMyNumberCheckDigit('89012345678') }),
  // H3: a foreign resident (no 本籍; 国籍・在留資格 instead).
  resident({ id: 'r-newman-emily', householdId: 'h-newman', name: 'NEWMAN EMILY ROSE', kana: 'ニューマン　エミリー　ローズ', birth: d('1992-12-01'), sex: 'F', relationship: '世帯主', becameResidentOn: d('2023-04-10'), addressSetOn: d('2023-04-10'), reportedOn: d('2023-04-12'), previousAddress: '国外', myNumber: withMyNumberCheckDigit('90123456789'), foreign: { nationality: 'オーストラリア', category: '中長期在留者', status: '技術・人文知識・国際業務', periodEnd: d('2028-04-10'), cardNumber: 'AB12345678CD' } }),
  // H4: a very long name and address; the wife is about to move out (転出予定).
  resident({ id: 'r-teshigawara-saemon', householdId: 'h-teshigawara', name: '勅使河原　左衛門三郎兵衛之助', kana: 'てしがわら　さえもんさぶろうひょうえのすけ', birth: d('1958-01-07'), sex: 'M', relationship: '世帯主', becameResidentOn: d('1989-01-08'), addressSetOn: d('1989-01-08'), reportedOn: d('1989-01-10'), previousAddress: '東都県東都市北区大字上鷺宮字下河原三千八百七十六番地の二十一　コーポ鷺宮第二ハイツ北棟三〇一号室', honseki: { municipality: FUJIMI, kosekiId: 'k-teshigawara' }, myNumber: withMyNumberCheckDigit('11223344556') }),
  resident({ id: 'r-teshigawara-chiyo', householdId: 'h-teshigawara', name: '勅使河原　千代', kana: 'てしがわら　ちよ', birth: d('1961-04-30'), sex: 'F', relationship: '妻', becameResidentOn: d('1989-01-08'), addressSetOn: d('1989-01-08'), reportedOn: d('1989-01-10'), honseki: { municipality: FUJIMI, kosekiId: 'k-teshigawara' }, myNumber: withMyNumberCheckDigit('22334455667'), movingOutOn: d('2026-12-20') }),
  // H5: a DV support measure; 本籍 in 汐見町 without the 利用登録.
  resident({ id: 'r-sato-akemi', householdId: 'h-sato', name: '佐藤　明美', kana: 'さとう　あけみ', birth: d('1983-09-21'), sex: 'F', relationship: '世帯主', becameResidentOn: d('2024-07-01'), addressSetOn: d('2024-07-01'), reportedOn: d('2024-07-03'), honseki: { municipality: SHIOMI, kosekiId: 'k-sato' }, myNumber: withMyNumberCheckDigit('33445566778'), dvSupport: true }),
  // H6: 辻 with 二点しんにょう (MJ, U+8FBB U+E0102), 葛 + U+E0100 (BIZ UD Mincho's own variant), an address with a 外字.
  resident({ id: 'r-tsuji-katsuo', householdId: 'h-tsuji', name: `${DEMO_IVS_TSUJI}　葛\u{E0100}雄`, kana: 'つじ　かつお', birth: d('1971-05-18'), sex: 'M', relationship: '世帯主', becameResidentOn: d('2001-04-01'), addressSetOn: d('2001-04-01'), reportedOn: d('2001-04-02'), previousAddress: `東都県藤見市${DEMO_GAIJI}沢一丁目1番1号`, myNumber: withMyNumberCheckDigit('55667788990') }),
  resident({ id: 'r-sato-hina', householdId: 'h-sato', name: '佐藤　陽菜', kana: 'さとう　ひな', birth: d('2009-03-03'), sex: 'F', relationship: '子', becameResidentOn: d('2024-07-01'), addressSetOn: d('2024-07-01'), reportedOn: d('2024-07-03'), honseki: { municipality: SHIOMI, kosekiId: 'k-sato' }, myNumber: withMyNumberCheckDigit('44556677889') }),
];

const households = [
  { id: 'h-takahashi', municipality: FUJIMI, address: ADDRESS_TAKAHASHI, headId: 'r-takahashi-ichiro' },
  { id: 'h-yoshida', municipality: FUJIMI, address: ADDRESS_YOSHIDA, headId: 'r-yoshida-makoto' },
  { id: 'h-newman', municipality: FUJIMI, address: ADDRESS_NEWMAN, headId: 'r-newman-emily' },
  { id: 'h-teshigawara', municipality: FUJIMI, address: ADDRESS_TESHIGAWARA, headId: 'r-teshigawara-saemon' },
  { id: 'h-sato', municipality: FUJIMI, address: ADDRESS_SATO, headId: 'r-sato-akemi' },
  { id: 'h-tsuji', municipality: FUJIMI, address: ADDRESS_TSUJI, headId: 'r-tsuji-katsuo' },
];

const ev = (label: string, date: string, detail: string): KosekiEvent => ({ label, date: d(date), detail });

/** A 戸籍 at `honseki` headed by its 筆頭者, with the one event that opened it (編製 or 改製). */
const koseki = (id: string, municipality: string, honseki: string, hittosha: string, opened: KosekiEvent, members: KosekiMemberRecord[]): KosekiRecord => ({ id, municipality, honseki, hittosha, events: [opened], members });

const salaryTax = (residentId: string, fiscalYear: number, addressOnJan1: string, salaryRevenue: number, salaryIncome: number, deductions: number, dependents: number): TaxRecord => {
  const taxableIncome = Math.max(0, Math.floor((salaryIncome - deductions) / 1000) * 1000);
  return {
    residentId,
    fiscalYear,
    addressOnJan1,
    figures: {
      salaryRevenue,
      salaryIncome,
      otherIncome: 0,
      totalIncome: salaryIncome,
      deductions,
      taxableIncome,
      dependents,
      municipalPerCapita: taxableIncome > 0 ? 3000 : 0,
      municipalIncomeLevy: Math.floor((taxableIncome * 6) / 100 / 100) * 100,
      prefecturalPerCapita: taxableIncome > 0 ? 1000 : 0,
      prefecturalIncomeLevy: Math.floor((taxableIncome * 4) / 100 / 100) * 100,
    },
  };
};

export const demoRegistry: RegistrySnapshot = {
  format: 'kofu-registry',
  version: 1,
  municipalities,
  households,
  residents,
  seals: [
    { residentId: 'r-yoshida-makoto', registrationNumber: '藤-0012345', registeredOn: d('2015-10-02'), impression: { type: 'text', text: '誠', shape: 'round' } },
    { residentId: 'r-teshigawara-saemon', registrationNumber: '藤-0004021', registeredOn: d('1989-01-10'), impression: { type: 'text', text: '勅使河原', shape: 'square' } },
  ],
  taxes: [
    salaryTax('r-yoshida-makoto', 2024, ADDRESS_YOSHIDA, 5_200_000, 3_720_000, 1_330_000, 1),
    salaryTax('r-yoshida-makoto', 2025, ADDRESS_YOSHIDA, 5_400_000, 3_880_000, 1_330_000, 1),
    salaryTax('r-takahashi-ichiro', 2025, ADDRESS_TAKAHASHI, 6_800_000, 5_000_000, 1_860_000, 4),
    salaryTax('r-takahashi-hanako', 2025, ADDRESS_TAKAHASHI, 0, 0, 430_000, 0),
    salaryTax('r-teshigawara-saemon', 2025, ADDRESS_TESHIGAWARA, 2_400_000, 1_460_000, 1_150_000, 1),
  ],
  koseki: [
    koseki('k-takahashi-ichiro', SHIOMI, '西海県汐見町大字浜崎123番地', '髙橋　一郎', ev('戸籍編製', '2005-10-10', ''), [
      { residentId: 'r-takahashi-ichiro', name: '髙橋　一郎', birth: d('1978-06-14'), sex: 'M', father: '髙橋　正', mother: '髙橋　トメ', relationship: '長男', events: [ev('出生', '1978-06-14', '【出生地】西海県汐見町【届出人】父'), ev('婚姻', '2005-10-10', '【配偶者氏名】髙橋花子【従前戸籍】西海県汐見町大字浜崎123番地　髙橋正')], addressHistory: [{ address: '西海県汐見町大字浜崎123番地', setOn: d('1978-06-14') }, { address: ADDRESS_TAKAHASHI, setOn: d('2010-04-01') }] },
      { residentId: 'r-takahashi-hanako', name: '花子', birth: d('1980-11-03'), sex: 'F', father: '野村　隆', mother: '野村　恵子', relationship: '妻', events: [ev('出生', '1980-11-03', '【出生地】東都県東都市【届出人】父'), ev('婚姻', '2005-10-10', '【配偶者氏名】髙橋一郎【従前戸籍】東都県東都市中央三丁目8番地　野村隆')], addressHistory: [{ address: '西海県汐見町大字浜崎123番地', setOn: d('2005-10-10') }, { address: ADDRESS_TAKAHASHI, setOn: d('2010-04-01') }] },
      { residentId: 'r-takahashi-kenta', name: '健太', birth: d('2006-02-20'), sex: 'M', father: '髙橋　一郎', mother: '髙橋　花子', relationship: '長男', events: [ev('出生', '2006-02-20', '【出生地】西海県汐見町【届出人】父')], addressHistory: [{ address: '西海県汐見町大字浜崎123番地', setOn: d('2006-02-20') }, { address: ADDRESS_TAKAHASHI, setOn: d('2010-04-01') }] },
      { residentId: 'r-takahashi-misaki', name: '美咲', birth: d('2014-08-09'), sex: 'F', father: '髙橋　一郎', mother: '髙橋　花子', relationship: '長女', events: [ev('出生', '2014-08-09', '【出生地】東都県藤見市【届出人】母')], addressHistory: [{ address: ADDRESS_TAKAHASHI, setOn: d('2014-08-09') }] },
      { residentId: 'r-takahashi-shota', name: '翔太', birth: d('2018-05-01'), sex: 'M', father: '髙橋　一郎', mother: '髙橋　花子', relationship: '二男', events: [ev('出生', '2018-05-01', '【出生地】東都県藤見市【届出人】父')], addressHistory: [{ address: ADDRESS_TAKAHASHI, setOn: d('2018-05-01') }] },
    ]),
    koseki('k-takahashi-tadashi', SHIOMI, '西海県汐見町大字浜崎123番地', '髙橋　正', ev('改製', '2004-03-06', '【改製事由】平成6年法務省令第51号附則第2条第1項による改製'), [
      { residentId: 'r-takahashi-tadashi', name: '髙橋　正', birth: d('1940-09-30'), sex: 'M', father: '髙橋　源蔵', mother: '髙橋　ウメ', relationship: '長男', removed: true, events: [ev('出生', '1940-09-30', '【出生地】西海県汐見町'), ev('死亡', '2025-02-10', '【死亡地】東都県藤見市【届出人】親族　髙橋一郎')], addressHistory: [{ address: '西海県汐見町大字浜崎123番地', setOn: d('1940-09-30') }, { address: ADDRESS_TAKAHASHI, setOn: d('2019-04-30') }] },
      { residentId: 'r-takahashi-tome', name: 'トメ', birth: d('1944-01-15'), sex: 'F', father: '木村　庄一', mother: '木村　キヨ', relationship: '妻', events: [ev('出生', '1944-01-15', '【出生地】西海県汐見町'), ev('婚姻', '1966-04-29', '【配偶者氏名】髙橋正')], addressHistory: [{ address: '西海県汐見町大字浜崎123番地', setOn: d('1966-04-29') }, { address: ADDRESS_TAKAHASHI, setOn: d('2019-04-30') }] },
      { name: '一郎', birth: d('1978-06-14'), sex: 'M', father: '髙橋　正', mother: '髙橋　トメ', relationship: '長男', removed: true, events: [ev('出生', '1978-06-14', '【出生地】西海県汐見町'), ev('婚姻', '2005-10-10', '【配偶者氏名】野村花子【新本籍】西海県汐見町大字浜崎123番地')], addressHistory: [{ address: '西海県汐見町大字浜崎123番地', setOn: d('1978-06-14') }] },
    ]),
    koseki('k-yoshida', FUJIMI, '東都県藤見市梅ヶ丘一丁目2番地', '𠮷田　誠', ev('戸籍編製', '2017-06-01', ''), [
      { residentId: 'r-yoshida-makoto', name: '𠮷田　誠', birth: d('1985-03-12'), sex: 'M', father: '𠮷田　茂', mother: '𠮷田　和子', relationship: '長男', events: [ev('出生', '1985-03-12', '【出生地】東都県東都市'), ev('婚姻', '2017-06-01', '【配偶者氏名】山﨑由美')], addressHistory: [{ address: '東都県東都市中央一丁目1番1号', setOn: d('1985-03-12') }, { address: ADDRESS_YOSHIDA, setOn: d('2015-10-01') }] },
      { residentId: 'r-yoshida-yumi', name: '由美', birth: d('1987-07-07'), sex: 'F', father: '山﨑　徹', mother: '山﨑　幸子', relationship: '妻', events: [ev('出生', '1987-07-07', '【出生地】東都県藤見市'), ev('婚姻', '2017-06-01', '【配偶者氏名】𠮷田誠【従前戸籍】東都県藤見市宮前五丁目3番地　山﨑徹')], addressHistory: [{ address: '東都県藤見市宮前五丁目3番地', setOn: d('1987-07-07') }, { address: ADDRESS_YOSHIDA, setOn: d('2017-06-01') }] },
    ]),
    koseki('k-teshigawara', FUJIMI, '東都県藤見市大字上小田切字西ノ久保新田二丁目千二百三十四番地', '勅使河原　左衛門三郎兵衛之助', ev('戸籍編製', '1988-11-23', ''), [
      { residentId: 'r-teshigawara-saemon', name: '勅使河原　左衛門三郎兵衛之助', birth: d('1958-01-07'), sex: 'M', father: '勅使河原　宗右衛門', mother: '勅使河原　ハツ', relationship: '長男', events: [ev('出生', '1958-01-07', '【出生地】東都県東都市'), ev('婚姻', '1988-11-23', '【配偶者氏名】小野寺千代')], addressHistory: [{ address: ADDRESS_TESHIGAWARA, setOn: d('1989-01-08') }] },
      { residentId: 'r-teshigawara-chiyo', name: '千代', birth: d('1961-04-30'), sex: 'F', father: '小野寺　実', mother: '小野寺　澄子', relationship: '妻', events: [ev('出生', '1961-04-30', '【出生地】西海県汐見町'), ev('婚姻', '1988-11-23', '【配偶者氏名】勅使河原左衛門三郎兵衛之助')], addressHistory: [{ address: ADDRESS_TESHIGAWARA, setOn: d('1989-01-08') }] },
    ]),
    koseki('k-sato', SHIOMI, '西海県汐見町字松原45番地', '佐藤　明美', ev('戸籍編製', '2020-02-14', ''), [
      { residentId: 'r-sato-akemi', name: '佐藤　明美', birth: d('1983-09-21'), sex: 'F', father: '佐藤　浩', mother: '佐藤　洋子', relationship: '長女', events: [ev('出生', '1983-09-21', '【出生地】西海県汐見町')], addressHistory: [{ address: ADDRESS_SATO, setOn: d('2024-07-01') }] },
      { residentId: 'r-sato-hina', name: '陽菜', birth: d('2009-03-03'), sex: 'F', mother: '佐藤　明美', relationship: '長女', events: [ev('出生', '2009-03-03', '【出生地】西海県汐見町')], addressHistory: [{ address: ADDRESS_SATO, setOn: d('2024-07-01') }] },
    ]),
  ],
};
