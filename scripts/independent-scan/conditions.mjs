// The independent pipeline's print and capture conditions: poppler renders the PDF's page (not
// PDF.js, which kofu's verifier and its own simulator use), ImageMagick 6.9 degrades it (not
// src/carrier/simulate/). Each condition is an ImageMagick argument list; the numbers are what
// office printers, flatbed drivers and phone cameras do, not fitted to kofu.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** The PDF is rendered at the printer's resolution (a 600 dpi office laser). */
export const PRINT_DPI = 600;

// ImageMagick's default policy caps its pixel cache at 256 MiB and then pages it to disk: an A4
// page at 600 dpi (35 Mpx × 4 channels × 16 bit) would crawl. One thread: the machine is shared.
const IM_LIMITS = ['-limit', 'memory', '2GiB', '-limit', 'map', '4GiB', '-limit', 'thread', '1'];
const CONVERT = process.env.KOFU_CONVERT ?? '/usr/bin/convert';

export function convert(args) {
  execFileSync(CONVERT, [...IM_LIMITS, ...args], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, MAGICK_THREAD_LIMIT: '1' } });
}

/** `page` (1-based) of the PDF at `file` rendered by pdftoppm at `dpi` into `out` (PNG), colour or grey. */
export function renderPage(file, page, dpi, out, { grey = false } = {}) {
  const prefix = `${out}.render`;
  execFileSync('pdftoppm', ['-f', String(page), '-l', String(page), '-r', String(dpi), ...(grey ? ['-gray'] : []), '-png', file, prefix]);
  const dir = path.dirname(out);
  const made = readdirSync(dir).find((name) => name.startsWith(path.basename(prefix)) && name.endsWith('.png'));
  renameSync(path.join(dir, made), out);
}

/**
 * A print–scan or print–photo condition. `print`: toner spread (a 1-pixel erosion at 600 dpi is
 * ≈ 42 µm of dot gain, a laser's), the paper tone and the toner's black; `dpi` and `filter`: the
 * scanner's or camera's sampling, by ImageMagick's own resampling filter; `scan`: what happens at
 * that resolution — optics, the page's tilt and offset on the glass with the lid around it, the
 * driver's tone curve, sensor noise, and the file format; `photo`: perspective and light instead.
 * Rotation and perspective are applied after the downsampling (one resampling fewer at 600 dpi;
 * the scanner's own rotation happens before its sampling — a small difference in blur).
 */
export const CONDITIONS = [
  {
    id: 'scan300-colour-jpeg85-rot1',
    what: 'flatbed 300 dpi colour, JPEG q85, 1° tilt, white lid, Triangle filter',
    colour: true, dpi: 300, filter: 'Triangle',
    scan: ['-blur', '0x0.6', '-background', '#f8f8f8', '-rotate', '1', '-gravity', 'center', '-extent', '2550x3550', '-gamma', '1.1', '-attenuate', '0.3', '+noise', 'Gaussian'],
    format: { ext: 'jpg', args: ['-quality', '85'] },
  },
  {
    id: 'scan300-grey-png-rot0.3',
    what: 'flatbed 300 dpi grey PNG, 0.3° tilt, 2 mm offset, dark lid, Lanczos',
    colour: false, dpi: 300, filter: 'Lanczos',
    scan: ['-blur', '0x0.5', '-background', '#202020', '-rotate', '-0.3', '-gravity', 'northwest', '-splice', '24x30', '-extent', '2550x3550', '-level', '4%,96%', '-attenuate', '0.2', '+noise', 'Gaussian'],
    format: { ext: 'png', args: ['-colorspace', 'Gray'] },
  },
  {
    id: 'scan300-colour-jpeg70-rot2-autolevel',
    what: 'flatbed 300 dpi colour, JPEG q70, 2° tilt, dark lid, auto-level, Mitchell',
    colour: true, dpi: 300, filter: 'Mitchell',
    scan: ['-blur', '0x0.8', '-background', '#303030', '-rotate', '2', '-gravity', 'center', '-extent', '2600x3600', '-auto-level', '-gamma', '0.9', '-attenuate', '0.5', '+noise', 'Gaussian'],
    format: { ext: 'jpg', args: ['-quality', '70'] },
  },
  {
    id: 'scan200-grey-png',
    what: 'flatbed 200 dpi grey PNG, 0.5° tilt, white lid, Box filter',
    colour: false, dpi: 200, filter: 'Box',
    scan: ['-blur', '0x0.4', '-background', 'white', '-rotate', '0.5', '-gravity', 'center', '-extent', '1700x2370', '-attenuate', '0.2', '+noise', 'Gaussian'],
    format: { ext: 'png', args: ['-colorspace', 'Gray'] },
  },
  {
    id: 'scan400-colour-jpeg95',
    what: 'flatbed 400 dpi colour, JPEG q95, 0.7° tilt, white lid, Lanczos',
    colour: true, dpi: 400, filter: 'Lanczos',
    scan: ['-blur', '0x0.7', '-background', 'white', '-rotate', '-0.7', '-gravity', 'center', '-extent', '3400x4740', '-level', '2%,98%,1.05', '-attenuate', '0.3', '+noise', 'Gaussian'],
    format: { ext: 'jpg', args: ['-quality', '95'] },
  },
  {
    id: 'photo200-perspective-vignette',
    what: 'phone photo ≈ 200 dpi, perspective, vignette, defocus σ 1.2, JPEG q80, grey desk',
    colour: true, dpi: 200, filter: 'Triangle',
    photo: { surround: '#8a8a86', margin: 90, corners: [[40, 25], [-20, 45], [-55, -30], [15, -10]], vignette: 'gray62', blur: ['-blur', '0x1.2'] },
    format: { ext: 'jpg', args: ['-quality', '80'] },
  },
  {
    id: 'photo160-motion',
    what: 'phone photo ≈ 160 dpi, perspective, light from one side, motion blur 2 px, JPEG q75',
    colour: true, dpi: 160, filter: 'Catrom',
    photo: { surround: '#6b5a48', margin: 70, corners: [[-30, 20], [35, 10], [20, -40], [-10, -25]], vignette: 'gray55', blur: ['-motion-blur', '0x2+25'] },
    format: { ext: 'jpg', args: ['-quality', '75'] },
  },
  {
    id: 'photo250-mild',
    what: 'phone photo ≈ 250 dpi, slight perspective, even light, JPEG q90',
    colour: true, dpi: 250, filter: 'Lanczos',
    photo: { surround: '#b0aea8', margin: 60, corners: [[10, 8], [-8, 12], [-12, -6], [6, -10]], vignette: 'gray85', blur: ['-blur', '0x0.8'] },
    format: { ext: 'jpg', args: ['-quality', '90'] },
  },
];

/** The printed page at `dpi`: toner spread and paper tone at 600 dpi, then resampled by `filter`. */
export function printAt(render600, dpi, filter, out) {
  // Dot gain as a 1-px erosion of the paper (ink spreads into it), a slight toner blur, the
  // toner's not-quite-black and an off-white paper.
  convert([render600, '-morphology', 'Erode', 'Disk:1', '+level-colors', '#1c1c1c,#f5f2ea', '-filter', filter, '-resize', `${(100 * dpi) / PRINT_DPI}%`, '-define', 'png:compression-level=1', out]);
}

/** The capture of the printed page `print` (made by printAt at condition.dpi) into `out` (without extension). */
export function capture(print, condition, out) {
  const file = `${out}.${condition.format.ext}`;
  if (condition.scan) {
    convert([print, ...condition.scan, ...condition.format.args, file]);
    return file;
  }
  const { surround, margin, corners, vignette, blur } = condition.photo;
  // The page on a desk, seen at a slant: the page's corners moved by `corners` (pixels), the desk
  // around it; light falling off from the middle (a multiplied radial gradient), then the lens's
  // blur, sensor noise and the phone's JPEG.
  const size = execFileSync('identify', ['-format', '%w %h', print], { encoding: 'utf8' }).trim().split(' ').map(Number);
  const [w, h] = [size[0] + 2 * margin, size[1] + 2 * margin];
  const src = [[margin, margin], [w - margin, margin], [w - margin, h - margin], [margin, h - margin]];
  const pairs = src.map(([x, y], i) => `${x},${y} ${x + corners[i][0]},${y + corners[i][1]}`).join(' ');
  convert([
    print, '-bordercolor', surround, '-border', String(margin),
    '-virtual-pixel', 'background', '-background', surround, '-distort', 'Perspective', pairs,
    '(', '-size', `${w}x${h}`, `radial-gradient:white-${vignette}`, ')', '-compose', 'Multiply', '-composite',
    ...blur, '-attenuate', '0.5', '+noise', 'Gaussian', ...condition.format.args, file,
  ]);
  return file;
}

export function writeIfMissing(file, bytes) {
  if (!existsSync(file)) writeFileSync(file, bytes);
}
