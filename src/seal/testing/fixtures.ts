/**
 * Realistic certificate content for the seal's size budget (tests and bench only). The real shape
 * belongs to the documents module; this mirrors what a 住民票の写し carries per person with
 * full-width text of typical length: a name of 8 kanji, its kana, birth date, sex, 続柄,
 * 住民となった日, 住所を定めた日 and a 前住所 of ~40 characters, plus the household's address
 * (~40 characters) and 世帯主.
 */
import type { CborMap, CborValue } from '../cbor.ts';
import { CertificateType, type SealClaims } from '../seal.ts';

const ADDRESS = '東京都千代田区霞が関二丁目一番一号中央合同庁舎第二号館三階三〇一号室あいう';
const PREVIOUS = [
  '神奈川県横浜市中区山下町二百五十三番地グランドメゾン山下公園前七〇二号室',
  '大阪府大阪市北区中之島一丁目三番二十号中之島レジデンスタワー一五〇三号室',
  '北海道札幌市中央区北一条西二丁目一番地札幌時計台前ハイツ四〇五号室あい',
  '愛知県名古屋市中村区名駅四丁目七番一号ミッドランドスクエア南棟八〇八号室',
  '福岡県福岡市博多区博多駅前二丁目十九番二十四号大博センタービル五〇一号',
  '宮城県仙台市青葉区国分町三丁目八番十四号仙台国分町レジデンス二〇二号室',
];
const PEOPLE: [string, string, number, number, string][] = [
  ['長谷川　健太郎之介', 'ハセガワ　ケンタロウノスケ', 19780412, 1, '世帯主'],
  ['長谷川　美智子花音', 'ハセガワ　ミチコカノン', 19800923, 2, '妻'],
  ['長谷川　翔太朗大和', 'ハセガワ　ショウタロウヤマト', 20050105, 1, '子'],
  ['長谷川　結衣花菜子', 'ハセガワ　ユイカナコ', 20080730, 2, '子'],
  ['長谷川　雄一郎之助', 'ハセガワ　ユウイチロウノスケ', 19481111, 1, '父'],
  ['長谷川　千代子美代', 'ハセガワ　チヨコミヨ', 19510302, 2, '母'],
];

export function residentContent(persons: number): CborValue {
  const list: CborMap[] = PEOPLE.slice(0, persons).map(
    ([name, kana, birth, sex, relation], i) =>
      new Map<number, CborValue>([
        [1, name],
        [2, kana],
        [3, birth],
        [4, sex],
        [5, relation],
        [6, 20190401 + i],
        [7, 20190401],
        [8, PREVIOUS[i]],
      ]),
  );
  return new Map<number, CborValue>([
    [1, ADDRESS],
    [2, PEOPLE[0][0]],
    [3, list],
  ]);
}

export function juminhyoClaims(persons: number, issuer: number, issuedAt: number, serial = 1234567): SealClaims {
  return {
    issuer,
    issuedAt,
    serial,
    certType: CertificateType.juminhyo,
    // e.g. 世帯主・続柄を記載, 本籍・筆頭者は省略, マイナンバー省略
    options: new Map<number, CborValue>([
      [1, true],
      [2, false],
      [3, false],
    ]),
    sheets: 1,
    renderVersion: 1,
    content: residentContent(persons),
  };
}
