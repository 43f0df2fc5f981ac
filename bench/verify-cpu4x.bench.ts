/**
 * The verifier with the page's CPU throttled 4× (bench/run.mjs), a stand-in for a mid-range
 * phone: the flatbed pipeline (`verify.ms.flatbed300.cpu4x`) and continuous camera scanning
 * (`verify.camera_fps.cpu4x`: the camera loop with its hints; `verify.camera_pipeline_fps.cpu4x`:
 * every frame through the pipeline), all on the main thread, which Chromium throttles (workers it
 * does not; the app runs this code in the verify worker).
 */
import { median, spread, type BenchOptions, type Metric } from './timing.ts';
import { CAMERA_FRAME, cameraFixture, cameraRate, flatbedFixture, timeFlatbed, type CameraFixture, type FlatbedFixture } from './verify-timing.ts';

export const options: BenchOptions = { cpuThrottlingRate: 4 };

const RUNS = 3;
const CAMERA_FRAMES = 6;

let fixtures: { flatbed: FlatbedFixture; camera: CameraFixture } | undefined;

/** The simulated scan and camera frames, made before the CPU is throttled (they stand for the paper, not the phone). */
export async function prepare(): Promise<void> {
  fixtures = { flatbed: await flatbedFixture(), camera: await cameraFixture(CAMERA_FRAMES) };
}

export async function run(): Promise<Metric[]> {
  if (!fixtures) await prepare();
  const flatbed = await timeFlatbed(RUNS, fixtures!.flatbed);
  const camera = await cameraRate(fixtures!.camera, 3, 'guided');
  const everyFrame = await cameraRate(fixtures!.camera, 1, 'pipeline');
  const round = (v: number) => +v.toFixed(1);
  return [
    { id: 'verify.ms.flatbed300.cpu4x', value: round(median(flatbed.totals)), unit: 'ms', budget: 1000, runs: RUNS, ...spread(flatbed.totals), qr_ms: round(median(flatbed.stages.qr)), carrier_ms: round(median(flatbed.stages.carrier)), render_ms: round(median(flatbed.stages.render)), image: flatbed.image, verdict: flatbed.verdict },
    { id: 'verify.camera_fps.cpu4x', value: +camera.fps.toFixed(2), unit: 'frames/s', budget_min: 8, frames: camera.frameMs.length, frame: `${CAMERA_FRAME.width}x${CAMERA_FRAME.height}`, frame_ms: round(median(camera.frameMs)), ...spread(camera.frameMs), decoded: camera.decoded, outcomes: camera.outcomes, note: 'the camera loop: the hint for every frame, the pipeline when the hint is good (src/app/camera-guidance.ts)' },
    { id: 'verify.camera_pipeline_fps.cpu4x', value: +everyFrame.fps.toFixed(2), unit: 'frames/s', frames: CAMERA_FRAMES, frame_ms: round(median(everyFrame.frameMs)), ...spread(everyFrame.frameMs), outcomes: everyFrame.outcomes, note: 'every frame through the whole pipeline (the scan before the hints; the element still forces one every 1.5 s)' },
  ];
}
