import { expect } from '@open-wc/testing';
import { BYTES_ERROR_CODES, KofuError, isErrorData, fromErrorData, toErrorData } from '../../bytes/errors.ts';
import { KIOSK_ERROR_CODES } from '../../app/kiosk-messages.ts';
import { STAFF_ERROR_CODES } from '../../staff/errors.ts';
import { TRUST_SERVICE_ERROR_CODES } from '../../app/trust/errors.ts';
import { CARD_ERROR_CODES, CARD_FORMAT_ERROR_CODES, CardError } from '../../card/errors.ts';
import { CARRIER_ERROR_CODES, CarrierTooSmallError } from '../../carrier/errors.ts';
import { DOCUMENTS_ERROR_CODES } from '../../documents/errors.ts';
import { DateError } from '../../documents/dates.ts';
import { SealContentError } from '../../documents/codec.ts';
import { IMPORT_PROBLEM_CODES, REFUSAL_CODES, REGISTRY_ERROR_CODES } from '../../registry/errors.ts';
import { ImportError } from '../../registry/import-check.ts';
import { RENDER_ERROR_CODES } from '../../render/font.ts';
import { LOG_PROBLEM_CODES, SEAL_ERROR_CODES, TRUST_STATUS_CODES, TrustListError } from '../../seal/errors.ts';
import { STORE_ERROR_CODES } from '../../store/errors.ts';
import { VERIFY_ERROR_CODES } from '../../verify/errors.ts';
import { VISION_ERROR_CODES } from '../../vision/errors.ts';
import { describeError, describeErrorForStaff, describeFailure, errorMessages } from './error-messages.ts';

/** Every domain's and the app's code list; a code added to one of them needs words in both languages. */
const CODE_LISTS = {
  bytes: BYTES_ERROR_CODES,
  card: CARD_ERROR_CODES,
  'card (format)': CARD_FORMAT_ERROR_CODES,
  documents: DOCUMENTS_ERROR_CODES,
  registry: REGISTRY_ERROR_CODES,
  'registry (refusals)': REFUSAL_CODES,
  'registry (import problems)': IMPORT_PROBLEM_CODES,
  render: RENDER_ERROR_CODES,
  seal: SEAL_ERROR_CODES,
  'seal (log problems)': LOG_PROBLEM_CODES,
  'seal (trust-list status)': TRUST_STATUS_CODES,
  store: STORE_ERROR_CODES,
  verify: VERIFY_ERROR_CODES,
  carrier: CARRIER_ERROR_CODES,
  vision: VISION_ERROR_CODES,
  'app (trust services)': TRUST_SERVICE_ERROR_CODES,
  'app (kiosk)': KIOSK_ERROR_CODES,
  staff: STAFF_ERROR_CODES,
};

const isWords = (words: unknown) => (typeof words === 'string' && words.length > 0) || typeof words === 'function';

describe('error catalogue', () => {
  it('has a Japanese and an English message for every code of every domain list', () => {
    const table = errorMessages as Readonly<Record<string, { ja?: unknown; en?: unknown; staff?: { ja?: unknown; en?: unknown } }>>;
    for (const [domain, codes] of Object.entries(CODE_LISTS)) {
      for (const code of codes) {
        const entry = table[code];
        expect(entry, `${domain}: ${code}`).to.not.equal(undefined);
        expect(isWords(entry.ja), `${domain}: ${code} (ja)`).to.equal(true);
        expect(isWords(entry.en), `${domain}: ${code} (en)`).to.equal(true);
      }
    }
  });

  it('has a staff line in both languages for every card error', () => {
    const table = errorMessages as Readonly<Record<string, { staff?: { ja?: unknown; en?: unknown } }>>;
    for (const code of CARD_ERROR_CODES) {
      expect(isWords(table[code].staff?.ja), `${code} (staff ja)`).to.equal(true);
      expect(isWords(table[code].staff?.en), `${code} (staff en)`).to.equal(true);
    }
  });

  it('fills in the params', () => {
    expect(describeError(new CardError('card.pin-incorrect', { triesLeft: 1, sw: '63C1' }), 'ja')).to.equal(
      '暗証番号が違います。あと1回間違えるとロックされます。分からない場合は入力せず、窓口で再設定してください。',
    );
    expect(describeError(new CardError('card.pin-incorrect', { triesLeft: 2, sw: '63C2' }), 'en')).to.equal('Wrong PIN. 2 more wrong tries lock the card.');
    expect(describeErrorForStaff(new CardError('card.file-not-found', { context: 'SELECT', sw: '6A82' }), 'en')).to.equal('SELECT: SW=6A82 (file or application not found)');
    expect(describeError(new TrustListError('trust.not-newer', { candidate: 1, current: 2 }), 'en')).to.match(/version 1\b.*version 2\b.*Nothing was changed\.$/);
    expect(describeError(new DateError('date.invalid', { date: '2025-2-29' }), 'en')).to.match(/valid date/);
    expect(describeError(new DateError('date.bad-format', { text: '2025/01/01' }), 'en')).to.match(/YYYY-MM-DD/);
    expect(describeError(new SealContentError('seal-content.render-version', { renderVersion: '2' }), 'ja')).to.match(/描画版 2/);
  });

  it('words a refused registry import with its first problem, the count of the others, and that nothing was changed', () => {
    const problem = { file: 'residents.csv', line: 3, field: 'birth', code: 'import.no-such-date', params: {} } as const;
    const error = new ImportError([problem, { ...problem, line: 4 }]);
    expect(describeError(error, 'ja')).to.equal('residents.csv 3行目「birth」: 存在しない日付です（ほか1件）。データは変更していません。ファイルを直してからもう一度読み込んでください。');
    expect(describeError(error, 'en')).to.equal('residents.csv line 3, field birth: no such date (1 more). Nothing was changed. Fix the file and import it again.');
  });

  it('keeps the generic line for errors it does not know', () => {
    expect(describeError(new TypeError('x is undefined'), 'en')).to.equal('An unexpected error occurred (x is undefined). Please try again.');
    expect(describeError('boom', 'ja')).to.equal('予期しないエラーが発生しました（boom）。もう一度お試しください。');
    expect(describeError(new KofuError('nobody.knows', {}), 'en')).to.contain('nobody.knows');
  });

  it('words a failure carried as data the same as the thrown error, and prefixes a refused demo seal', () => {
    const error = new CarrierTooSmallError(1.23);
    expect(describeFailure(error.code, error.params, 'en')).to.equal(describeError(error, 'en'));
    expect(describeFailure(error.code, error.params, 'en')).to.contain('1.2 pixels per module');
    expect(describeFailure('seal.bad-signature', {}, 'ja', true)).to.match(/^【デモ】/);
    expect(describeFailure('seal.bad-signature', {}, 'en', true)).to.match(/^\[DEMO\] /);
  });

  it('adds "Nothing was changed." to an error the trust services refused unchanged, once', () => {
    const marked = new KofuError('backup.foreign-file', { nothingChanged: true });
    expect(describeError(marked, 'en')).to.match(/Nothing on this device was changed\. Nothing was changed\.$/);
    expect(describeError(marked, 'ja')).to.match(/何も変更していません。$/);
    const already = new TrustListError('trust.not-newer', { candidate: 1, current: 2, nothingChanged: true } as never);
    expect(describeError(already, 'en').match(/Nothing was changed/g)).to.have.length(1);
  });

  it('gives a KofuError its words back after a trip through plain data (a worker boundary)', () => {
    const data = structuredClone(toErrorData(new CardError('card.removed', { detail: 'USB' })));
    expect(isErrorData(data)).to.equal(true);
    const back = fromErrorData(data);
    expect(back.code).to.equal('card.removed');
    expect(describeError(back, 'en')).to.equal('The card left the reader during reading. Keep it on the reader and try again.');
  });
});
