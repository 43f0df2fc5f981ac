/**
 * A printer calibration sheet: millimetre rulers along two edges, a 100 mm square and a 1-inch
 * square with crosshairs, concentric circles, and a grey ramp. Printed at "actual size" (100 %),
 * every ruler must measure true with a physical ruler; if the 100 mm square measures 97 mm the
 * printer is scaling to fit the page, and scans of the back will not decode reliably. The second
 * page (`pantographCalibrationSheet`) prints the 『複写』 pantograph's screen pairs side by side.
 */
import { BLACK, MM_PER_PT, Painter, TextMeasure, type Rgb, type Sheet } from '../render/layout.ts';
import type { FontMetrics } from '../render/font.ts';
import { pantographPlan, PRINT_TILING, type PantographPlan } from '../patterns/pantograph.ts';
import { PRINTER_PROFILES, screenCoverage } from '../patterns/printer-profiles.ts';
import type { Box } from './back-layout.ts';

const RULER_START = 20;
const RULER_END_X = 190;
const RULER_END_Y = 277;

/** A calibration page's painter with its centred title and numbered instructions already set. */
function headedPage(font: FontMetrics, title: string, lines: readonly string[]): Painter {
  const p = new Painter(new TextMeasure(font));
  const m = p.measure;
  p.textIn(0, 210, 12 + m.ascent(16), title, 16, 'center');
  lines.forEach((line, i) => p.text(RULER_START, 24 + i * 5 + m.ascent(8), line, 8));
  return p;
}

export function calibrationSheet(font: FontMetrics): Sheet {
  const p = headedPage(font, 'kofu 印刷位置合わせシート（プリンター校正用）', [
    '1. 用紙サイズA4、倍率「実際のサイズ（100%）」で印刷してください（「用紙に合わせる」は使わない）。',
    '2. 定規で下の正方形を測り、一辺が100 mmであることを確認してください（許容 ±0.5 mm）。',
    '3. 両面印刷は「長辺とじ」にしてください。グレーの階調が11段階すべて区別できることを確認してください。',
    'Print on A4 at actual size (100 %), never “fit to page”; the square must measure 100 mm. Duplex: flip on the long edge.',
  ]);
  const m = p.measure;

  // Horizontal ruler along the top of the measurement area, vertical ruler along the left edge.
  const top = 50;
  for (let x = RULER_START; x <= RULER_END_X; x++) {
    const mm = x - RULER_START;
    const len = mm % 10 === 0 ? 5 : mm % 5 === 0 ? 3.5 : 2;
    p.line(x, top, x, top + len, 0.12);
    if (mm % 10 === 0) p.textIn(x - 5, 10, top + len + 3, String(mm), 6, 'center');
  }
  for (let y = top; y <= RULER_END_Y; y++) {
    const mm = y - top;
    const len = mm % 10 === 0 ? 5 : mm % 5 === 0 ? 3.5 : 2;
    p.line(12, y, 12 + len, y, 0.12);
    if (mm % 10 === 0) p.text(12 + len + 0.8, y + (6 * MM_PER_PT) / 3, String(mm), 6);
  }

  // The 100 mm square with crosshairs and a 1-inch square inside.
  const sx = 55;
  const sy = 65;
  p.rect(sx, sy, 100, 100, { stroke: BLACK, lineWidth: 0.2 });
  p.line(sx + 50, sy - 4, sx + 50, sy + 104, 0.1);
  p.line(sx - 4, sy + 50, sx + 104, sy + 50, 0.1);
  p.rect(sx + 50 - 12.7, sy + 50 - 12.7, 25.4, 25.4, { stroke: BLACK, lineWidth: 0.2 });
  for (const r of [10, 20, 30, 40]) p.circle(sx + 50, sy + 50, r, BLACK, 0.1);
  p.textIn(sx, 100, sy + 104 + m.ascent(8), '100 mm × 100 mm（中央: 1 inch = 25.4 mm）', 8, 'center');

  // Grey ramp: 0 % to 100 % black in 10 % steps, 15 mm patches.
  const ry = 190;
  for (let i = 0; i <= 10; i++) {
    const level = Math.round(255 * (1 - i / 10));
    const grey: Rgb = [level, level, level];
    p.rect(RULER_START + 10 + i * 15, ry, 15, 15, { fill: grey, stroke: BLACK, lineWidth: 0.1 });
    p.textIn(RULER_START + 10 + i * 15, 15, ry + 19, `${i * 10}%`, 6, 'center');
  }
  // Hairlines of known width: the thinnest lines the back's carrier relies on.
  const widths = [0.05, 0.1, 0.2, 0.3, 0.5];
  widths.forEach((w, i) => {
    p.line(RULER_START + 10, 222 + i * 6, RULER_START + 110, 222 + i * 6, w);
    p.text(RULER_START + 115, 222 + i * 6 + 1, `${w} mm`, 6);
  });
  return { ops: p.ops };
}

/** A patch of the 『複写』 pantograph in one printer profile, on the calibration sheet's second page. */
export interface PantographPatch {
  readonly box: Box;
  readonly plan: PantographPlan;
  /** Names the patch's PDF patterns. */
  readonly key: string;
}

const PATCH = { width: 88, height: 52 } as const;
const PATCH_ORIGIN = { x: 12, y: 62 } as const;
const PATCH_GAP = { x: 10, y: 22 } as const;

/**
 * The pantograph calibration page: every printer profile's screen pair side by side, seeded like
 * the store's sheets (`seed`, the municipality code), with what to do with it. A store prints it
 * at 100 %, copies it on its copier and picks the pair where 『複写』 is invisible on the original
 * and reads on the copy (TROY US 8,817,330: a pair tuned on one printer fails on another).
 */
export function pantographCalibrationSheet(font: FontMetrics, seed: number): { sheet: Sheet; patches: PantographPatch[] } {
  const p = headedPage(font, 'kofu 『複写』けん制文字の調整シート（2/2）', [
    '1. このページを「実際のサイズ（100%）」で、証明書と同じプリンター・同じ用紙で印刷してください。',
    '2. 印刷した原本を、店舗のコピー機で普段の設定のままコピーしてください。',
    '3. 原本では『複写』が読めず、コピーでははっきり読める組み合わせを選び、管理画面「印刷の設定」で保存します。',
    'Print at 100 % on the certificate printer and paper; copy it on the store’s copier; pick the pair where 『複写』 is',
    'invisible on the original and clear on the copy; save it in the admin console, “Print settings”.',
  ]);
  const m = p.measure;
  const patches: PantographPatch[] = [];
  Object.values(PRINTER_PROFILES).forEach((profile, i) => {
    const box: Box = { x: PATCH_ORIGIN.x + (i % 2) * (PATCH.width + PATCH_GAP.x), y: PATCH_ORIGIN.y + Math.floor(i / 2) * (PATCH.height + PATCH_GAP.y), ...PATCH };
    const plan = pantographPlan({ widthMm: PATCH.width, heightMm: PATCH.height, seed, profile, tiling: PRINT_TILING, messageHeightMm: 14 });
    patches.push({ box, plan, key: `calibration-${profile.id}` });
    p.rect(box.x - 0.5, box.y - 0.5, box.width + 1, box.height + 1, { stroke: BLACK, lineWidth: 0.1 });
    const coverage = Math.round(screenCoverage(profile.background) * 1000) / 10;
    p.text(box.x, box.y + box.height + 3 + m.ascent(9), `${String.fromCharCode(65 + i)}. ${profile.id}`, 9);
    p.text(box.x, box.y + box.height + 8 + m.ascent(6), `${profile.dpi} dpi · 背景 background ${profile.background.dotPx}/${profile.background.pitchPx} px · 文字 message ${profile.message.dotPx}/${profile.message.pitchPx} px · ${coverage} %`, 6);
  });
  const notes = [
    'どの組み合わせでも防げないもの: 1200 dpi以上のコピー機・スキャナー（細かい網点まで写る）。原本で『複写』が見えてしまう状態のプリンター',
    '（トナーのにじみ、濃度「濃く」、エコノミー印刷、「用紙に合わせる」縮小）。その場合はプリンターを調整するか、より疎な組み合わせを選んでください。',
    'Not defeated by any pair: 1200 dpi copiers or scanners; a printer whose state shows 『複写』 on originals (toner spread, “darker”, economy, fit to page).',
  ];
  notes.forEach((line, i) => p.text(12, 262 + i * 4.5 + m.ascent(6.5), line, 6.5));
  return { sheet: { ops: p.ops }, patches };
}
