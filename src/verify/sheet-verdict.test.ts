import { expect } from '@open-wc/testing';
import type { VerificationReport } from './report.ts';
import { backOutcome, backsAgree, chooseBack, wholeSheetVerdict } from './sheet-verdict.ts';

type Back = Pick<VerificationReport, 'verdict' | 'code' | 'stage' | 'certificate' | 'locator'>;
const summary = (sheets: number) => ({ issuer: 1, issuerName: 'x', serial: 1, serialText: '1', issuedAt: 0, certType: 1, sheets });
const valid: Back = { verdict: 'valid', code: 'ok', stage: 'done', certificate: summary(1), locator: { issuer: 1, serial: 1 } };
const demo: Back = { ...valid, verdict: 'demo' };
const forged: Back = { verdict: 'invalid', code: 'seal.bad-signature', stage: 'seal' };
const unread: Back = { verdict: 'invalid', code: 'carrier.too-blurry', stage: 'carrier' };
const unknownIssuer: Back = { verdict: 'invalid', code: 'seal.unknown-issuer', stage: 'seal' };

describe('whole-sheet verdict rules', () => {
  it('valid seal and every front matching → 真正 for the whole sheet', () => {
    expect(wholeSheetVerdict({ back: valid, backsAgree: true, fronts: [{ status: 'match', sheet: 0 }], frontLike: 1 })).to.deep.equal({ outcome: 'authentic', notes: ['front-matches'] });
    expect(wholeSheetVerdict({ back: demo, backsAgree: true, fronts: [{ status: 'match', sheet: 0 }], frontLike: 1 }).outcome).to.equal('authentic');
  });

  it('a front that differs → 改ざんの疑い, even with a valid seal', () => {
    const fronts = [{ status: 'match' as const, sheet: 0 }, { status: 'differs' as const, sheet: 1 }];
    expect(wholeSheetVerdict({ back: { ...valid, certificate: summary(2) }, backsAgree: true, fronts, frontLike: 2 })).to.deep.equal({ outcome: 'suspect', notes: ['front-differs'] });
  });

  it('differences seen only on photos → 改ざんの疑い, with the advice to confirm on a flat scan', () => {
    const photo = [{ status: 'differs' as const, sheet: 0, capture: 'photo' as const }];
    expect(wholeSheetVerdict({ back: valid, backsAgree: true, fronts: photo, frontLike: 1 })).to.deep.equal({ outcome: 'suspect', notes: ['front-differs', 'front-differs-photo'] });
    const scanToo = [...photo, { status: 'differs' as const, sheet: 0, capture: 'scan' as const }];
    expect(wholeSheetVerdict({ back: valid, backsAgree: true, fronts: scanToo, frontLike: 2 }).notes).to.deep.equal(['front-differs']);
  });

  it('no front, or a front that could not be placed → the back’s verdict and "the front was not compared"', () => {
    expect(wholeSheetVerdict({ back: valid, backsAgree: true, fronts: [], frontLike: 0 })).to.deep.equal({ outcome: 'authentic', notes: ['front-not-compared'] });
    expect(wholeSheetVerdict({ back: valid, backsAgree: true, fronts: [{ status: 'unreadable', sheet: 0 }], frontLike: 1 })).to.deep.equal({ outcome: 'authentic', notes: ['front-unreadable'] });
  });

  it('a two-sheet certificate with one front matched says the rest was not compared', () => {
    expect(wholeSheetVerdict({ back: { ...valid, certificate: summary(2) }, backsAgree: true, fronts: [{ status: 'match', sheet: 0 }], frontLike: 1 }).notes).to.deep.equal(['front-partly-compared']);
  });

  it('backs of two different issuances → 改ざんの疑い', () => {
    expect(wholeSheetVerdict({ back: valid, backsAgree: false, fronts: [], frontLike: 0 })).to.deep.equal({ outcome: 'suspect', notes: ['backs-differ'] });
    expect(backsAgree([valid, { ...valid, locator: { issuer: 1, serial: 2 } }])).to.equal(false);
    expect(backsAgree([valid, valid, forged])).to.equal(true);
  });

  it('a front alone → 判定できません with "add the back", never 無効', () => {
    expect(wholeSheetVerdict({ fronts: [], backsAgree: true, frontLike: 1 })).to.deep.equal({ outcome: 'undetermined', notes: ['front-only'] });
    expect(wholeSheetVerdict({ fronts: [], backsAgree: true, frontLike: 0 })).to.deep.equal({ outcome: 'undetermined', notes: [] });
  });

  it('a forged seal → 改ざんの疑い; an unreadable back or an unknown issuer → 判定できません', () => {
    expect(backOutcome(forged)).to.equal('suspect');
    expect(backOutcome({ verdict: 'invalid', code: 'verify.content-mismatch', stage: 'content' })).to.equal('suspect');
    expect(backOutcome(unread)).to.equal('undetermined');
    expect(backOutcome(unknownIssuer)).to.equal('undetermined');
    expect(backOutcome({ verdict: 'invalid', code: 'verify.unexpected-seal', stage: 'seal' })).to.equal('undetermined');
    expect(wholeSheetVerdict({ back: unread, backsAgree: true, fronts: [{ status: 'match', sheet: 0 }], frontLike: 1 }).outcome).to.equal('undetermined');
  });

  it('the verdict rests on a forged back first, then a valid one', () => {
    expect(chooseBack([unread, valid, forged])).to.equal(forged);
    expect(chooseBack([unread, valid])).to.equal(valid);
    expect(chooseBack([unread])).to.equal(unread);
    expect(chooseBack([])).to.equal(undefined);
  });
});
