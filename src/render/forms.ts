/**
 * The six certificate forms: each turns a certificate value into the title, table blocks and
 * attestation that `flowSheets` lays out. The wording follows common municipal practice
 * (住民基本台帳法第12条 copies, 印鑑登録証明書, 地方税法第20条の10 tax certificates, 戸籍法第10条
 * 証明書, 住民基本台帳法第20条 附票の写し).
 */
import { formatFiscalYear, formatSeireki, formatWareki, warekiParts, dayFromYmd } from '../documents/dates.ts';
import {
  TAX_TITLES,
  type Certificate,
  type FuhyoCertificate,
  type InkanCertificate,
  type JuminhyoCertificate,
  type JuminhyoPerson,
  type KosekiCertificate,
  type KosekiEvent,
  type TaxCertificate,
  type Impression,
} from '../documents/types.ts';
import { SEAL_RED, type Painter } from './layout.ts';
import { LABEL_WIDTH, TABLE_WIDTH, drawEngraving, packPairs, type Block, type Pair, type Row, type SheetDocument } from './sheets.ts';

const sexText = (sex: 'M' | 'F') => (sex === 'M' ? '男' : '女');
/** 1,234,567円 — grouped by hand, not by Intl, so no locale data can change a printed amount. */
const yen = (n: number) => `${String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}円`;
const full = (label: string, value: string, extra: Partial<Pair> = {}): Pair => ({ label, value, wide: true, ...extra });
const half = (label: string, value: string, extra: Partial<Pair> = {}): Pair => ({ label, value, ...extra });

/** Demo municipalities use the non-existent prefecture code 99; their papers say so on the front. */
export function isDemoIssuer(code: string): boolean {
  return code.startsWith('99');
}

function common(cert: Certificate, title: string, blocks: Block[], attestation: string): SheetDocument {
  return {
    title,
    blocks,
    serial: cert.serial,
    demoNotice: isDemoIssuer(cert.issuer.code) ? '見本（デモ）：公的な証明書ではありません' : undefined,
    finale: {
      attestation,
      issuedOnText: formatWareki(cert.issuedOn),
      // 東都県藤見市 + 藤見市長 → 東都県藤見市長
      signerTitle: cert.issuer.mayorTitle.endsWith('長') && cert.issuer.name.endsWith(cert.issuer.mayorTitle.slice(0, -1)) ? `${cert.issuer.name}長` : cert.issuer.mayorTitle,
      signerName: cert.issuer.mayorName,
      sealText: cert.issuer.sealText,
    },
  };
}

function personBlock(person: JuminhyoPerson, withRelationship: boolean): Block {
  const pairs: Pair[] = [
    half('氏名', person.name, { ruby: person.kana, size: 11 }),
    // A 外国人住民's date of birth in 西暦, as on the 在留カード and on municipal forms.
    half('生年月日', person.foreign ? formatSeireki(person.birth) : formatWareki(person.birth)),
    half('性別', sexText(person.sex)),
  ];
  if (withRelationship && person.relationship) pairs.push(half('続柄', person.relationship));
  pairs.push(half('住民となった日', formatWareki(person.becameResidentOn)));
  pairs.push(half('住所を定めた日', person.reportedOn !== undefined ? `${formatWareki(person.addressSetOn)}\n（${formatWareki(person.reportedOn)}届出）` : formatWareki(person.addressSetOn)));
  if (person.previousAddress) pairs.push(full('前住所', person.previousAddress));
  if (person.honseki) pairs.push(full('本籍', person.honseki));
  if (person.hittosha) pairs.push(half('筆頭者', person.hittosha));
  if (person.myNumber) pairs.push(half('個人番号', person.myNumber.replace(/(\d{4})(?=\d)/g, '$1 ')));
  if (person.foreign) {
    const f = person.foreign;
    // These labels take two lines of the label column (8 characters at 7.5 pt): the line breaks
    // are given where the words allow, so that no word (番号, 規定, 満了) is cut in two.
    pairs.push(half('国籍・地域', f.nationality));
    pairs.push(half('第30条の45に\n規定する区分', f.category));
    pairs.push(half('在留資格', f.status));
    pairs.push(half('在留期間等の\n満了の日', formatWareki(f.periodEnd)));
    pairs.push(half('在留カード等の\n番号', f.cardNumber));
  }
  return { rows: packPairs(pairs), gap: 2.5 };
}

function juminhyo(cert: JuminhyoCertificate): SheetDocument {
  const head: Pair[] = [full('住所', cert.address)];
  if (cert.householder) head.push(full('世帯主', cert.householder));
  const blocks: Block[] = [{ rows: packPairs(head) }];
  for (const person of cert.persons) blocks.push(personBlock(person, cert.householder !== undefined));
  if (cert.kind === 'kisai') {
    return common(cert, '住民票記載事項証明書', blocks, '上記の事項は、住民票に記載されていることを証明する。');
  }
  const whose = cert.scope === 'household' ? '世帯全員の' : cert.scope === 'some' ? '世帯の一部の者の' : '';
  return common(cert, '住民票の写し', blocks, `この写しは、${whose}住民票の原本と相違ないことを証明する。`);
}

function impressionCell(impression: Impression) {
  return (painter: Painter, x: number, y: number, w: number, h: number) => {
    const size = Math.min(w, h) - 10;
    const left = x + (w - size) / 2;
    const top = y + (h - size) / 2;
    if (impression.type === 'text') {
      if (impression.shape === 'round') {
        painter.circle(left + size / 2, top + size / 2, size / 2, SEAL_RED, 0.8);
        const inner = size * 0.68;
        drawEngraving(painter, left + (size - inner) / 2, top + (size - inner) / 2, inner, impression.text);
      } else {
        painter.rect(left, top, size, size, { stroke: SEAL_RED, lineWidth: 0.8 });
        drawEngraving(painter, left + 1.5, top + 1.5, size - 3, impression.text);
      }
    } else {
      const scale = Math.min(size / impression.width, size / impression.height);
      painter.bits({
        x: left + (size - impression.width * scale) / 2,
        y: top + (size - impression.height * scale) / 2,
        w: impression.width * scale,
        h: impression.height * scale,
        columns: impression.width,
        rows: impression.height,
        bits: impression.bits,
        color: SEAL_RED,
      });
    }
  };
}

function inkan(cert: InkanCertificate): SheetDocument {
  const box = 50;
  const blocks: Block[] = [
    {
      rows: [
        [
          { text: '印影', width: LABEL_WIDTH, label: true },
          { text: '', width: box + 10, minHeight: box + 10, draw: impressionCell(cert.impression) },
          { text: '登録番号', width: LABEL_WIDTH, label: true },
          { text: cert.registrationNumber, width: TABLE_WIDTH - 2 * LABEL_WIDTH - box - 10 },
        ],
      ],
    },
    { rows: packPairs([full('氏名', cert.name, { ruby: cert.kana, size: 11 }), half('生年月日', formatWareki(cert.birth)), half('性別', sexText(cert.sex)), full('住所', cert.address)]) },
  ];
  return common(cert, '印鑑登録証明書', blocks, 'この写しは、登録されている印影と相違ないことを証明する。');
}

function tax(cert: TaxCertificate): SheetDocument {
  const fy = cert.fiscalYear;
  const incomeYear = warekiParts(dayFromYmd(fy - 1, 12, 31));
  const jan1 = formatWareki(dayFromYmd(fy, 1, 1));
  const f = cert.figures;
  const blocks: Block[] = [
    { rows: packPairs([full('年度', `${formatFiscalYear(fy)}（${incomeYear.era}${incomeYear.yearText}年分所得）`), full(`住所（${jan1}現在）`, cert.address), half('氏名', cert.name, { size: 11 }), half('生年月日', formatWareki(cert.birth))]) },
  ];
  const showIncome = cert.taxKind === 'shotoku' || cert.taxKind === 'shotoku-kazei';
  const showTax = cert.taxKind !== 'shotoku';
  if (showIncome) {
    blocks.push({
      gap: 3,
      rows: packPairs([half('給与収入', yen(f.salaryRevenue)), half('給与所得', yen(f.salaryIncome)), half('その他の所得', yen(f.otherIncome)), half('総所得金額', yen(f.totalIncome)), half('所得控除合計', yen(f.deductions)), half('扶養人数', `${f.dependents}人`)]),
    });
  }
  if (showTax) {
    const total = f.municipalPerCapita + f.municipalIncomeLevy + f.prefecturalPerCapita + f.prefecturalIncomeLevy;
    blocks.push({
      gap: 3,
      rows: packPairs([
        half('課税標準額', yen(f.taxableIncome)),
        half('税額合計', yen(total)),
        half('市町村民税均等割', yen(f.municipalPerCapita)),
        half('市町村民税所得割', yen(f.municipalIncomeLevy)),
        half('道府県民税均等割', yen(f.prefecturalPerCapita)),
        half('道府県民税所得割', yen(f.prefecturalIncomeLevy)),
        ...(cert.taxKind === 'hikazei' ? [full('課税区分', total === 0 ? '非課税' : '課税')] : []),
      ]),
    });
  }
  return common(cert, `${TAX_TITLES[cert.taxKind]}（${formatFiscalYear(fy)}）`, blocks, '上記のとおり相違ないことを証明する。');
}

/** The date's heading inside a 身分事項 entry: 出生 → 【出生日】, 戸籍編製 → 【編製日】. */
const DATE_HEADINGS: Readonly<Record<string, string>> = { 戸籍編製: '編製日', 改製: '改製日' };
const eventRows = (events: readonly KosekiEvent[]): Pair[] =>
  events.map((e) => full(e.label, `【${DATE_HEADINGS[e.label] ?? `${e.label}日`}】${formatWareki(e.date)}${e.detail ? `\n${e.detail}` : ''}`));

/** A full-width shaded heading row (戸籍事項, 身分事項). */
const section = (title: string): Row => [{ text: title, width: TABLE_WIDTH, label: true }];

function koseki(cert: KosekiCertificate): SheetDocument {
  const blocks: Block[] = [{ rows: packPairs([full('本籍', cert.honseki), full('氏名', cert.hittosha, { size: 11 })]) }];
  if (cert.kosekiEvents.length) blocks.push({ gap: 2.5, rows: [section('戸籍事項'), ...packPairs(eventRows(cert.kosekiEvents))] });
  for (const member of cert.members) {
    const header = [`【名】${member.name}${member.removed ? '　（除籍）' : ''}`, `【生年月日】${formatWareki(member.birth)}`];
    if (member.father) header.push(`【父】${member.father}`);
    if (member.mother) header.push(`【母】${member.mother}`);
    header.push(`【続柄】${member.relationship}`);
    blocks.push({ gap: 2.5, rows: [...packPairs([full('戸籍に記録されている者', header.join('\n'))]), section('身分事項'), ...packPairs(eventRows(member.events))] });
  }
  const title = cert.scope === 'all' ? '戸籍全部事項証明書' : '戸籍個人事項証明書';
  const attestation = cert.scope === 'all' ? 'これは、戸籍に記録されている事項の全部を証明した書面である。' : 'これは、戸籍中の一部の者について記録されている事項を証明した書面である。';
  return common(cert, title, blocks, attestation);
}

function fuhyo(cert: FuhyoCertificate): SheetDocument {
  const blocks: Block[] = [{ rows: packPairs([full('本籍', cert.honseki), full('筆頭者', cert.hittosha, { size: 11 })]) }];
  for (const member of cert.members) {
    const pairs: Pair[] = [half('氏名', member.name, { size: 11 }), half('生年月日', `${formatWareki(member.birth)}　${sexText(member.sex)}`)];
    for (const a of member.addresses) pairs.push(full('住所', `${a.address}\n（住所を定めた日　${formatWareki(a.setOn)}）`));
    blocks.push({ gap: 2.5, rows: packPairs(pairs) });
  }
  return common(cert, '戸籍の附票の写し', blocks, 'この写しは、戸籍の附票の原本と相違ないことを証明する。');
}

export function documentFor(cert: Certificate): SheetDocument {
  switch (cert.kind) {
    case 'juminhyo':
    case 'kisai':
      return juminhyo(cert);
    case 'inkan':
      return inkan(cert);
    case 'tax':
      return tax(cert);
    case 'koseki':
      return koseki(cert);
    case 'fuhyo':
      return fuhyo(cert);
  }
}

