// An independent print–scan pipeline for the front comparison (issue #11 [compare]).
//
// Every number in docs/compare.md came from kofu's own print–scan simulator (src/carrier/simulate/,
// fronts rasterised by PDF.js). A bank, an employer or a landlord scans with their own scanner
// and driver, so here nothing of kofu's stands between the PDF and the verifier: poppler
// (pdftoppm, not PDF.js) rasterises the PDF at 600 dpi, colour or grey, as a printer's RIP would;
// ImageMagick 6.9 (not the simulator) prints and captures it — toner dot gain, paper tone, the
// scanner's or camera's resampling by IM's own filters at 200/300/400 dpi or 160–250 dpi for a
// photo, tilt and offset with a white or dark lid around the page, the driver's levels / gamma /
// auto-level, sensor noise, colour JPEG q70–95 or grey PNG; for phone photos perspective, a desk
// around the page, uneven light, defocus or motion blur (conditions.mjs). Genuine PDFs and forged
// ones (a tampered certificate's front over the genuine signed back, corpus.mjs) are verified by
// the built app in Chromium, front and back uploaded as two files (verify.mjs); the back is
// poppler's clean 300 dpi grey page, so that only the front's capture varies.
//
//   npx vite build && node scripts/independent-scan.mjs [--conditions a,b] [--documents a,b] [--out dir]
//
// Prints one line per capture and the table by condition; writes results.json in the output
// directory (default scratch/independent-scan/, git-ignored). Needs pdftoppm and ImageMagick.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CONDITIONS, PRINT_DPI, capture, printAt, renderPage, writeIfMissing } from './independent-scan/conditions.mjs';
import { DOCUMENTS, documentPdfs } from './independent-scan/corpus.mjs';
import { verifierSession } from './independent-scan/verify.mjs';

const root = fileURLToPath(new URL('../', import.meta.url));

/**
 * The pages to verify: for each document, its genuine PDF and its forged ones, each front captured
 * under each condition (`tampers(document)`: which forgeries, default all of the document's;
 * `withGenuine: false` leaves the genuine one out). Renders and prints are cached in `dir`.
 * @returns {Promise<{ document: string, tamper: string | null, condition: string, front: string, back: string }[]>}
 */
export async function makeCaptures({ dir, documents = DOCUMENTS, conditions = CONDITIONS, serial = 40, tampers, withGenuine = true } = {}) {
  mkdirSync(dir, { recursive: true });
  const captures = [];
  for (const document of documents) {
    const { genuine, forged } = await documentPdfs(document, serial, tampers?.(document) ?? document.tampers);
    const variants = [...(withGenuine ? [{ tamper: null, pdf: genuine }] : []), ...forged];
    const back = path.join(dir, `${document.id}.back.png`);
    const genuineFile = path.join(dir, `${document.id}.pdf`);
    writeIfMissing(genuineFile, genuine);
    if (!existsSync(back)) renderPage(genuineFile, 2, 300, back, { grey: true });
    for (const variant of variants) {
      const name = `${document.id}.${variant.tamper ?? 'genuine'}`;
      const pdf = path.join(dir, `${name}.pdf`);
      writeIfMissing(pdf, variant.pdf);
      for (const condition of conditions) {
        const render = path.join(dir, `${name}.${condition.colour ? 'rgb' : 'grey'}${PRINT_DPI}.png`);
        if (!existsSync(render)) renderPage(pdf, 1, PRINT_DPI, render, { grey: !condition.colour });
        const print = path.join(dir, `${name}.${condition.colour ? 'rgb' : 'grey'}.print${condition.dpi}-${condition.filter}.png`);
        if (!existsSync(print)) printAt(render, condition.dpi, condition.filter, print);
        const out = path.join(dir, `${name}.${condition.id}`);
        const front = existsSync(`${out}.${condition.format.ext}`) ? `${out}.${condition.format.ext}` : capture(print, condition, out);
        captures.push({ document: document.id, tamper: variant.tamper, condition: condition.id, front, back });
      }
    }
  }
  return captures;
}

/** Is the verdict right? Genuine: the front matches; forged: it differs (改ざん・偽造の疑い). */
export function judged(result, tamper) {
  // 'unreadable' (the front could not be registered or too little of it was placed), or no front shown.
  if (result.front !== 'match' && result.front !== 'differs') return 'not compared';
  if (tamper === null) return result.front === 'match' && result.outcome === 'authentic' ? 'right' : 'FALSE ALARM';
  return result.front === 'differs' && result.outcome === 'suspect' ? 'right' : 'MISSED';
}

/** Counts by condition: genuine right / false alarm / not compared, tampers found / missed / not compared. */
export function tabulate(rows) {
  const table = new Map();
  for (const row of rows) {
    const entry = table.get(row.condition) ?? { genuine: 0, falseAlarm: 0, genuineNotCompared: 0, forged: 0, found: 0, missed: 0, forgedNotCompared: 0 };
    if (row.tamper === null) {
      entry.genuine++;
      if (row.judged === 'FALSE ALARM') entry.falseAlarm++;
      if (row.judged === 'not compared') entry.genuineNotCompared++;
    } else {
      entry.forged++;
      if (row.judged === 'right') entry.found++;
      if (row.judged === 'MISSED') entry.missed++;
      if (row.judged === 'not compared') entry.forgedNotCompared++;
    }
    table.set(row.condition, entry);
  }
  return table;
}

async function main() {
  const { values } = parseArgs({ options: { conditions: { type: 'string' }, documents: { type: 'string' }, out: { type: 'string' } } });
  const pick = (list, names) => (names ? list.filter((x) => names.split(',').includes(x.id)) : list);
  const dir = path.resolve(values.out ?? path.join(root, 'scratch/independent-scan'));
  const captures = await makeCaptures({ dir, documents: pick(DOCUMENTS, values.documents), conditions: pick(CONDITIONS, values.conditions) });
  const session = await verifierSession();
  const rows = [];
  try {
    for (const c of captures) {
      const result = await session.check(c.front, c.back);
      const row = { ...c, ...result, judged: judged(result, c.tamper) };
      rows.push(row);
      console.log([row.condition, row.document, row.tamper ?? 'genuine', row.outcome, row.front, row.judged].join('\t'));
      writeFileSync(path.join(dir, 'results.json'), JSON.stringify(rows, null, 1));
    }
  } finally {
    await session.close();
  }
  console.log('\ncondition\tgenuine match\tfalse alarm\tgenuine not compared\ttampers found\tmissed\ttampers not compared');
  for (const [condition, e] of tabulate(rows)) console.log([condition, `${e.genuine - e.falseAlarm - e.genuineNotCompared}/${e.genuine}`, e.falseAlarm, e.genuineNotCompared, `${e.found}/${e.forged}`, e.missed, e.forgedNotCompared].join('\t'));
  if (session.seen.errors.length) console.log('page errors:', session.seen.errors);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
