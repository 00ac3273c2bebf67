import QRCode from 'qrcode';

/**
 * The share poster of an entry, drawn on a canvas in the browser: it works offline and on intranets (no external
 * fonts or images: the system's CJK fonts, the QR code drawn module by module).
 */
export interface PosterContent {
  campaign: string;
  theme: string;
  number: string;
  title: string;
  hospital: string;
  url: string;
  call: string;
  footer: string;
}

/** System fonts only: PingFang on iOS/macOS, YaHei on Windows, Noto CJK on Android and Linux. */
export const POSTER_FONT =
  '"PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", sans-serif';

export const POSTER_WIDTH = 750;
export const POSTER_HEIGHT = 1200;

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

/** Draws the QR code of `text` as dark squares in a `size` square at (x, y), with its quiet zone inside. */
export function drawQr(ctx: CanvasRenderingContext2D, text: string, x: number, y: number, size: number) {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const quiet = 2;
  const cell = size / (n + quiet * 2);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(x, y, size, size);
  ctx.fillStyle = '#111111';
  for (let row = 0; row < n; row++)
    for (let col = 0; col < n; col++)
      if (qr.modules.get(row, col))
        // Rounded up to whole pixels and overlapping by one, so no hairline gaps appear between modules.
        ctx.fillRect(
          Math.floor(x + (col + quiet) * cell),
          Math.floor(y + (row + quiet) * cell),
          Math.ceil(cell) + 1,
          Math.ceil(cell) + 1,
        );
}

function drawLines(ctx: CanvasRenderingContext2D, lines: string[], x: number, y: number, lineHeight: number): number {
  lines.forEach((l, i) => {
    ctx.fillText(l, x, y + i * lineHeight);
  });
  return y + lines.length * lineHeight;
}

/** Paints the whole poster on `canvas` (750 × 1200, a phone screen's shape, sharp when shared in WeChat). */
export function drawPoster(canvas: HTMLCanvasElement, p: PosterContent) {
  canvas.width = POSTER_WIDTH;
  canvas.height = POSTER_HEIGHT;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const W = POSTER_WIDTH;
  const pad = 56;
  const inner = W - pad * 2;
  const sky = ctx.createLinearGradient(0, 0, 0, POSTER_HEIGHT);
  sky.addColorStop(0, '#0f3d6e');
  sky.addColorStop(1, '#0f6cbd');
  ctx.fillStyle = sky;
  ctx.fillRect(0, 0, W, POSTER_HEIGHT);
  ctx.textBaseline = 'top';
  ctx.textAlign = 'left';

  ctx.fillStyle = 'rgba(255,255,255,0.85)';
  ctx.font = `500 30px ${POSTER_FONT}`;
  let y = drawLines(
    ctx,
    wrapLines((s) => ctx.measureText(s).width, p.campaign, inner, 2),
    pad,
    64,
    42,
  );

  // The white card holding the case.
  const cardTop = y + 32;
  const cardBottom = POSTER_HEIGHT - 120;
  ctx.fillStyle = '#ffffff';
  // Older in-app browsers lack roundRect: a square card then.
  if (typeof ctx.roundRect === 'function') {
    ctx.beginPath();
    ctx.roundRect(pad - 16, cardTop, inner + 32, cardBottom - cardTop, 24);
    ctx.fill();
  } else ctx.fillRect(pad - 16, cardTop, inner + 32, cardBottom - cardTop);

  const cx = pad + 24;
  const cw = inner - 48;
  y = cardTop + 40;
  ctx.fillStyle = '#0f6cbd';
  ctx.font = `600 26px ${POSTER_FONT}`;
  y =
    drawLines(
      ctx,
      wrapLines((s) => ctx.measureText(s).width, `${p.number} · ${p.theme}`, cw, 2),
      cx,
      y,
      38,
    ) + 20;

  ctx.fillStyle = '#141414';
  ctx.font = `bold 46px ${POSTER_FONT}`;
  y =
    drawLines(
      ctx,
      wrapLines((s) => ctx.measureText(s).width, p.title, cw, 4),
      cx,
      y,
      62,
    ) + 20;

  ctx.fillStyle = '#595959';
  ctx.font = `30px ${POSTER_FONT}`;
  drawLines(
    ctx,
    wrapLines((s) => ctx.measureText(s).width, p.hospital, cw, 2),
    cx,
    y,
    42,
  );

  const qrSize = 300;
  const qrY = cardBottom - qrSize - 110;
  drawQr(ctx, p.url, (W - qrSize) / 2, qrY, qrSize);
  ctx.textAlign = 'center';
  ctx.fillStyle = '#141414';
  ctx.font = `600 32px ${POSTER_FONT}`;
  ctx.fillText(p.call, W / 2, qrY + qrSize + 28);

  ctx.fillStyle = 'rgba(255,255,255,0.85)';
  ctx.font = `26px ${POSTER_FONT}`;
  ctx.fillText(p.footer, W / 2, POSTER_HEIGHT - 76);
}

/** The poster as a PNG blob (for the download link and the long-press preview). */
export function posterBlob(p: PosterContent): Promise<Blob> {
  const canvas = document.createElement('canvas');
  drawPoster(canvas, p);
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('toBlob'))), 'image/png'));
}
