#!/bin/sh
# Makes the TIFF fixtures of src/vision/tiff-input.test.ts with ImageMagick 6 (Debian's
# `apt-get install imagemagick`, libtiff inside). Run from this folder: sh make.sh
# The sources are 40 × 30 images written here as Netpbm text, so every pixel is known:
#   colour: quadrants red | green / blue | white      grey: 0 | 85 / 170 | 255
#   bilevel: left half black, right half white        rgba: colour, bottom half alpha 128
set -eu
CONVERT=${CONVERT:-/usr/bin/convert}
W=40 H=30
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
node -e '
const [w, h, dir] = [40, 30, process.argv[1]];
const fs = require("fs");
const q = (x, y, a) => a[(y < h / 2 ? 0 : 2) + (x < w / 2 ? 0 : 1)];
const rows = (f) => Array.from({ length: h }, (_, y) => Array.from({ length: w }, (_, x) => f(x, y)).join(" ")).join("\n");
const colours = [[255, 0, 0], [0, 255, 0], [0, 0, 255], [255, 255, 255]];
fs.writeFileSync(`${dir}/colour.ppm`, `P3\n${w} ${h}\n255\n${rows((x, y) => q(x, y, colours).join(" "))}\n`);
fs.writeFileSync(`${dir}/grey.pgm`, `P2\n${w} ${h}\n255\n${rows((x, y) => q(x, y, [0, 85, 170, 255]))}\n`);
fs.writeFileSync(`${dir}/bilevel.pbm`, `P1\n${w} ${h}\n${rows((x) => (x < w / 2 ? 1 : 0))}\n`);
fs.writeFileSync(`${dir}/rgba.pam`, Buffer.concat([Buffer.from(`P7\nWIDTH ${w}\nHEIGHT ${h}\nDEPTH 4\nMAXVAL 255\nTUPLTYPE RGB_ALPHA\nENDHDR\n`),
  Buffer.from(Array.from({ length: w * h }, (_, i) => [...q(i % w, Math.floor(i / w), colours), Math.floor(i / w) < h / 2 ? 255 : 128]).flat())]));
' "$tmp"
strip="-define tiff:rows-per-strip=8 -density 300 -units PixelsPerInch"
for c in None LZW RLE Zip; do
  name=$(echo $c | tr A-Z a-z | sed 's/rle/packbits/; s/zip/deflate/')
  $CONVERT "$tmp/colour.ppm" $strip -depth 8 -type TrueColor -compress $c "rgb-$name.tif"
  $CONVERT "$tmp/grey.pgm" $strip -depth 8 -type Grayscale -compress $c "grey-$name.tif"
done
$CONVERT "$tmp/rgba.pam" $strip -depth 8 -type TrueColorAlpha -compress LZW rgba-lzw.tif
$CONVERT "$tmp/bilevel.pbm" $strip -type Bilevel -compress None bilevel-none.tif
$CONVERT "$tmp/bilevel.pbm" $strip -type Bilevel -compress Group4 bilevel-g4.tif
# Two pages, as a duplex scanner saves them: the grey page first, then the colour one.
$CONVERT "$tmp/grey.pgm" "$tmp/colour.ppm" $strip -depth 8 -compress LZW two-pages.tif
# A coding kofu does not decode: Zstandard (libtiff has it, utif2 does not).
$CONVERT "$tmp/grey.pgm" $strip -depth 8 -type Grayscale -compress Zstd grey-zstd.tif
