import { expect } from '@open-wc/testing';
import { AbortedError } from '../bytes/errors.ts';
import { checkInputSize } from '../vision/input.ts';
import { adviceFor, hasAdviceEntry, inputFailureReport, VERIFIER_CODES } from './verdicts.ts';
import { reportReason } from '../ui/shared/error-messages.ts';

describe('verdicts', () => {
  it('turns a 200 MB file into an invalid input report that says what to do', () => {
    let error: unknown;
    try {
      checkInputSize(200 * 1024 * 1024);
    } catch (e) {
      error = e;
    }
    const report = inputFailureReport(error);
    expect(report.verdict).to.equal('invalid');
    expect(report.stage).to.equal('input');
    expect(report.code).to.equal('vision.file-too-large');
    expect(reportReason(report, 'ja')).to.contain('300dpi');
    expect(report.advice?.en).to.contain('80 MB');
  });

  it('never hides cancellation in a report', () => {
    expect(() => inputFailureReport(new AbortedError())).to.throw(AbortedError);
  });

  it('reports an unexpected error without leaking its text', () => {
    const report = inputFailureReport(new TypeError('x is undefined'));
    expect(report.code).to.equal('verify.unexpected-input');
    expect(reportReason(report, 'en')).to.not.contain('undefined');
  });

  it('has advice for every failure a verifier can meet', () => {
    const codes = [
      'verify.no-qr', 'verify.not-a-locator', 'verify.several-locators', 'locator.damaged', 'carrier.not-found', 'carrier.too-small',
      'carrier.too-blurry', 'carrier.damaged', 'carrier.wrong-key', 'seal.bad-signature', 'seal.unknown-issuer', 'seal.signer-revoked',
      'seal.demo-outside-demo-mode', 'seal.locator-mismatch', 'verify.content-mismatch', 'verify.no-trust-list',
    ];
    for (const code of codes) expect(adviceFor(code, 'qr'), code).to.not.equal(undefined);
    expect(adviceFor('seal.signer-revoked', 'seal')?.ja).to.contain('信頼リスト');
    expect(adviceFor('seal.bad-signature', 'seal')?.en).to.contain('municipality');
  });

  it('has an advice entry (its own, or by stage) for every code of every list the verifier meets', () => {
    expect(VERIFIER_CODES.length).to.be.greaterThan(50);
    for (const code of VERIFIER_CODES) expect(hasAdviceEntry(code), code).to.equal(true);
    // A code without its own advice still gets the stage's: never nothing at a stage that has one.
    for (const code of VERIFIER_CODES) for (const stage of ['input', 'carrier', 'seal', 'content'] as const) expect(adviceFor(code, stage), `${code} at ${stage}`).to.not.equal(undefined);
  });

  it('tells a verifier without the font yet to connect, not that the paper is invalid', () => {
    const advice = adviceFor('render.font-unavailable', 'render');
    expect(advice?.en).to.contain('does not mean the certificate is invalid');
    expect(advice?.ja).to.contain('ネットワークに接続');
  });
});
