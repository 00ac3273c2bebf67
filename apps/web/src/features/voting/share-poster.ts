import QRCode from 'qrcode';
import { canvasFont, canvasPng, drawText, fillBackground, fillRoundRect } from '../../components/canvas-text.ts';

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

export const POSTER_WIDTH = 750;
export const POSTER_HEIGHT = 1200;

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

/** Paints the whole poster on `canvas` (750 × 1200, a phone screen's shape, sharp when shared in WeChat). */
export function drawPoster(canvas: HTMLCanvasElement, p: PosterContent) {
  canvas.width = POSTER_WIDTH;
  canvas.height = POSTER_HEIGHT;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const W = POSTER_WIDTH;
  const pad = 56;
  const inner = W - pad * 2;
  fillBackground(ctx, W, POSTER_HEIGHT, '#0f3d6e', '#0f6cbd');
  ctx.textBaseline = 'top';
  ctx.textAlign = 'left';

  const white = 'rgba(255,255,255,0.85)';
  let y = drawText(ctx, p.campaign, pad, 64, {
    font: canvasFont(30, 500),
    color: white,
    maxWidth: inner,
    maxLines: 2,
    lineHeight: 42,
  });

  // The white card holding the case.
  const cardTop = y + 32;
  const cardBottom = POSTER_HEIGHT - 120;
  ctx.fillStyle = '#ffffff';
  fillRoundRect(ctx, pad - 16, cardTop, inner + 32, cardBottom - cardTop, 24);

  const cx = pad + 24;
  const cw = inner - 48;
  y = cardTop + 40;
  const card = { maxWidth: cw, maxLines: 2 };
  y =
    drawText(ctx, `${p.number} · ${p.theme}`, cx, y, { ...card, font: canvasFont(26, 600), color: '#0f6cbd', lineHeight: 38 }) +
    20;
  y =
    drawText(ctx, p.title, cx, y, { ...card, maxLines: 4, font: canvasFont(46, 'bold'), color: '#141414', lineHeight: 62 }) + 20;
  drawText(ctx, p.hospital, cx, y, { ...card, font: canvasFont(30), color: '#595959', lineHeight: 42 });

  const qrSize = 300;
  const qrY = cardBottom - qrSize - 110;
  drawQr(ctx, p.url, (W - qrSize) / 2, qrY, qrSize);
  ctx.textAlign = 'center';
  ctx.fillStyle = '#141414';
  ctx.font = canvasFont(32, 600);
  ctx.fillText(p.call, W / 2, qrY + qrSize + 28);

  ctx.fillStyle = white;
  ctx.font = canvasFont(26);
  ctx.fillText(p.footer, W / 2, POSTER_HEIGHT - 76);
}

/** The poster as a PNG blob (for the download link and the long-press preview). */
export function posterBlob(p: PosterContent): Promise<Blob> {
  return canvasPng((canvas) => drawPoster(canvas, p));
}
