#!/usr/bin/env node
// Regenerates public/glyphs/ipamj/ (the glyph pack) from IPAmj明朝. Provenance and licence:
// public/glyphs/ipamj/README.txt. Usage:
//   cd /tmp && apt-get download fonts-ipamj-mincho && dpkg-deb -x fonts-ipamj-mincho_*.deb ipamj
//   node scripts/build-glyph-pack.mjs /tmp/ipamj/usr/share/fonts/truetype/ipamj/ipamjm.ttf
// The output is committed, so a fresh checkout needs neither the Debian package nor this script.
import { build } from 'esbuild';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const mjPath = process.argv[2] ?? '/usr/share/fonts/truetype/ipamj/ipamjm.ttf';
const basePath = 'node_modules/@expo-google-fonts/biz-udmincho/400Regular/BIZUDMincho_400Regular.ttf';
const outDir = 'public/glyphs/ipamj';
const bundle = join(mkdtempSync(join(tmpdir(), 'kofu-pack-')), 'build.mjs');
await build({ entryPoints: ['scripts/glyph-pack-build.ts'], bundle: true, platform: 'node', format: 'esm', outfile: bundle, logLevel: 'warning' });
const { buildPack } = await import(pathToFileURL(bundle).href);
const result = buildPack(mjPath, basePath, outDir);
copyFileSync(new URL('../docs/licenses/IPA_Font_License_Agreement_v1.0.txt', import.meta.url), join(outDir, 'IPA_Font_License_Agreement_v1.0.txt'));
writeFileSync(
  join(outDir, 'README.txt'),
  `kofu glyph pack: outlines derived from IPAmj明朝 (IPAmjMincho) version 005.01,
Debian package fonts-ipamj-mincho, file ipamjm.ttf, by the Information-technology Promotion
Agency, Japan (IPA) — 文字情報基盤 (MJ文字). Every cluster (code point, or base + variation
selector from cmap format 14) that IPAmj draws and BIZ UD Mincho does not, quantised to 256 units
per em (src/render/outline.ts, src/render/outline-codec.ts), ${result.clusters} clusters in ${result.shards}
shards of 256 code points (src/render/glyph-pack.ts). This is a Derived Program under the IPA
Font License Agreement v1.0 (IPA_Font_License_Agreement_v1.0.txt beside this file); it is not
the original font and is not named IPAmj. Regenerate with scripts/build-glyph-pack.mjs.
`,
);
console.log(`glyph pack: ${result.clusters} clusters, ${result.shards} shards, ${(result.bytes / 1048576).toFixed(2)} MiB → ${outDir}`);
