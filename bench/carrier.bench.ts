/**
 * kofu's carrier against a QR code (EC level M, encoded by `qrcode`, decoded by zxing-wasm) on the
 * same random byte payloads: 600 B and 2,100 B stand in for a 1-person and a 6-person seal. Every
 * code is rendered at 600 dpi (the printer), then through the seeded print–scan simulator
 * (src/carrier/simulate/), then decoded.
 *
 * - Density: for each code and payload, module sizes are tried from large to small (whole printer
 *   dots at 600 dpi); the smallest size at which every trial of the 300 dpi flatbed set decodes
 *   gives bytes ÷ printed area (quiet zone included). The mean over the two payloads is reported.
 * - Reliability at equal area: the QR is printed over the same area as the carrier at its
 *   density operating point; success over the flatbed set. For the photo set both are printed
 *   over the area of the carrier at the production flatbed profile (0.42 mm modules).
 * - Speed: median decode of a whole A4 page at 300 dpi; median encode (modules + PDF rectangles).
 *
 * The QR side is the anchor; all its settings are recorded as context fields.
 */
import QRCode from 'qrcode';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import wasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';
import { encodeCarrier, renderCarrierGrey, carrierRectangles, FLATBED_PROFILE, type CarrierSymbol } from '../src/carrier/encode.ts';
import { decodeCarrier } from '../src/carrier/decode.ts';
import { flatbedConditions, photoConditions } from '../src/carrier/simulate/conditions.ts';
import { printScan, type PrintScanConditions, type Raster, type RgbaImage } from '../src/carrier/simulate/print-scan.ts';
import { simulate, withMargin, PRINT_DPI } from '../src/carrier/simulate/simulate.ts';
import { randomBytes, rng } from '../src/carrier/simulate/random.ts';
import { QUIET_ZONE } from '../src/carrier/format.ts';

prepareZXingModule({
  overrides: { locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? wasmUrl : prefix + path) },
  fireImmediately: true,
});

const PAYLOADS = [600, 2100];
/** Trials per module size in the density sweep (all must decode). */
const SWEEP_TRIALS = 32;
/** Trials per code, payload and set in the reliability comparison. */
const RELIABILITY_TRIALS = 40;
const DECODE_RUNS = 5;
const ENCODE_RUNS = 20;
/** Carrier module sizes tried (1/1200 in: 12 = 6 dots at 600 dpi = 0.254 mm). */
const CARRIER_UNITS = [12, 10, 9, 8, 7];
/** The carrier's minimum EC level in the sweep (0 = L, 1 = M), boosted while the grid does not grow. */
const CARRIER_EC = 1;
/** QR module sizes tried, in printer dots at 600 dpi. */
const QR_DOTS = [7, 6, 5, 4];
const QR_QUIET = 4;
const MARGIN_PX = 60;
const KEY = randomBytes(32, 2026);

function qrMatrix(payload: Uint8Array): { size: number; get: (r: number, c: number) => boolean } {
  const qr = QRCode.create([{ data: payload, mode: 'byte' }] as never, { errorCorrectionLevel: 'M' });
  return { size: qr.modules.size, get: (r, c) => !!qr.modules.get(c, r) };
}

/** Any square module matrix (quiet zone `quiet`) at `pitch` printer dots, edges at round(k·pitch). */
function rasterise(size: number, quiet: number, pitch: number, dark: (r: number, c: number) => boolean): Raster {
  const total = size + 2 * quiet;
  const side = Math.round(total * pitch);
  const edge = (k: number) => Math.round(k * pitch);
  const data = new Uint8Array(side * side).fill(255);
  for (let r = 0; r < size; r++)
    for (let c = 0; c < size; c++) {
      if (!dark(r, c)) continue;
      const x0 = edge(c + quiet);
      const x1 = edge(c + quiet + 1);
      for (let y = edge(r + quiet); y < edge(r + quiet + 1); y++) data.fill(0, y * side + x0, y * side + x1);
    }
  return { data, width: side, height: side };
}

async function qrDecodes(image: RgbaImage, payload: Uint8Array): Promise<boolean> {
  const imageData = new ImageData(new Uint8ClampedArray(image.data), image.width, image.height);
  const [result] = await readBarcodes(imageData, { formats: ['QRCode'], maxNumberOfSymbols: 1, tryHarder: true });
  return !!result && result.isValid && result.bytes.length === payload.length && result.bytes.every((v: number, i: number) => v === payload[i]);
}

async function carrierDecodes(image: RgbaImage, payload: Uint8Array): Promise<boolean> {
  try {
    const { payload: out } = await decodeCarrier(image, KEY);
    return out.length === payload.length && out.every((v, i) => v === payload[i]);
  } catch {
    return false;
  }
}

async function successCount(raster: Raster, set: (seed: number) => PrintScanConditions, trials: number, seedBase: number, decodes: (img: RgbaImage) => Promise<boolean>, stopOnFailure: boolean): Promise<number> {
  let ok = 0;
  for (let t = 0; t < trials; t++) {
    const image = await simulate(withMargin(raster, MARGIN_PX), set(seedBase + t));
    if (await decodes(image)) ok++;
    else if (stopOnFailure) return ok;
  }
  return ok;
}

const sideMm = (modules: number, pitchDots: number) => (Math.round(modules * pitchDots) * 25.4) / PRINT_DPI;

interface OperatingPoint {
  readonly ec?: string;
  readonly pitchDots: number;
  readonly sideMm: number;
  readonly bytesPerCm2: number;
}

async function carrierDensity(payload: Uint8Array): Promise<OperatingPoint | null> {
  let best: OperatingPoint | null = null;
  for (const units of CARRIER_UNITS) {
    const symbol = encodeCarrier(payload, KEY, { name: 'sweep', moduleUnits: units, ecLevel: CARRIER_EC, boostEc: true });
    const pitchDots = units / 2;
    const raster = rasterise(symbol.size, QUIET_ZONE, pitchDots, (r, c) => symbol.modules[r * symbol.size + c] === 1);
    const ok = await successCount(raster, flatbedConditions, SWEEP_TRIALS, 1000, (img) => carrierDecodes(img, payload), true);
    if (ok < SWEEP_TRIALS) break;
    const side = sideMm(symbol.size + 2 * QUIET_ZONE, pitchDots);
    best = { pitchDots, sideMm: side, bytesPerCm2: payload.length / (side * side / 100), ec: ['L', 'M', 'Q', 'H'][symbol.ecLevel] };
  }
  return best;
}

async function qrDensity(payload: Uint8Array): Promise<OperatingPoint | null> {
  const qr = qrMatrix(payload);
  let best: OperatingPoint | null = null;
  for (const dots of QR_DOTS) {
    const raster = rasterise(qr.size, QR_QUIET, dots, qr.get);
    const ok = await successCount(raster, flatbedConditions, SWEEP_TRIALS, 1000, (img) => qrDecodes(img, payload), true);
    if (ok < SWEEP_TRIALS) break;
    const side = sideMm(qr.size + 2 * QR_QUIET, dots);
    best = { pitchDots: dots, sideMm: side, bytesPerCm2: payload.length / (side * side / 100) };
  }
  return best;
}

/** Both codes over a square of `side` mm. */
async function equalArea(payload: Uint8Array, carrier: CarrierSymbol, side: number, set: (seed: number) => PrintScanConditions, seedBase: number) {
  const sidePx = (side / 25.4) * PRINT_DPI;
  const carrierTotal = carrier.size + 2 * QUIET_ZONE;
  const carrierRaster = rasterise(carrier.size, QUIET_ZONE, sidePx / carrierTotal, (r, c) => carrier.modules[r * carrier.size + c] === 1);
  const qr = qrMatrix(payload);
  const qrRaster = rasterise(qr.size, QR_QUIET, sidePx / (qr.size + 2 * QR_QUIET), qr.get);
  const carrierOk = await successCount(carrierRaster, set, RELIABILITY_TRIALS, seedBase, (img) => carrierDecodes(img, payload), false);
  const qrOk = await successCount(qrRaster, set, RELIABILITY_TRIALS, seedBase, (img) => qrDecodes(img, payload), false);
  return { carrierOk, qrOk, qrModuleMm: side / (qr.size + 2 * QR_QUIET), qrModules: qr.size };
}

/** A4 at 300 dpi: light clutter, the scanned carrier (flatbed profile) lower right. */
function a4Page(scan: RgbaImage): RgbaImage {
  const width = 2480;
  const height = 3508;
  const data = new Uint8ClampedArray(width * height * 4).fill(238);
  const random = rng(77);
  // Text-like clutter: short dark bars in lines over the upper two thirds.
  for (let line = 0; line < 60; line++) {
    const y = 200 + line * 38;
    for (let x = 200; x < 2280; x += 14 + Math.floor(random() * 20)) {
      const w = 6 + Math.floor(random() * 10);
      for (let yy = y; yy < y + 22; yy++) for (let xx = x; xx < x + w; xx++) data.fill(40, 4 * (yy * width + xx), 4 * (yy * width + xx) + 3);
    }
  }
  for (let i = 3; i < data.length; i += 4) data[i] = 255;
  const x0 = width - scan.width - 200;
  const y0 = height - scan.height - 200;
  for (let y = 0; y < scan.height; y++) data.set(scan.data.subarray(4 * y * scan.width, 4 * (y + 1) * scan.width), 4 * ((y0 + y) * width + x0));
  return { data, width, height };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

export async function run() {
  const started = performance.now();
  const payloads = PAYLOADS.map((n, i) => randomBytes(n, 500 + i));

  const carrierPoints: OperatingPoint[] = [];
  const qrPoints: OperatingPoint[] = [];
  for (const payload of payloads) {
    const c = await carrierDensity(payload);
    const q = await qrDensity(payload);
    if (c) carrierPoints.push(c);
    if (q) qrPoints.push(q);
  }
  const mean = (points: OperatingPoint[]) => (points.length === payloads.length ? points.reduce((s, p) => s + p.bytesPerCm2, 0) / points.length : 0);

  // Reliability at equal area.
  let carrierFlat = 0;
  let qrFlat = 0;
  let carrierPhoto = 0;
  let qrPhoto = 0;
  const areas: string[] = [];
  for (let i = 0; i < payloads.length; i++) {
    const payload = payloads[i];
    const point = carrierPoints[i];
    const units = point ? point.pitchDots * 2 : 20;
    const sweepSymbol = encodeCarrier(payload, KEY, { name: 'sweep', moduleUnits: units, ecLevel: CARRIER_EC, boostEc: true });
    const flatSide = point ? point.sideMm : sweepSymbol.sideMm;
    const flat = await equalArea(payload, sweepSymbol, flatSide, flatbedConditions, 5000);
    carrierFlat += flat.carrierOk;
    qrFlat += flat.qrOk;
    const production = encodeCarrier(payload, KEY, FLATBED_PROFILE);
    const photo = await equalArea(payload, production, production.sideMm, photoConditions, 9000);
    carrierPhoto += photo.carrierOk;
    qrPhoto += photo.qrOk;
    areas.push(`${payload.length}B: flatbed ${flatSide.toFixed(1)} mm (QR ${flat.qrModules} modules @ ${flat.qrModuleMm.toFixed(3)} mm), photo ${production.sideMm.toFixed(1)} mm (QR @ ${photo.qrModuleMm.toFixed(3)} mm)`);
  }
  const reliabilityTrials = RELIABILITY_TRIALS * payloads.length;

  // Speed: whole A4 page at 300 dpi, 2,100-byte payload at the production flatbed profile.
  const big = payloads[payloads.length - 1];
  const production = encodeCarrier(big, KEY, FLATBED_PROFILE);
  const scan = printScan(withMargin(renderCarrierGrey(production, PRINT_DPI), MARGIN_PX), PRINT_DPI, flatbedConditions(42));
  const page = a4Page(scan);
  const decodeTimes: number[] = [];
  for (let r = 0; r < DECODE_RUNS; r++) {
    const t0 = performance.now();
    await decodeCarrier(page, KEY);
    decodeTimes.push(performance.now() - t0);
  }
  const encodeTimes: number[] = [];
  for (let r = 0; r < ENCODE_RUNS; r++) {
    const t0 = performance.now();
    carrierRectangles(encodeCarrier(big, KEY, FLATBED_PROFILE));
    encodeTimes.push(performance.now() - t0);
  }

  const describe = (points: OperatingPoint[]) =>
    points.map((p, i) => `${PAYLOADS[i]}B: ${((p.pitchDots * 25.4) / PRINT_DPI).toFixed(3)} mm modules, ${p.sideMm.toFixed(1)} mm side, ${p.bytesPerCm2.toFixed(0)} B/cm²${p.ec ? `, EC ${p.ec}` : ''}`).join('; ');
  const context = {
    payloads: PAYLOADS.join(','),
    sweep_trials: SWEEP_TRIALS,
    sweep_criterion: `all ${SWEEP_TRIALS} trials of the flatbed300 set decode`,
    reliability_trials: reliabilityTrials,
    carrier_ec: `${['L', 'M', 'Q', 'H'][CARRIER_EC]} or higher (boosted to fill the grid)`,
    qr_ec: 'M',
    qr_quiet_zone: QR_QUIET,
    printer_dpi: PRINT_DPI,
    total_seconds: 0,
  };
  const total = +((performance.now() - started) / 1000).toFixed(1);
  context.total_seconds = total;
  return [
    { id: 'carrier.bytes_per_cm2', value: +mean(carrierPoints).toFixed(1), unit: 'B/cm²', operating_points: describe(carrierPoints), ...context },
    { id: 'qr.bytes_per_cm2', value: +mean(qrPoints).toFixed(1), unit: 'B/cm²', operating_points: describe(qrPoints), ...context },
    { id: 'carrier.success.flatbed300', value: +(carrierFlat / reliabilityTrials).toFixed(3), unit: 'ratio', areas: areas.join('; '), ...context },
    { id: 'qr.success.flatbed300', value: +(qrFlat / reliabilityTrials).toFixed(3), unit: 'ratio', areas: areas.join('; '), ...context },
    { id: 'carrier.success.photo', value: +(carrierPhoto / reliabilityTrials).toFixed(3), unit: 'ratio', areas: areas.join('; '), ...context },
    { id: 'qr.success.photo', value: +(qrPhoto / reliabilityTrials).toFixed(3), unit: 'ratio', areas: areas.join('; '), ...context },
    { id: 'carrier.decode_ms.flatbed300', value: +median(decodeTimes).toFixed(1), unit: 'ms', image: `${page.width}x${page.height}`, runs: DECODE_RUNS, payload_bytes: big.length, ...context },
    { id: 'carrier.encode_ms', value: +median(encodeTimes).toFixed(2), unit: 'ms', runs: ENCODE_RUNS, payload_bytes: big.length, ...context },
  ];
}
