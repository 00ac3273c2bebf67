import type { TCertificateLayout } from '@casearena/contract';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { certificateFont, textWidth, wrapParagraph } from './certificate-font.ts';
import type { PreparedSeal } from './certificate-seal.ts';

/** What one certificate prints, every text final (the wording's placeholders filled in). */
export interface CertificateContent {
  layout: TCertificateLayout;
  number: string;
  /** The wording: a first line (the recipient, "北京协和医院：") and paragraphs, separated by '\n'. */
  text: string;
  campaignTitle: string;
  issuer: string;
  signatureCaption: string;
  /** The Asia/Shanghai day of issue as printed, e.g. 2026年3月2日. */
  issuedOn: string;
  verifyUrl: string;
}

const W = 841.89; // A4 landscape, points
const H = 595.28;

interface Style {
  background: string | null;
  title: { color: string; size: number; spacing: number; y: number; x: number | 'center' };
  ink: string;
  muted: string;
  accent: string;
  /** The text block's left edge, width and top. */
  body: { x: number; width: number; y: number; size: number };
  /** The signature block's centre and the signature line's height. */
  signature: { cx: number; lineY: number };
  qr: { x: number; y: number; size: number; dark: string; light: string };
  /** Where the number and the short link are printed. */
  meta: { x: number; y: number; color: string; width: number };
  frame: (doc: PDFKit.PDFDocument) => void;
}

const SERIF_RED = '#9e1b1b';
const GOLD = '#b8912f';

const STYLES: Record<TCertificateLayout, Style> = {
  classic: {
    background: '#fbf6e8',
    title: { color: SERIF_RED, size: 52, spacing: 22, y: 74, x: 'center' },
    ink: '#2a2320',
    muted: '#6b5d4f',
    accent: GOLD,
    body: { x: 120, width: W - 240, y: 196, size: 22 },
    signature: { cx: 620, lineY: 452 },
    qr: { x: 86, y: 424, size: 76, dark: '#2a2320', light: '#fbf6e8' },
    meta: { x: 172, y: 448, color: '#6b5d4f', width: 250 },
    frame(doc) {
      doc
        .lineWidth(7)
        .strokeColor(SERIF_RED)
        .rect(20, 20, W - 40, H - 40)
        .stroke();
      doc
        .lineWidth(1.6)
        .strokeColor(GOLD)
        .rect(32, 32, W - 64, H - 64)
        .stroke();
      doc
        .lineWidth(0.6)
        .rect(37, 37, W - 74, H - 74)
        .stroke();
      // Corner ornaments: a gold diamond with two short bars in each corner of the inner frame.
      for (const [x, y] of [
        [37, 37],
        [W - 37, 37],
        [37, H - 37],
        [W - 37, H - 37],
      ] as const) {
        const sx = x < W / 2 ? 1 : -1;
        const sy = y < H / 2 ? 1 : -1;
        doc
          .polygon([x + sx * 14, y + sy * 4], [x + sx * 24, y + sy * 14], [x + sx * 14, y + sy * 24], [x + sx * 4, y + sy * 14])
          .fillColor(GOLD)
          .fill();
        doc.lineWidth(1.2).strokeColor(GOLD);
        doc
          .moveTo(x + sx * 30, y + sy * 14)
          .lineTo(x + sx * 70, y + sy * 14)
          .stroke();
        doc
          .moveTo(x + sx * 14, y + sy * 30)
          .lineTo(x + sx * 14, y + sy * 70)
          .stroke();
      }
      // A gold rule under the title.
      doc
        .lineWidth(1)
        .strokeColor(GOLD)
        .moveTo(W / 2 - 150, 150)
        .lineTo(W / 2 + 150, 150)
        .stroke();
      doc
        .circle(W / 2, 150, 3)
        .fillColor(GOLD)
        .fill();
    },
  },
  modern: {
    background: '#ffffff',
    title: { color: '#16324f', size: 44, spacing: 14, y: 70, x: 262 },
    ink: '#1f2933',
    muted: '#52606d',
    accent: '#c8a24a',
    body: { x: 262, width: W - 262 - 64, y: 180, size: 21 },
    signature: { cx: 650, lineY: 452 },
    qr: { x: 60, y: 400, size: 96, dark: '#16324f', light: '#ffffff' },
    meta: { x: 30, y: 506, color: '#e6edf3', width: 170 },
    frame(doc) {
      doc.rect(0, 0, 216, H).fillColor('#16324f').fill();
      doc.rect(216, 0, 6, H).fillColor('#c8a24a').fill();
      doc
        .rect(222, H - 14, W - 222, 14)
        .fillColor('#16324f')
        .fill();
      // The band's white square behind the QR code, and a large 證-like emblem: two rings.
      doc.rect(52, 392, 112, 112).fillColor('#ffffff').fill();
      doc.lineWidth(2).strokeColor('#c8a24a').circle(108, 150, 58).stroke();
      doc.lineWidth(0.8).circle(108, 150, 50).stroke();
      doc.lineWidth(1).strokeColor('#c8a24a').moveTo(262, 138).lineTo(420, 138).stroke();
    },
  },
  simple: {
    background: null,
    title: { color: '#111111', size: 40, spacing: 16, y: 78, x: 'center' },
    ink: '#111111',
    muted: '#555555',
    accent: '#999999',
    body: { x: 110, width: W - 220, y: 190, size: 21 },
    signature: { cx: 640, lineY: 456 },
    qr: { x: 80, y: 440, size: 68, dark: '#111111', light: '#ffffff' },
    meta: { x: 158, y: 462, color: '#555555', width: 260 },
    frame(doc) {
      doc
        .lineWidth(0.8)
        .strokeColor('#999999')
        .rect(36, 36, W - 72, H - 72)
        .stroke();
    },
  },
};

/** Text at (x, y) without pdfkit's own line wrapping (we wrap: wrapParagraph), optionally centred on x. */
function put(
  doc: PDFKit.PDFDocument,
  text: string,
  x: number,
  y: number,
  size: number,
  options: { center?: boolean; spacing?: number } = {},
) {
  const width = textWidth(text, size, options.spacing ?? 0);
  doc
    .fontSize(size)
    .text(text, options.center ? x - width / 2 : x, y, { lineBreak: false, characterSpacing: options.spacing ?? 0 });
}

/** The wording's lines at `size`: the first paragraph (the recipient) flush left, the others indented two em. */
function layoutWording(text: string, size: number, width: number): Array<{ text: string; indent: number }> {
  return text
    .split('\n')
    .flatMap((paragraph, i) =>
      wrapParagraph(paragraph, size, width, i === 0 ? 0 : 2).map((line, j) => ({ text: line, indent: i > 0 && j === 0 ? 2 : 0 })),
    );
}

/** A link cut into lines of at most `width` wherever it must (a URL has no spaces to break at). */
function breakAnywhere(text: string, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const ch of text) {
    if (line !== '' && textWidth(line + ch, size) > width) {
      lines.push(line);
      line = '';
    }
    line += ch;
  }
  return [...lines, line];
}

/** The QR code as one path of rectangles (a run of dark modules in a row is one rectangle). */
function drawQr(doc: PDFKit.PDFDocument, url: string, style: Style['qr']) {
  const qr = QRCode.create(url, { errorCorrectionLevel: 'M', maskPattern: 0 } as QRCode.QRCodeOptions);
  const n = qr.modules.size;
  const cell = style.size / n;
  doc
    .rect(style.x - 4, style.y - 4, style.size + 8, style.size + 8)
    .fillColor(style.light)
    .fill();
  for (let y = 0; y < n; y += 1) {
    let x = 0;
    while (x < n) {
      if (!qr.modules.get(y, x)) {
        x += 1;
        continue;
      }
      const start = x;
      while (x < n && qr.modules.get(y, x)) x += 1;
      // A hair wider than the module so that viewers draw no seams between neighbours.
      doc.rect(style.x + start * cell, style.y + y * cell, (x - start) * cell + 0.05, cell + 0.05);
    }
  }
  doc.fillColor(style.dark).fill();
}

/** The organizer's seal as an image XObject with its alpha as a soft mask, from data prepared once per design. */
function drawSeal(doc: PDFKit.PDFDocument, seal: PreparedSeal, cx: number, cy: number, size: number) {
  const scale = size / Math.max(seal.width, seal.height);
  const w = seal.width * scale;
  const h = seal.height * scale;
  const image = { Type: 'XObject', Subtype: 'Image', Width: seal.width, Height: seal.height, BitsPerComponent: 8 };
  const mask = doc.ref({ ...image, ColorSpace: 'DeviceGray', Filter: 'FlateDecode' });
  mask.end(seal.alpha);
  const color = doc.ref({ ...image, ColorSpace: 'DeviceRGB', Filter: 'FlateDecode', SMask: mask });
  color.end(seal.rgb);
  (doc.page as unknown as { xobjects: Record<string, unknown> }).xobjects.Seal = color;
  doc.save();
  doc.transform(w, 0, 0, -h, cx - w / 2, cy - h / 2 + h);
  doc.addContent('/Seal Do');
  doc.restore();
}

/**
 * One certificate as a PDF (issue 12 item 4, X-7): A4 landscape in one of the three built-in layouts, the title
 * 荣誉证书, the wording, the issuer over the signature line with the organizer's seal stamped across it, the day of
 * issue, the certificate number, the QR code of the verification link and the link itself in print. Text is set in
 * the embedded Noto Serif SC (a subset per PDF); nothing is read from the machine's fonts.
 */
export function renderCertificatePdf(
  content: CertificateContent,
  seal: PreparedSeal | null,
  /** compress: false leaves the streams for the zip to deflate (off the event loop, in zlib's threads). */
  options: { compress?: boolean } = {},
): Promise<Buffer> {
  const style = STYLES[content.layout];
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: 0,
    // No default font: pdfkit would parse Helvetica's metrics for every PDF.
    font: null as unknown as string,
    compress: options.compress ?? true,
    info: { Title: `荣誉证书 ${content.number}`, Subject: content.number, Author: content.issuer, Creator: 'CaseArena' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('serif', certificateFont() as unknown as string);
  doc.font('serif');

  if (style.background) doc.rect(0, 0, W, H).fillColor(style.background).fill();
  style.frame(doc);

  // The title, set heavier by stroking its outline in its own colour.
  const t = style.title;
  doc.fillColor(t.color).strokeColor(t.color).lineWidth(0.9);
  const titleWidth = textWidth('荣誉证书', t.size, t.spacing);
  doc.fontSize(t.size).text('荣誉证书', t.x === 'center' ? W / 2 - titleWidth / 2 : t.x, t.y, {
    lineBreak: false,
    characterSpacing: t.spacing,
    fill: true,
    stroke: true,
  });
  if (content.layout === 'modern') {
    doc.fillColor('#ffffff');
    put(doc, '荣誉', 108, 122, 40, { center: true, spacing: 4 });
    doc.fillColor('#c8a24a');
    for (const [i, line] of wrapParagraph(content.campaignTitle, 12, 160).slice(0, 4).entries())
      put(doc, line, 108, 232 + i * 18, 12, { center: true });
  }

  // The wording: the first line (the recipient) flush left, each following paragraph indented two characters; a
  // long wording is set smaller until it fits above the signature block.
  const b = style.body;
  const room = style.signature.lineY - 36 - b.y;
  let size = b.size;
  let lines = layoutWording(content.text, size, b.width);
  while (size > 11 && lines.length * size * 1.85 > room) {
    size -= 1;
    lines = layoutWording(content.text, size, b.width);
  }
  let y = b.y;
  doc.fillColor(style.ink);
  for (const line of lines) {
    put(doc, line.text, b.x + line.indent * size, y, size);
    y += size * 1.85;
  }

  // The signature block: the line, its caption, the issuer and the day, the seal stamped over them.
  const s = style.signature;
  doc
    .lineWidth(0.8)
    .strokeColor(style.muted)
    .moveTo(s.cx - 100, s.lineY)
    .lineTo(s.cx + 100, s.lineY)
    .stroke();
  doc.fillColor(style.muted);
  put(doc, content.signatureCaption, s.cx, s.lineY + 5, 11, { center: true });
  doc.fillColor(style.ink);
  put(doc, content.issuer, s.cx, s.lineY + 26, Math.min(17, 250 / textWidth(content.issuer, 1)), { center: true });
  put(doc, content.issuedOn, s.cx, s.lineY + 54, 15, { center: true });
  if (seal) drawSeal(doc, seal, s.cx, s.lineY + 16, 132);

  // The number, the QR code of the verification link and the link in print.
  drawQr(doc, content.verifyUrl, style.qr);
  const m = style.meta;
  doc.fillColor(m.color);
  put(doc, `证书编号：${content.number}`, m.x, m.y, 11);
  put(doc, '扫码或访问以下地址验证：', m.x, m.y + 18, 8.5);
  for (const [i, line] of breakAnywhere(content.verifyUrl, 8, m.width).entries()) put(doc, line, m.x, m.y + 31 + i * 11, 8);

  doc.end();
  return done;
}
