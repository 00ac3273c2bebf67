import { POSTER_FONT, wrapLines } from '../voting/share-poster.ts';

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
  const measure = (s: string) => ctx.measureText(s).width;
  const pad = 48;
  const bg = ctx.createLinearGradient(0, 0, 0, H);
  bg.addColorStop(0, '#7a1f1f');
  bg.addColorStop(1, '#b8322a');
  ctx.fillStyle = bg;
  ctx.fillRect(0, 0, W, H);
  ctx.textBaseline = 'top';
  ctx.textAlign = 'center';

  ctx.fillStyle = '#ffe7ba';
  ctx.font = `500 28px ${POSTER_FONT}`;
  let y = 56;
  for (const line of wrapLines(measure, c.campaign, W - pad * 2, 2)) {
    ctx.fillText(line, W / 2, y);
    y += 40;
  }
  ctx.fillStyle = '#ffffff';
  ctx.font = `bold 52px ${POSTER_FONT}`;
  for (const line of wrapLines(measure, c.theme, W - pad * 2, 2)) {
    ctx.fillText(line, W / 2, y + 8);
    y += 66;
  }
  ctx.fillStyle = '#ffd666';
  ctx.font = `500 26px ${POSTER_FONT}`;
  ctx.fillText(c.status, W / 2, y + 14);
  y += 64;

  // The white sheet holding the rows.
  const top = y;
  const bottom = H - 96;
  ctx.fillStyle = '#ffffff';
  if (typeof ctx.roundRect === 'function') {
    ctx.beginPath();
    ctx.roundRect(pad - 16, top, W - (pad - 16) * 2, bottom - top, 20);
    ctx.fill();
  } else ctx.fillRect(pad - 16, top, W - (pad - 16) * 2, bottom - top);

  ctx.textAlign = 'left';
  const x = pad + 12;
  const inner = W - (pad + 12) * 2;
  const reserve = 56;
  let yy = top + 28;
  let drawn = 0;
  for (const row of c.rows) {
    ctx.font = `bold 30px ${POSTER_FONT}`;
    const titleLines = wrapLines(measure, row.title, inner, 2);
    ctx.font = `24px ${POSTER_FONT}`;
    const hospitalLines = wrapLines(measure, row.hospital + (row.honour ? ` · ${row.honour}` : ''), inner, 2);
    const height = 40 + titleLines.length * 40 + hospitalLines.length * 34 + 24;
    const last = drawn === c.rows.length - 1;
    if (yy + height > bottom - (last ? 16 : reserve)) break;
    ctx.fillStyle = '#ad2102';
    ctx.font = `600 26px ${POSTER_FONT}`;
    ctx.fillText(row.award, x, yy);
    yy += 40;
    ctx.fillStyle = '#141414';
    ctx.font = `bold 30px ${POSTER_FONT}`;
    for (const l of titleLines) {
      ctx.fillText(l, x, yy);
      yy += 40;
    }
    ctx.fillStyle = '#595959';
    ctx.font = `24px ${POSTER_FONT}`;
    for (const l of hospitalLines) {
      ctx.fillText(l, x, yy);
      yy += 34;
    }
    yy += 12;
    ctx.fillStyle = '#f0f0f0';
    ctx.fillRect(x, yy, inner, 2);
    yy += 12;
    drawn++;
  }
  if (drawn < c.rows.length) {
    ctx.fillStyle = '#8c8c8c';
    ctx.font = `24px ${POSTER_FONT}`;
    ctx.fillText(c.more(c.rows.length - drawn), x, yy + 4);
  }

  ctx.textAlign = 'center';
  ctx.fillStyle = 'rgba(255,255,255,0.85)';
  ctx.font = `24px ${POSTER_FONT}`;
  ctx.fillText(c.footer, W / 2, H - 64);
}

export function honourImageBlob(c: HonourImageContent): Promise<Blob> {
  const canvas = document.createElement('canvas');
  drawHonourImage(canvas, c);
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('toBlob'))), 'image/png'));
}
