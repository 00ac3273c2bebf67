import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';

/**
 * The certificates' font (issue 12 item 4): Noto Serif SC (SIL Open Font License) from the npm package
 * @expo-google-fonts/noto-serif-sc, so a server without any Chinese font installed renders the same PDF. It is a
 * TrueType font: pdfkit embeds a subset of only the glyphs a certificate uses (about 15 KB a PDF), and the font is
 * parsed once per process (a 14 MB file), not once per PDF.
 */
const require = createRequire(import.meta.url);
const FONT_FILE = '@expo-google-fonts/noto-serif-sc/600SemiBold/NotoSerifSC_600SemiBold.ttf';

let loaded: fontkit.Font | undefined;

type GlyphRun = ReturnType<fontkit.Font['layout']>;
type Glyph = GlyphRun['glyphs'][number];

/**
 * The font, parsed once, set up so that a PDF of 10,000 costs milliseconds instead of tens. fontkit decodes a
 * glyph's outline each time a subset takes it (the same glyphs, PDF after PDF): the decoded outline is kept (a static
 * font, no variations, so it never changes). And fontkit shapes every line through the OpenType feature tables, which
 * Chinese text set horizontally does not need (no ligatures, no contextual forms; the font is the Simplified Chinese
 * one, so no locl): a line is laid out as one glyph per character at its advance width instead.
 */
export function certificateFont(): fontkit.Font {
  if (!loaded) {
    const font = fontkit.openSync(require.resolve(FONT_FILE));
    // A TrueType collection would be a FontCollection; this package ships single fonts.
    if (!('layout' in font)) throw new Error(`${FONT_FILE} is not a single font`);
    const glyph = Object.getPrototypeOf(font.getGlyph(0)) as { _decode: (this: object) => unknown };
    const decode = glyph._decode;
    const decoded = new WeakMap<object, unknown>();
    glyph._decode = function memoDecode(this: object) {
      if (!decoded.has(this)) decoded.set(this, decode.call(this));
      return decoded.get(this);
    };
    const shaped = font.layout.bind(font);
    const glyphs = new Map<number, Glyph>();
    const glyphOf = (codePoint: number) => {
      let g = glyphs.get(codePoint);
      if (!g) {
        g = font.glyphForCodePoint(codePoint);
        glyphs.set(codePoint, g);
      }
      return g;
    };
    font.layout = ((text: string, features?: unknown) => {
      if (features !== undefined) return shaped(text, features as never);
      const run = [...text].map((ch) => glyphOf(ch.codePointAt(0) as number));
      const positions = run.map((g) => ({ xAdvance: g.advanceWidth, yAdvance: 0, xOffset: 0, yOffset: 0 }));
      return {
        glyphs: run,
        positions,
        get advanceWidth() {
          return positions.reduce((w, p) => w + p.xAdvance, 0);
        },
      } as unknown as GlyphRun;
    }) as fontkit.Font['layout'];
    loaded = font;
  }
  return loaded;
}

const widths = new Map<number, number>();

/** The advance width of a code point in font units per em (cached across PDFs: the layout's hot path). */
function advance(codePoint: number): number {
  let w = widths.get(codePoint);
  if (w === undefined) {
    const font = certificateFont();
    w = font.glyphForCodePoint(codePoint).advanceWidth / font.unitsPerEm;
    widths.set(codePoint, w);
  }
  return w;
}

/** The width of a string at `size` points (plus `spacing` after each character, as pdfkit's characterSpacing). */
export function textWidth(text: string, size: number, spacing = 0): number {
  let w = 0;
  for (const ch of text) w += advance(ch.codePointAt(0) as number) * size + spacing;
  return w - (text.length > 0 ? spacing : 0);
}

/** Punctuation that never starts a line (kinsoku) and that never ends one. */
const NO_START = new Set([...'，。、；：？！”’）》」』】〕…—·,.;:?!)]}%']);
const NO_END = new Set([...'“‘（《「『【〔([{']);

/**
 * Breaks a paragraph into lines no wider than `width` the way Chinese typesetting does: anywhere between two
 * characters, except before a closing mark (it stays on the line, hanging a little) or after an opening one (it moves
 * down); a run of Latin letters and digits is kept whole. The first line starts `indent` em in.
 */
export function wrapParagraph(paragraph: string, size: number, width: number, indent = 0): string[] {
  const tokens = paragraph.match(/[A-Za-z0-9@#&._\-/]+|./gsu) ?? [];
  const lines: string[] = [];
  let line = '';
  let lineWidth = indent * size;
  for (const token of tokens) {
    const w = textWidth(token, size);
    if (line !== '' && lineWidth + w > width && !NO_START.has(token)) {
      // An opening mark at the end of the line goes down with what it opens.
      const last = [...line].at(-1) ?? '';
      if (NO_END.has(last) && line.length > last.length) {
        lines.push(line.slice(0, -last.length));
        line = last;
        lineWidth = textWidth(last, size);
      } else {
        lines.push(line);
        line = '';
        lineWidth = 0;
      }
    }
    line += token;
    lineWidth += w;
  }
  lines.push(line);
  return lines;
}
