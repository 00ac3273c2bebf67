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

export function certificateFont(): fontkit.Font {
  if (!loaded) {
    const font = fontkit.openSync(require.resolve(FONT_FILE));
    // A TrueType collection would be a FontCollection; this package ships single fonts.
    if (!('layout' in font)) throw new Error(`${FONT_FILE} is not a single font`);
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
