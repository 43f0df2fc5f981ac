import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import type { CameraHint, FrameScan, FrameScanCall } from '../../app/camera-scan.ts';
import { inputFailureReport } from '../../app/verifier.ts';
import { KofuError } from '../../bytes/errors.ts';
import type { VerificationReport } from '../../verify/report.ts';
import { setLanguage } from '../shared/i18n.ts';
import './camera-capture.ts';
import type { CameraResultDetail, KofuCameraCapture } from './camera-capture.ts';

const $ = (el: KofuCameraCapture, selector: string) => el.shadowRoot!.querySelector(selector);

/** A real MediaStream from a canvas (a moving grey card): what a camera gives the element. */
function fakeStream(): { stream: MediaStream; stop: () => void } {
  const canvas = document.createElement('canvas');
  canvas.width = 320;
  canvas.height = 180;
  const g = canvas.getContext('2d')!;
  let frame = 0;
  const timer = setInterval(() => {
    g.fillStyle = '#777';
    g.fillRect(0, 0, 320, 180);
    g.fillStyle = '#fff';
    g.fillRect(20 + (frame++ % 100), 40, 120, 100);
  }, 30);
  return { stream: canvas.captureStream(30), stop: () => clearInterval(timer) };
}

const guidance = (hint: CameraHint): FrameScan['guidance'] => ({ hint, quality: { brightness: 128, contrast: 40, sharpness: 0.5 } });
const noQr = (): VerificationReport => inputFailureReport(new KofuError('verify.no-qr', {} as never));
const forged = (): VerificationReport => inputFailureReport(new KofuError('seal.bad-signature', {} as never));

describe('ui/verifier camera capture', function () {
  this.timeout(20_000);
  afterEach(() => setLanguage('ja'));

  it('shows each frame’s hint over the preview, keeps scanning through reports a better frame may change, and captures the first that reads', async () => {
    const camera = fakeStream();
    const scans: FrameScan[] = [
      { guidance: guidance('closer') },
      { guidance: guidance('blurry') },
      { guidance: guidance('searching'), report: noQr() },
      { guidance: guidance('ready'), report: forged() },
    ];
    const calls: FrameScanCall[] = [];
    const seen: string[] = [];
    let element: KofuCameraCapture | undefined;
    const scanFrame = async (frame: ImageData, options: FrameScanCall) => {
      expect(frame.width).to.equal(320);
      calls.push(options);
      // What the preview showed for the previous frame.
      if (element) seen.push($(element, '.hint')?.textContent ?? '');
      await new Promise((resolve) => setTimeout(resolve, 20));
      return scans[Math.min(calls.length - 1, scans.length - 1)];
    };
    try {
      element = await fixture<KofuCameraCapture>(html`<kofu-camera-capture .open=${async () => ({ ok: true, stream: camera.stream })} .scanFrame=${scanFrame}></kofu-camera-capture>`);
      const result = (await oneEvent(element, 'kofu-camera-result')) as CustomEvent<CameraResultDetail>;
      expect(result.detail.report.code).to.equal('seal.bad-signature');
      expect(result.detail.image).to.deep.equal({ width: 320, height: 180 });
      expect(calls).to.have.length(4);
      expect(seen.join('|')).to.contain('近づけてください').and.to.contain('動かさないでください');
      // The camera is off once the scan has its result.
      expect(camera.stream.getVideoTracks()[0].readyState).to.equal('ended');
    } finally {
      camera.stop();
    }
  });

  it('offers the torch only where the track has one, and switches it through applyConstraints', async () => {
    const camera = fakeStream();
    const track = camera.stream.getVideoTracks()[0];
    const applied: MediaTrackConstraints[] = [];
    Object.assign(track, { getCapabilities: () => ({ torch: true }), applyConstraints: async (c: MediaTrackConstraints) => void applied.push(c) });
    const idle = async () => ({ guidance: guidance('searching') });
    try {
      const el = await fixture<KofuCameraCapture>(html`<kofu-camera-capture .open=${async () => ({ ok: true, stream: camera.stream })} .scanFrame=${idle}></kofu-camera-capture>`);
      await waitUntil(() => $(el, 'button[data-action="torch"]'), 'no torch button');
      const torch = $(el, 'button[data-action="torch"]') as HTMLButtonElement;
      expect(torch.textContent).to.contain('ライトをつける');
      torch.click();
      await waitUntil(() => torch.getAttribute('aria-pressed') === 'true', 'torch not on');
      expect(applied).to.deep.equal([{ advanced: [{ torch: true }] }]);
      el.remove();
    } finally {
      camera.stop();
    }
    const plain = fakeStream();
    try {
      const el = await fixture<KofuCameraCapture>(html`<kofu-camera-capture .open=${async () => ({ ok: true, stream: plain.stream })} .scanFrame=${idle}></kofu-camera-capture>`);
      await waitUntil(() => $(el, '[data-hint]:not([data-hint="none"])'), 'no hint');
      expect($(el, 'button[data-action="torch"]')).to.equal(null);
      el.remove();
    } finally {
      plain.stop();
    }
  });

  it('tries the whole pipeline every so often even when the hint says no', async () => {
    const camera = fakeStream();
    const calls: FrameScanCall[] = [];
    const scanFrame = async (_frame: ImageData, options: FrameScanCall) => {
      calls.push(options);
      return options.decodeAnyway ? { guidance: guidance('searching'), report: noQr() } : { guidance: guidance('searching') };
    };
    try {
      const el = await fixture<KofuCameraCapture>(html`<kofu-camera-capture .open=${async () => ({ ok: true, stream: camera.stream })} .scanFrame=${scanFrame}></kofu-camera-capture>`);
      await waitUntil(() => $(el, '[data-attempts="1"]'), 'no forced attempt', { timeout: 5000 });
      expect(calls[0].decodeAnyway).to.equal(false);
      expect($(el, '[data-attempts]')!.textContent).to.contain('QRコードが見つかりません');
      ($(el, 'button[data-action="continuous"]') as HTMLButtonElement).click();
      await waitUntil(() => !$(el, '[data-attempts]'), 'scan did not stop');
      el.remove();
    } finally {
      camera.stop();
    }
  });

  it('says why the camera did not open', async () => {
    const el = document.createElement('kofu-camera-capture');
    el.open = async () => ({ ok: false, problem: 'denied' });
    const failed = oneEvent(el, 'kofu-camera-error');
    document.body.append(el);
    expect(((await failed) as CustomEvent<{ problem: string }>).detail.problem).to.equal('denied');
    el.remove();
  });
});
