/**
 * Verification timings shared by bench/verify.bench.ts and its 4×-throttled twin: the whole
 * pipeline on the main thread (the verify worker runs the same code) for a 300 dpi flatbed scan
 * of an A4 back, and for a stream of 1280×720 camera frames.
 */
import { flatbedConditions, photoConditions } from '../src/carrier/simulate/conditions.ts';
import { simulate } from '../src/carrier/simulate/simulate.ts';
import { scanCameraFrame } from '../src/app/camera-guidance.ts';
import { verifyImage } from '../src/verify/pipeline.ts';
import { restoreWithCanvas } from '../src/verify/restore.ts';
import { FIXTURE_NOW, PAGE_DPI, backPage, demoSetup, issueDemo } from '../src/verify/testing/back-side.ts';

export const FLATBED_SEED = 7;
/** A 720p camera frame: what a mid-range phone's continuous scan analyses. */
export const CAMERA_FRAME = { width: 1280, height: 720 } as const;

export interface FlatbedTimes {
  readonly totals: number[];
  readonly stages: Record<'qr' | 'grey' | 'carrier' | 'seal' | 'render', number[]>;
  readonly verdict: string;
  readonly image: string;
}

type Trust = Awaited<ReturnType<typeof demoSetup>>['trust'];

/** The demo trust and a 300 dpi flatbed scan of a demo back (seed FLATBED_SEED). */
export interface FlatbedFixture {
  readonly trust: Trust;
  readonly scan: { readonly data: Uint8ClampedArray | Uint8Array; readonly width: number; readonly height: number };
}

export async function flatbedFixture(): Promise<FlatbedFixture> {
  const { trust } = await demoSetup();
  return { trust, scan: await simulate(backPage(await issueDemo(1), { patterns: true }), { ...flatbedConditions(FLATBED_SEED), scanDpi: PAGE_DPI }, PAGE_DPI) };
}

/** `runs` verifications of one flatbed scan (QR → carrier → seal → content → restored image), after one warm-up. */
export async function timeFlatbed(runs: number, fixture?: FlatbedFixture): Promise<FlatbedTimes> {
  const { trust, scan } = fixture ?? (await flatbedFixture());
  const totals: number[] = [];
  const stages: FlatbedTimes['stages'] = { qr: [], grey: [], carrier: [], seal: [], render: [] };
  let verdict = '';
  // One warm-up run loads zxing's wasm and the font, as the app's first verification would.
  for (let i = 0; i <= runs; i++) {
    const started = performance.now();
    const report = await verifyImage({ data: scan.data.slice(), width: scan.width, height: scan.height }, { trust, now: FIXTURE_NOW, restore: restoreWithCanvas });
    const total = performance.now() - started;
    verdict = report.verdict;
    if (i === 0) continue;
    totals.push(total);
    for (const stage of Object.keys(stages) as (keyof FlatbedTimes['stages'])[]) stages[stage].push(report.timings[stage] ?? NaN);
  }
  return { totals, stages, verdict, image: `${scan.width}x${scan.height}` };
}

/**
 * Camera frames: simulated phone photos of the back (photoConditions: tilt, blur, noise, JPEG),
 * each scaled to fit a 1280×720 frame on a grey background, as the video track delivers it.
 */
export interface CameraFixture {
  readonly trust: Trust;
  readonly frames: readonly ImageData[];
}

export async function cameraFixture(count: number, firstSeed = 300): Promise<CameraFixture> {
  return { trust: (await demoSetup()).trust, frames: await cameraFrames(count, firstSeed) };
}

async function cameraFrames(count: number, firstSeed: number): Promise<ImageData[]> {
  const page = backPage(await issueDemo(1), { patterns: true });
  const frames: ImageData[] = [];
  for (let i = 0; i < count; i++) {
    const photo = await simulate(page, photoConditions(firstSeed + i), PAGE_DPI);
    const source = new OffscreenCanvas(photo.width, photo.height);
    source.getContext('2d')!.putImageData(new ImageData(new Uint8ClampedArray(photo.data), photo.width, photo.height), 0, 0);
    const frame = new OffscreenCanvas(CAMERA_FRAME.width, CAMERA_FRAME.height);
    const context = frame.getContext('2d', { willReadFrequently: true })!;
    context.fillStyle = '#6b6b6b';
    context.fillRect(0, 0, frame.width, frame.height);
    const scale = Math.min(frame.width / photo.width, frame.height / photo.height);
    const w = photo.width * scale;
    const h = photo.height * scale;
    context.drawImage(source, (frame.width - w) / 2, (frame.height - h) / 2, w, h);
    frames.push(context.getImageData(0, 0, frame.width, frame.height));
  }
  return frames;
}

export interface CameraRate {
  /** Frames analysed per second over the whole stream. */
  readonly fps: number;
  /** Per-frame analysis time (ms). */
  readonly frameMs: number[];
  /** What each frame's analysis ended with: report codes, or the camera hint for a frame that was not decoded. */
  readonly outcomes: string;
  /** Frames that went through the whole pipeline. */
  readonly decoded: number;
}

/**
 * How the camera treats a frame: `guided` as `<kofu-camera-capture>` does (the hint for every
 * frame, src/app/camera-guidance.ts, and the whole pipeline only when the hint is good — the
 * element also forces one every 1.5 s, which a stream of a few frames never reaches); `pipeline`
 * as the verifier did before the hints, every frame through the whole pipeline.
 */
export type CameraMode = 'guided' | 'pipeline';

/** The fixture's frames, analysed `passes` times over, after a warm-up frame. */
export async function cameraRate(fixture: CameraFixture, passes: number, mode: CameraMode = 'guided'): Promise<CameraRate> {
  const { trust, frames: stream } = fixture;
  // One warm-up frame, as the camera's first: zxing's wasm, the font, the code's first run.
  await verifyImage(stream[0], { trust, now: FIXTURE_NOW });
  if (mode === 'guided') await scanCameraFrame({ data: stream[0].data.slice(), width: stream[0].width, height: stream[0].height }, { trust, now: FIXTURE_NOW });
  const frameMs: number[] = [];
  const outcomes = new Map<string, number>();
  let decoded = 0;
  const started = performance.now();
  for (let pass = 0; pass < passes; pass++) {
    for (const frame of stream) {
      const t = performance.now();
      const image = { data: frame.data.slice(), width: frame.width, height: frame.height };
      const scan = mode === 'guided' ? await scanCameraFrame(image, { trust, now: FIXTURE_NOW }) : { report: await verifyImage(image, { trust, now: FIXTURE_NOW }), guidance: undefined };
      frameMs.push(performance.now() - t);
      if (scan.report) decoded++;
      const outcome = scan.report?.code ?? `hint:${scan.guidance?.hint}`;
      outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
    }
  }
  const seconds = (performance.now() - started) / 1000;
  return { fps: frameMs.length / seconds, frameMs, decoded, outcomes: [...outcomes].map(([code, n]) => `${code}×${n}`).join(' ') };
}
