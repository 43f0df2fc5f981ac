import { expect } from '@open-wc/testing';
import { AbortedError, KofuError } from '../bytes/errors.ts';
import { encodeTiff } from '../../tests/support/tiff.mjs';
import { MAX_INPUT_BYTES } from '../vision/input.ts';
import { refusal } from '../bytes/testing/refusal.ts';
import { describeError } from '../ui/shared/error-messages.ts';
import {
  CAMERA_CONSTRAINTS,
  PREVIEW_WIDTH,
  anotherFrameMayHelp,
  cameraProblem,
  VERIFIER_ACCEPT,
  isPdfFile,
  isTiffFile,
  loadVerifierInput,
  openVerifierInput,
  locatorFromHash,
  openCamera,
  previewSize,
  scanPreview,
} from './verifier-input.ts';

async function pngFile(width: number, height: number, name = 'scan.png', type = 'image/png'): Promise<File> {
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d')!;
  context.fillStyle = '#336699';
  context.fillRect(0, 0, width, height);
  return new File([await canvas.convertToBlob({ type: 'image/png' })], name, { type });
}


describe('app/verifier-input', () => {
  it('accepts PNG, JPEG, WebP, TIFF and PDF by type and extension', () => {
    for (const item of ['image/png', 'image/jpeg', 'image/webp', 'image/tiff', 'application/pdf', '.tif', '.tiff', '.pdf', 'image/*']) {
      expect(VERIFIER_ACCEPT.split(','), item).to.include(item);
    }
    expect(isTiffFile({ type: '', name: 'SCAN.TIFF' })).to.equal(true);
  });

  it('opens a multi-page TIFF as its pages, and gives its first page as the input', async () => {
    const page = (value: number) => ({ width: 8, height: 8, channels: 1, data: new Uint8Array(64).fill(value) });
    const file = new File([encodeTiff([page(40), page(200)], { compression: 'packbits' })], 'duplex.tif', { type: 'image/tiff' });
    const pages = await openVerifierInput({ kind: 'file', file });
    expect(pages.count).to.equal(2);
    expect((await pages.page(1)).data[0]).to.equal(200);
    expect((await pages.page(0)).data[0]).to.equal(40);
    expect((await loadVerifierInput({ kind: 'file', file })).data[0]).to.equal(40);
  });

  it('opens a PNG or a camera frame as one page', async () => {
    const pages = await openVerifierInput({ kind: 'file', file: await pngFile(30, 20) });
    expect(pages.count).to.equal(1);
    expect((await pages.page(0)).width).to.equal(30);
    const frame = new ImageData(4, 3);
    expect(await (await openVerifierInput({ kind: 'frame', frame })).page(0)).to.equal(frame);
  });

  it('tells a PDF by its type or, without one, by its name', () => {
    expect(isPdfFile({ type: 'application/pdf', name: 'certificate' })).to.equal(true);
    expect(isPdfFile({ type: '', name: 'kofu-juminhyo.PDF' })).to.equal(true);
    expect(isPdfFile({ type: 'image/png', name: 'back.png' })).to.equal(false);
    expect(isPdfFile({ type: '', name: 'pdf.png' })).to.equal(false);
  });

  it('reads an image file into RGBA pixels of its size', async () => {
    const image = await loadVerifierInput({ kind: 'file', file: await pngFile(30, 42) });
    expect([image.width, image.height, image.data.length]).to.deep.equal([30, 42, 30 * 42 * 4]);
    expect([...image.data.subarray(0, 4)]).to.deep.equal([0x33, 0x66, 0x99, 255]);
  });

  it('passes a camera frame through as it is', async () => {
    const frame = new ImageData(4, 3);
    expect(await loadVerifierInput({ kind: 'frame', frame })).to.equal(frame);
  });

  it('refuses an empty file, a file over the size limit before decoding it, and a file that is no image', async () => {
    expect((await refusal(loadVerifierInput({ kind: 'file', file: new File([], 'empty.png', { type: 'image/png' }) }))).code).to.equal('vision.empty-file');
    const huge = new File(['not decoded'], 'huge.png', { type: 'image/png' });
    Object.defineProperty(huge, 'size', { value: MAX_INPUT_BYTES + 1 });
    const tooLarge = await refusal(loadVerifierInput({ kind: 'file', file: huge }));
    expect(tooLarge.code).to.equal('vision.file-too-large');
    expect(describeError(tooLarge, 'ja')).to.contain('大きすぎます');
    expect((await refusal(loadVerifierInput({ kind: 'file', file: new File(['hello'], 'notes.png', { type: 'image/png' }) }))).code).to.equal('vision.not-an-image');
  });

  it('reads a PDF through PDF.js, chosen by type or name, with the PDF messages', async function () {
    this.timeout(30_000);
    const byName = await refusal(loadVerifierInput({ kind: 'file', file: new File(['%PDF-1.7 not really'], 'kofu.pdf') }));
    expect(byName.code).to.equal('vision.pdf-unreadable');
    const byType = await refusal(loadVerifierInput({ kind: 'file', file: new File(['%PDF-1.7 not really'], 'download', { type: 'application/pdf' }) }));
    expect(byType.code).to.equal('vision.pdf-unreadable');
  });

  it('reads the locator from a /verify#<digits> hash, and nothing else', () => {
    const digits = '12345678901234567890123';
    expect(locatorFromHash(`#${digits}`)).to.equal(digits);
    expect(locatorFromHash(digits)).to.equal(digits);
    expect(locatorFromHash('#1234')).to.equal(undefined);
    expect(locatorFromHash(`#${digits}x`)).to.equal(undefined);
    expect(locatorFromHash('')).to.equal(undefined);
  });

  it('says why the camera did not start: refused, no camera, or failed', async () => {
    expect(cameraProblem(new DOMException('', 'NotAllowedError'))).to.equal('denied');
    expect(cameraProblem(new DOMException('', 'SecurityError'))).to.equal('denied');
    expect(cameraProblem(new DOMException('', 'NotFoundError'))).to.equal('none');
    expect(cameraProblem(new DOMException('', 'OverconstrainedError'))).to.equal('none');
    expect(cameraProblem(new DOMException('', 'NotReadableError'))).to.equal('failed');
    expect(cameraProblem(undefined)).to.equal('failed');

    expect(await openCamera(undefined)).to.deep.equal({ ok: false, problem: 'none' });
    expect(await openCamera({ getUserMedia: () => Promise.reject(new DOMException('', 'NotAllowedError')) })).to.deep.equal({ ok: false, problem: 'denied' });
    const stream = new MediaStream();
    let asked: MediaStreamConstraints | undefined;
    const started = await openCamera({ getUserMedia: async (constraints) => ((asked = constraints), stream) });
    expect(started).to.deep.equal({ ok: true, stream });
    expect(asked).to.equal(CAMERA_CONSTRAINTS);
  });

  it('tries another camera frame only for failures a better frame can cure', () => {
    for (const code of ['verify.no-qr', 'verify.not-a-locator', 'carrier.not-found', 'carrier.too-small', 'carrier.too-blurry', 'carrier.damaged']) {
      expect(anotherFrameMayHelp({ code }), code).to.equal(true);
    }
    for (const code of ['ok', 'seal.bad-signature', 'carrier.wrong-key', 'trust.unknown-issuer', 'verify.no-qr-extra']) {
      expect(anotherFrameMayHelp({ code }), code).to.equal(false);
    }
  });

  it('scales the scan preview down to the screen width, never up', async () => {
    expect(previewSize(4961, 7016)).to.deep.equal({ width: PREVIEW_WIDTH, height: Math.round(7016 * (PREVIEW_WIDTH / 4961)) });
    expect(previewSize(300, 424)).to.deep.equal({ width: 300, height: 424 });
    expect(previewSize(100_000, 10)).to.deep.equal({ width: PREVIEW_WIDTH, height: 1 });
    const preview = await scanPreview(new ImageData(1654, 20));
    expect([preview?.width, preview?.height]).to.deep.equal([PREVIEW_WIDTH, 10]);
  });

  it('renders the back page of a two-page PDF at 300 dpi, and gives it up when the verification was cancelled meanwhile', async function () {
    this.timeout(60_000);
    const { buildSimplePdf } = await import('../pdf/pdf.ts');
    const { calibrationSheet } = await import('../pdf/calibration.ts');
    const { loadCertificateFont } = await import('../render/font-asset.ts');
    const font = await loadCertificateFont();
    const sheet = calibrationSheet(font.metrics);
    const pdf = buildSimplePdf([sheet, sheet], { fontBytes: font.bytes, title: 'two pages' });
    const file = () => new File([pdf.slice()], 'two-pages.pdf', { type: 'application/pdf' });
    const image = await loadVerifierInput({ kind: 'file', file: file() });
    expect([image.width, image.height]).to.deep.equal([2480, 3508]);
    const cancelled = new AbortController();
    cancelled.abort();
    const error = await loadVerifierInput({ kind: 'file', file: file() }, cancelled.signal).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(AbortedError);
  });
});
