// Draws the two Teams app icons with nothing but node:zlib, so the repository needs no image
// tools: `node manifest/make-icons.js` rewrites manifest/color.png and manifest/outline.png.
// The glyph is three rising bars (a portfolio being prioritised) on a baseline.
// Teams wants a 192×192 full-colour icon and a 32×32 outline icon that is white on a
// transparent background (learn.microsoft.com/microsoftteams/platform/concepts/build-and-test/apps-package).
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { deflateSync } from "node:zlib";

/** The manifest's accentColor: the colour icon's background. */
export const ACCENT = [0x1b, 0x5e, 0x8c];

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

/**
 * Encodes 8-bit RGBA pixels (row-major, 4 bytes each) as a PNG (colour type 6, no filtering).
 * @param {number} width
 * @param {number} height
 * @param {Uint8Array} rgba
 */
export function encodePng(width, height, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type RGBA
  const raw = Buffer.alloc(height * (width * 4 + 1));
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0; // filter: none
    Buffer.from(rgba.buffer, rgba.byteOffset + y * width * 4, width * 4).copy(
      raw,
      y * (width * 4 + 1) + 1,
    );
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** Rectangles of the glyph on a 32-unit grid: [x0, y0, x1, y1), bars then baseline. */
const GLYPH = [
  [6, 17, 11, 25],
  [13.5, 12, 18.5, 25],
  [21, 6, 26, 25],
  [4, 26, 28, 28],
];

function inGlyph(gx, gy) {
  return GLYPH.some(([x0, y0, x1, y1]) => gx >= x0 && gx < x1 && gy >= y0 && gy < y1);
}

/** Draws the glyph at `size` pixels; `background` null means transparent. */
function draw(size, background) {
  const px = new Uint8Array(size * size * 4);
  const scale = 32 / size;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const i = (y * size + x) * 4;
      // Sample the pixel's centre on the 32-unit grid.
      if (inGlyph((x + 0.5) * scale, (y + 0.5) * scale)) {
        px.set([255, 255, 255, 255], i);
      } else if (background) {
        px.set([...background, 255], i);
      } else {
        px.set([0, 0, 0, 0], i);
      }
    }
  }
  return px;
}

export function colorIcon() {
  return encodePng(192, 192, draw(192, ACCENT));
}

export function outlineIcon() {
  return encodePng(32, 32, draw(32, null));
}

if (process.argv[1] === import.meta.filename) {
  writeFileSync(join(import.meta.dirname, "color.png"), colorIcon());
  writeFileSync(join(import.meta.dirname, "outline.png"), outlineIcon());
  console.log("manifest/color.png (192×192) og manifest/outline.png (32×32) er skrevet.");
}
