/**
 * The whole-sheet verdict (docs/verifier.md, "Verdict rules"): what the back's seal says and what
 * the comparison of each front with its restored rendering says, folded into the one outcome a
 * person reads in large type:
 *
 * - `authentic` (真正): the seal is valid and every front given matches its sheet; or the seal
 *   is valid and no front could be compared — then the note says so in plain words;
 * - `suspect` (改ざん・偽造の疑い): the seal is provably wrong (bad signature, content that
 *   disagrees with its claims, an uncertified or revoked signer, a demo seal presented as real),
 *   the backs given carry different seals, or a front differs from its sheet;
 * - `undetermined` (判定できません): nothing decided either way — the back could not be read, the
 *   trust list does not know the issuer, only a front was given. Never worded as 無効.
 *
 * Pure: no pixels, no browser; the pipeline (sheet-pipeline.ts) computes the inputs.
 */
import type { FrontCheck, SheetNote, SheetOutcome, VerificationReport } from './report.ts';

/**
 * Failures at the seal or content stage that do not show that the paper is wrong: the verifier
 * lacks something (a trust list, an app update, the right clock), so it cannot decide.
 */
const UNDECIDED_AT_SEAL = new Set([
  'verify.no-trust-list',
  'seal.unknown-issuer',
  'seal.unknown-format',
  'seal.unsupported-render-version',
  'seal-content.render-version',
  'seal.issued-in-future',
  'locator.unknown-version',
  'render.font-unavailable',
]);

/** The outcome of one back's report on its own (before any front is compared). */
export function backOutcome(report: Pick<VerificationReport, 'verdict' | 'code' | 'stage'>): SheetOutcome {
  if (report.verdict !== 'invalid') return 'authentic';
  if ((report.stage === 'seal' || report.stage === 'content') && !UNDECIDED_AT_SEAL.has(report.code) && !report.code.startsWith('verify.unexpected-')) return 'suspect';
  return 'undetermined';
}

export interface SheetEvidence {
  /** The report of the back the verdict rests on (see chooseBack), if any page carried a back. */
  readonly back?: Pick<VerificationReport, 'verdict' | 'code' | 'stage' | 'certificate'>;
  /** False when two backs carry seals of different issuances (serial or issuer). */
  readonly backsAgree: boolean;
  /** One entry per front page given, in page order. */
  readonly fronts: readonly Pick<FrontCheck, 'status' | 'sheet' | 'capture'>[];
  /** Pages without a back that look like a printed front (paper with text on it). */
  readonly frontLike: number;
}

export interface SheetVerdict {
  readonly outcome: SheetOutcome;
  readonly notes: readonly SheetNote[];
}

/** The rules of the module comment, applied in order. */
export function wholeSheetVerdict(evidence: SheetEvidence): SheetVerdict {
  const { back, fronts } = evidence;
  if (!back) return { outcome: 'undetermined', notes: evidence.frontLike > 0 ? ['front-only'] : [] };
  const alone = backOutcome(back);
  if (alone !== 'authentic') return { outcome: alone, notes: [] };
  if (!evidence.backsAgree) return { outcome: 'suspect', notes: ['backs-differ'] };
  const differing = fronts.filter((f) => f.status === 'differs');
  // A photo's tilt, lens and blur can leave a glyph that does not fit (docs/compare.md, "Limits"):
  // the outcome stands, and the person is told how to confirm it.
  if (differing.length) return { outcome: 'suspect', notes: differing.every((f) => f.capture === 'photo') ? ['front-differs', 'front-differs-photo'] : ['front-differs'] };
  const sheets = back.certificate?.sheets ?? 1;
  const matched = new Set(fronts.filter((f) => f.status === 'match').map((f) => f.sheet));
  if (matched.size === 0) return { outcome: 'authentic', notes: fronts.length > 0 ? ['front-unreadable'] : ['front-not-compared'] };
  if (matched.size < sheets) return { outcome: 'authentic', notes: ['front-partly-compared'] };
  return { outcome: 'authentic', notes: ['front-matches'] };
}

/**
 * The back the verdict rests on among several: a provably wrong one first (one forged sheet
 * makes the whole certificate suspect), then a valid one, then the first.
 */
export function chooseBack<T extends Pick<VerificationReport, 'verdict' | 'code' | 'stage'>>(backs: readonly T[]): T | undefined {
  return backs.find((b) => backOutcome(b) === 'suspect') ?? backs.find((b) => b.verdict !== 'invalid') ?? backs[0];
}

/** Whether every valid back carries the same issuance (issuer and serial): one certificate, not sheets of two. */
export function backsAgree(backs: readonly Pick<VerificationReport, 'verdict' | 'locator'>[]): boolean {
  const keys = new Set(backs.filter((b) => b.verdict !== 'invalid' && b.locator).map((b) => `${b.locator!.issuer}/${b.locator!.serial}`));
  return keys.size <= 1;
}
