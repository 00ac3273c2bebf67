/**
 * Text on a Canvas 2D image drawn in the browser (the voting share poster, the honour list's share image): system
 * CJK fonts only and nothing fetched, so the images work offline, on intranets and in WeChat's browser.
 */

/** System fonts only: PingFang on iOS/macOS, YaHei on Windows, Noto CJK on Android and Linux. */
export const CANVAS_FONT =
  '"PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", sans-serif';

/** A CSS font in the system CJK stack: `canvasFont(30, 'bold')` → `bold 30px "PingFang SC", …`. */
export const canvasFont = (size: number, weight?: number | 'bold') => `${weight ? `${weight} ` : ''}${size}px ${CANVAS_FONT}`;

/** A CJK character (or a fullwidth punctuation mark) may break anywhere; Latin words break at spaces. */
const BREAK_ANYWHERE = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]/;

/** Marks that may not start a line (they hang at the end of the previous one) or end one (kinsoku, simplified). */
const NO_LINE_START = /^[，。、；：！？）」』》〉】”’·・…,.;:!?)\]]/;
const NO_LINE_END = /[（「『《〈【“‘([]$/;

/** Splits text into pieces a line may end after: single CJK characters, Latin words with their trailing space. */
export function breakPieces(text: string): string[] {
  const pieces: string[] = [];
  let word = '';
  for (const ch of text) {
    if (BREAK_ANYWHERE.test(ch)) {
      if (word) pieces.push(word);
      word = '';
      pieces.push(ch);
    } else if (ch === ' ') {
      pieces.push(`${word} `);
      word = '';
    } else word += ch;
  }
  if (word) pieces.push(word);
  return pieces;
}

/**
 * Greedy line breaking by measured width, at most `maxLines` lines (the last one ends in "…" when text is left).
 * A piece wider than a line (a long URL or number) is cut by characters.
 */
export function wrapLines(measure: (s: string) => number, text: string, maxWidth: number, maxLines: number): string[] {
  const lines: string[] = [];
  let line = '';
  const push = () => {
    lines.push(line.trimEnd());
    line = '';
  };
  for (const piece of breakPieces(text.trim())) {
    if (measure(line + piece.trimEnd()) <= maxWidth || (line && NO_LINE_START.test(piece))) {
      line += piece;
      continue;
    }
    // An opening bracket at the end of the full line moves down with the piece it opens.
    const opener = NO_LINE_END.test(line) ? (Array.from(line).pop() ?? '') : '';
    if (opener) line = line.slice(0, -opener.length);
    if (line) push();
    line = opener;
    if (measure(opener + piece.trimEnd()) <= maxWidth) {
      line += piece;
      continue;
    }
    for (const ch of piece) {
      if (line && measure(line + ch) > maxWidth) push();
      line += ch;
    }
  }
  if (line.trim()) push();
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  let last = kept[maxLines - 1] ?? '';
  while (last && measure(`${last}…`) > maxWidth) last = Array.from(last).slice(0, -1).join('');
  kept[maxLines - 1] = `${last}…`;
  return kept;
}

/** `text` in `font`, broken into at most `maxLines` lines of `maxWidth` (the font is left set on `ctx`). */
export function linesOf(ctx: CanvasRenderingContext2D, text: string, font: string, maxWidth: number, maxLines: number): string[] {
  ctx.font = font;
  return wrapLines((s) => ctx.measureText(s).width, text, maxWidth, maxLines);
}

/** Draws `lines` from `y` down, `lineHeight` apart, in the current font and fill; answers the y below them. */
export function drawLines(ctx: CanvasRenderingContext2D, lines: string[], x: number, y: number, lineHeight: number): number {
  lines.forEach((l, i) => {
    ctx.fillText(l, x, y + i * lineHeight);
  });
  return y + lines.length * lineHeight;
}

export interface TextStyle {
  font: string;
  color: string;
  maxWidth: number;
  maxLines: number;
  lineHeight: number;
}

/** Wraps and draws `text` at (x, y) in its style; answers the y below its last line. */
export function drawText(ctx: CanvasRenderingContext2D, text: string, x: number, y: number, style: TextStyle): number {
  const lines = linesOf(ctx, text, style.font, style.maxWidth, style.maxLines);
  ctx.fillStyle = style.color;
  return drawLines(ctx, lines, x, y, style.lineHeight);
}

/** A filled rounded rectangle (the white sheet of a poster); older in-app browsers lack roundRect: square then. */
export function fillRoundRect(ctx: CanvasRenderingContext2D, x: number, y: number, w: number, h: number, radius: number): void {
  if (typeof ctx.roundRect === 'function') {
    ctx.beginPath();
    ctx.roundRect(x, y, w, h, radius);
    ctx.fill();
  } else ctx.fillRect(x, y, w, h);
}

/** A vertical gradient from `top` to `bottom` over the whole canvas, painted as its background. */
export function fillBackground(ctx: CanvasRenderingContext2D, width: number, height: number, top: string, bottom: string): void {
  const bg = ctx.createLinearGradient(0, 0, 0, height);
  bg.addColorStop(0, top);
  bg.addColorStop(1, bottom);
  ctx.fillStyle = bg;
  ctx.fillRect(0, 0, width, height);
}

/** A fresh canvas painted by `paint`, as a PNG blob (for a download link and a long-press preview). */
export function canvasPng(paint: (canvas: HTMLCanvasElement) => void): Promise<Blob> {
  const canvas = document.createElement('canvas');
  paint(canvas);
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('toBlob'))), 'image/png'));
}
