import {
  canvasFont,
  canvasPng,
  drawLines,
  drawText,
  fillBackground,
  fillRoundRect,
  linesOf,
} from '../../components/canvas-text.ts';

/**
 * A theme's honour list as a phone-sized image (750 × 1334, an iPhone screen at 2×), drawn with the Canvas 2D API in
 * the browser: system CJK fonts only, nothing fetched, so it works on intranets and in WeChat's browser.
 */
export const HONOUR_IMAGE_WIDTH = 750;
export const HONOUR_IMAGE_HEIGHT = 1334;

export interface HonourImageRow {
  award: string;
  title: string;
  hospital: string;
  honour: string | null;
}

export interface HonourImageContent {
  campaign: string;
  theme: string;
  /** 公示中 / 最终结果: the list says which it is. */
  status: string;
  rows: HonourImageRow[];
  /** "… and N more" when the rows do not fit. */
  more: (n: number) => string;
  footer: string;
}

/** Paints the list; rows that do not fit are counted in the last line rather than cut mid-row. */
export function drawHonourImage(canvas: HTMLCanvasElement, c: HonourImageContent): void {
  const W = HONOUR_IMAGE_WIDTH;
  const H = HONOUR_IMAGE_HEIGHT;
  canvas.width = W;
  canvas.height = H;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const pad = 48;
  fillBackground(ctx, W, H, '#7a1f1f', '#b8322a');
  ctx.textBaseline = 'top';
  ctx.textAlign = 'center';

  const head = { maxWidth: W - pad * 2, maxLines: 2 };
  let y = drawText(ctx, c.campaign, W / 2, 56, { ...head, font: canvasFont(28, 500), color: '#ffe7ba', lineHeight: 40 });
  y = drawText(ctx, c.theme, W / 2, y + 8, { ...head, font: canvasFont(52, 'bold'), color: '#ffffff', lineHeight: 66 }) - 8;
  ctx.fillStyle = '#ffd666';
  ctx.font = canvasFont(26, 500);
  ctx.fillText(c.status, W / 2, y + 14);
  y += 64;

  // The white sheet holding the rows.
  const top = y;
  const bottom = H - 96;
  ctx.fillStyle = '#ffffff';
  fillRoundRect(ctx, pad - 16, top, W - (pad - 16) * 2, bottom - top, 20);

  ctx.textAlign = 'left';
  const x = pad + 12;
  const inner = W - (pad + 12) * 2;
  const reserve = 56;
  const titleFont = canvasFont(30, 'bold');
  const hospitalFont = canvasFont(24);
  let yy = top + 28;
  let drawn = 0;
  for (const row of c.rows) {
    // Measured first: a row is drawn whole or not at all.
    const titleLines = linesOf(ctx, row.title, titleFont, inner, 2);
    const hospitalLines = linesOf(ctx, row.hospital + (row.honour ? ` · ${row.honour}` : ''), hospitalFont, inner, 2);
    const height = 40 + titleLines.length * 40 + hospitalLines.length * 34 + 24;
    const last = drawn === c.rows.length - 1;
    if (yy + height > bottom - (last ? 16 : reserve)) break;
    ctx.fillStyle = '#ad2102';
    ctx.font = canvasFont(26, 600);
    ctx.fillText(row.award, x, yy);
    yy += 40;
    ctx.fillStyle = '#141414';
    ctx.font = titleFont;
    yy = drawLines(ctx, titleLines, x, yy, 40);
    ctx.fillStyle = '#595959';
    ctx.font = hospitalFont;
    yy = drawLines(ctx, hospitalLines, x, yy, 34);
    yy += 12;
    ctx.fillStyle = '#f0f0f0';
    ctx.fillRect(x, yy, inner, 2);
    yy += 12;
    drawn++;
  }
  if (drawn < c.rows.length) {
    ctx.fillStyle = '#8c8c8c';
    ctx.font = hospitalFont;
    ctx.fillText(c.more(c.rows.length - drawn), x, yy + 4);
  }

  ctx.textAlign = 'center';
  ctx.fillStyle = 'rgba(255,255,255,0.85)';
  ctx.font = canvasFont(24);
  ctx.fillText(c.footer, W / 2, H - 64);
}

export function honourImageBlob(c: HonourImageContent): Promise<Blob> {
  return canvasPng((canvas) => drawHonourImage(canvas, c));
}
