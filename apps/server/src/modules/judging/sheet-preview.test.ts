import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SEED_000_SHEET } from '@casearena/contract';
import { eq, like } from 'drizzle-orm';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app.ts';
import { activeJudge, assign, judgingCampaign, judgingRound, passedEntry } from '../../../test/judging.ts';
import { AppError } from '../../platform/http/errors.ts';
import { files } from '../../platform/storage/storage.tables.ts';
import {
  convertToPdf,
  type Deck,
  deckOf,
  findSoffice,
  libreOffice,
  type PdfConverter,
  usePdfConverter,
} from './sheet-preview-convert.ts';

/**
 * Issue 10 item 4: a judge's PDF preview of an entry's PPTX, made with LibreOffice where it is installed, once, and
 * served with byte ranges; in a blind round made from the masked deck (S0-4). Without LibreOffice the answer is
 * PREVIEW_UNAVAILABLE, and each file of the judge's view says beforehand whether it has a preview (`pdfPreview`), so
 * the web offers the download only. Both branches run everywhere with a stand-in converter put in place; the last
 * test runs the real LibreOffice where this machine has it (its name says which; CI does not install it).
 */
const SOFFICE = findSoffice();
let t: TestApp;
let setup: Awaited<ReturnType<typeof judgingCampaign>>;

beforeAll(async () => {
  t = await startTestApp();
  setup = await judgingCampaign(t);
}, 120_000);
afterAll(async () => t?.close());

const AUTHOR = 'Zhang Wei';
const binary = { parseAs: 'buffer' } as const;

/** A real three-slide deck (LibreOffice writes it from a flat ODP): the cover names the hospital, the last is the template's copyright page, the author is set. */
function realPptx(soffice: string, hospital: string): Buffer {
  const dir = mkdtempSync(path.join(tmpdir(), 'casearena-deck-'));
  try {
    const page = (n: number, text: string) =>
      `<draw:page draw:name="p${n}"><draw:frame svg:x="2cm" svg:y="2cm" svg:width="20cm" svg:height="3cm"><draw:text-box><text:p>${text}</text:p></draw:text-box></draw:frame></draw:page>`;
    writeFileSync(
      path.join(dir, 'deck.fodp'),
      '<?xml version="1.0" encoding="UTF-8"?><office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" ' +
        'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" ' +
        'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" office:version="1.2" ' +
        'office:mimetype="application/vnd.oasis.opendocument.presentation"><office:body><office:presentation>' +
        `${page(1, `${hospital} 胸痛中心一体化救治`)}${page(2, '改进方法与实践过程')}${page(3, '版权声明：本模板版权归主办方所有')}</office:presentation></office:body></office:document>`,
    );
    execFileSync(
      soffice,
      [
        '--headless',
        '--norestore',
        `-env:UserInstallation=file://${dir}/profile`,
        '--convert-to',
        'pptx',
        '--outdir',
        dir,
        'deck.fodp',
      ],
      { cwd: dir, env: { PATH: process.env.PATH ?? '', HOME: dir }, timeout: 120_000, stdio: 'ignore' },
    );
    return readFileSync(path.join(dir, 'deck.pptx'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function withAuthor(deck: Buffer): Promise<Buffer> {
  const zip = await JSZip.loadAsync(deck);
  zip.file(
    'docProps/core.xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><cp:coreProperties ' +
      'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">' +
      `<dc:creator>${AUTHOR}</dc:creator></cp:coreProperties>`,
  );
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** Whether a PDF's bytes carry `text` as a literal or a UTF-16 hex string (how LibreOffice writes /Author). */
function pdfHas(pdf: Buffer, text: string): boolean {
  const hex = [...text].map((c) => c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')).join('');
  const raw = pdf.toString('latin1');
  return raw.includes(`(${text})`) || raw.toUpperCase().includes(hex);
}

/** A converter that stands in for LibreOffice: it keeps the decks it was given and answers FAKE_PDF. */
const FAKE_PDF = Buffer.from('%PDF-1.4\n% stand-in\n%%EOF\n', 'latin1');
function standIn(available: boolean) {
  const decks: Array<{ deck: Buffer; ext: Deck }> = [];
  const converter: PdfConverter = {
    available: () => available,
    async convert(deck, ext) {
      decks.push({ deck, ext });
      if (!available) throw new AppError('PREVIEW_UNAVAILABLE');
      return FAKE_PDF;
    },
  };
  return { converter, decks };
}
async function withConverter(converter: PdfConverter, body: () => Promise<void>) {
  const restore = usePdfConverter(converter);
  try {
    await body();
  } finally {
    restore();
  }
}

/** A deck whose cover names the hospital, with the copyright page the upload asks for (S0-4). */
async function hospitalPptx(hospital: string): Promise<Buffer> {
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Override PartName="/ppt/presentation.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"/></Types>',
  );
  zip.file('ppt/presentation.xml', '<p:presentation xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"/>');
  ['{h} 胸痛中心一体化救治', '改进方法与实践过程', '版权声明：本模板版权归主办方所有'].forEach((text, i) => {
    zip.file(
      `ppt/slides/slide${i + 1}.xml`,
      `<p:sld xmlns:p="p"><a:t xmlns:a="a">${text.replace('{h}', hospital)}</a:t></p:sld>`,
    );
  });
  return zip.generateAsync({ type: 'nodebuffer' });
}
const slideText = async (deck: Buffer) => {
  const zip = await JSZip.loadAsync(deck);
  return (
    await Promise.all(
      Object.keys(zip.files)
        .filter((n) => n.startsWith('ppt/slides/'))
        .map((n) => zip.file(n)?.async('string')),
    )
  ).join('');
};
/** An OLE2 header is all the upload's sniffing asks of a legacy .ppt; the bytes after it stand for the deck. */
const LEGACY_PPT = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(4096, 7)]);

async function assigned(deck: Buffer | undefined, blind: boolean, pptName?: string) {
  const entry = await passedEntry(t, setup, deck ? { pptx: deck, pptName } : {});
  const judge = await activeJudge(t, setup.organizer.id);
  const round = await judgingRound(t, setup.campaign.id, { sheet: SEED_000_SHEET, blind });
  const a = await assign(t, round, entry, judge.judge.id);
  const view = (await judge.client.get(`/api/judging/assignments/${a.id}`)).json();
  const ppt = view.entry.attachments.find((f: { slot: string }) => f.slot === 'ppt');
  return {
    entry,
    judge,
    a,
    pdfPreview: ppt.pdfPreview as boolean,
    fileId: ppt.fileId as string,
    url: `/api/judging/assignments/${a.id}/files/${ppt.fileId}/preview.pdf`,
  };
}

const previews = async (fileId: string) =>
  (
    await t.app.ctx.db
      .select({ name: files.name })
      .from(files)
      .where(like(files.name, `preview-${fileId}-%`))
  ).map((f) => f.name);

describe('issue 10 item 4: PDF previews of PPT/PPTX', () => {
  it('without a LibreOffice binary a conversion is PREVIEW_UNAVAILABLE, and an empty PATH finds none', async () => {
    expect(findSoffice('')).toBeNull();
    expect(findSoffice('/nonexistent')).toBeNull();
    await expect(convertToPdf(Buffer.from('PK'), 'pptx', { binary: null })).rejects.toMatchObject({
      code: 'PREVIEW_UNAVAILABLE',
    });
  });

  it('LibreOffice is looked for once: a converter found on a PATH stays available after the binary is gone; none on an empty PATH', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'casearena-soffice-'));
    try {
      const fake = path.join(dir, 'soffice');
      writeFileSync(fake, '#!/bin/sh\nexit 1\n');
      chmodSync(fake, 0o755);
      const found = libreOffice(dir);
      expect(found.available()).toBe(true);
      rmSync(fake);
      expect([findSoffice(dir), found.available()]).toEqual([null, true]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const none = libreOffice('');
    expect(none.available()).toBe(false);
    await expect(none.convert(Buffer.from('PK'), 'pptx')).rejects.toMatchObject({ code: 'PREVIEW_UNAVAILABLE' });
  });

  it('a deck is a PPTX or PPT by its sniffed type and a matching name; nothing else is', () => {
    expect([
      deckOf({ name: 'case.pptx', type: 'application/zip' }),
      deckOf({ name: 'CASE.PPT', type: 'application/x-ole-storage' }),
      deckOf({ name: 'case.docx', type: 'application/zip' }),
      deckOf({ name: 'case.ppt', type: 'application/zip' }),
      deckOf({ name: 'talk.mp4', type: 'video/mp4' }),
      deckOf({ name: 'case.pdf', type: 'application/pdf' }),
    ]).toEqual(['pptx', 'ppt', null, null, null, null]);
  });

  it('no converter on the server (stand-in): every deck is pdfPreview false, the preview answers 503 PREVIEW_UNAVAILABLE with its message, nothing converted or stored, the download still served', async () => {
    const { converter, decks } = standIn(false);
    await withConverter(converter, async () => {
      for (const blind of [false, true]) {
        const s = await assigned(undefined, blind);
        expect(s.pdfPreview).toBe(false);
        const res = await s.judge.client.get(s.url);
        expect([res.statusCode, res.json().error]).toEqual([
          503,
          { code: 'PREVIEW_UNAVAILABLE', message: '此文件暂不能在线预览，请下载后查看' },
        ]);
        expect(await previews(s.fileId)).toEqual([]);
        const download = await s.judge.client.get(s.url.replace(/\/preview\.pdf$/, ''), binary);
        expect(download.statusCode).toBe(200);
      }
      expect(decks).toEqual([]);
    });
  }, 120_000);

  it('a converter on the server (stand-in): PPTX and an open round’s .ppt are pdfPreview true and served once converted; a blind round’s PPTX is converted from the masked deck (S0-4); a blind round’s .ppt is false and 503', async () => {
    const { converter, decks } = standIn(true);
    await withConverter(converter, async () => {
      const hospital = `平顶山市第${Math.floor(Math.random() * 1e6)}人民医院`;
      const deck = await hospitalPptx(hospital);

      const open = await assigned(deck, false);
      expect(open.pdfPreview).toBe(true);
      const first = await open.judge.client.get(open.url, binary);
      expect([first.statusCode, first.headers['content-type'], first.rawPayload.equals(FAKE_PDF)]).toEqual([
        200,
        'application/pdf',
        true,
      ]);
      const again = await open.judge.client.get(open.url, binary);
      expect([again.statusCode, again.rawPayload.equals(FAKE_PDF)]).toEqual([200, true]);
      expect(decks.map((d) => [d.ext, d.deck.equals(deck)])).toEqual([['pptx', true]]);
      expect(await previews(open.fileId)).toEqual([`preview-${open.fileId}-plain.pdf`]);

      const blind = await assigned(deck, true);
      expect(blind.pdfPreview).toBe(true);
      const masked = await blind.judge.client.get(blind.url, binary);
      expect([masked.statusCode, masked.rawPayload.equals(FAKE_PDF)]).toEqual([200, true]);
      expect(decks.length).toBe(2);
      expect((await slideText(deck)).includes(hospital)).toBe(true);
      expect((await slideText(decks[1]?.deck as Buffer)).includes(hospital)).toBe(false);

      const legacyOpen = await assigned(LEGACY_PPT, false, 'case.ppt');
      expect(legacyOpen.pdfPreview).toBe(true);
      const legacyPdf = await legacyOpen.judge.client.get(legacyOpen.url, binary);
      expect([legacyPdf.statusCode, legacyPdf.headers['content-disposition']]).toEqual([
        200,
        "inline; filename*=UTF-8''case.pdf",
      ]);
      expect(decks.map((d) => d.ext)).toEqual(['pptx', 'pptx', 'ppt']);

      const legacyBlind = await assigned(LEGACY_PPT, true, 'case.ppt');
      expect(legacyBlind.pdfPreview).toBe(false);
      const refused = await legacyBlind.judge.client.get(legacyBlind.url);
      expect([refused.statusCode, refused.json().error.code]).toEqual([503, 'PREVIEW_UNAVAILABLE']);
      expect(decks.length).toBe(3);
    });
  }, 180_000);

  it('X-4: a judge not assigned the entry gets 404 for its preview, never the file', async () => {
    const s = await assigned(undefined, false);
    const other = await activeJudge(t, setup.organizer.id);
    const res = await other.client.get(s.url);
    expect([res.statusCode, res.json().error.code]).toEqual([404, 'NOT_FOUND']);
  }, 120_000);

  if (SOFFICE) {
    const soffice = SOFFICE;
    it(`LibreOffice installed on this machine (${soffice}): the PPTX converts once, is served with ranges, and a blind round's preview is made from the masked deck (S0-4)`, async () => {
      const hospital = `平顶山市第${Math.floor(Math.random() * 1e6)}人民医院`;
      const deck = await withAuthor(realPptx(soffice, hospital));
      const open = await assigned(deck, false);
      expect(open.pdfPreview).toBe(true);
      const first = await open.judge.client.get(open.url, binary);
      expect([first.statusCode, first.headers['content-type'], first.headers['accept-ranges']]).toEqual([
        200,
        'application/pdf',
        'bytes',
      ]);
      expect(first.headers['content-disposition']).toBe("inline; filename*=UTF-8''case.pdf");
      const pdf = first.rawPayload;
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(pdfHas(pdf, AUTHOR)).toBe(true);
      expect(await previews(open.fileId)).toEqual([`preview-${open.fileId}-plain.pdf`]);
      // Once: the second request reads the stored PDF (same bytes, still one stored copy).
      const again = await open.judge.client.get(open.url, binary);
      expect([again.statusCode, again.rawPayload.equals(pdf)]).toEqual([200, true]);
      expect((await previews(open.fileId)).length).toBe(1);
      const part = await open.judge.client.request({ method: 'GET', url: open.url, headers: { range: 'bytes=0-4' }, ...binary });
      expect([part.statusCode, part.headers['content-range'], part.rawPayload.toString('latin1')]).toEqual([
        206,
        `bytes 0-4/${pdf.length}`,
        '%PDF-',
      ]);

      const blind = await assigned(deck, true);
      const masked = await blind.judge.client.get(blind.url, binary);
      expect([masked.statusCode, masked.headers['content-type']]).toEqual([200, 'application/pdf']);
      expect(masked.headers['content-disposition']).toBe(`inline; filename*=UTF-8''${encodeURIComponent('案例PPT.pdf')}`);
      expect(masked.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(pdfHas(masked.rawPayload, AUTHOR)).toBe(false);
      expect(await previews(blind.fileId)).toEqual([
        expect.stringMatching(new RegExp(`^preview-${blind.fileId}-masked-[0-9a-f]{16}\\.pdf$`)),
      ]);
    }, 300_000);
  } else {
    it('LibreOffice not installed on this machine: the deck is pdfPreview false and the preview answers 503 PREVIEW_UNAVAILABLE', async () => {
      const s = await assigned(undefined, false);
      expect(s.pdfPreview).toBe(false);
      const res = await s.judge.client.get(s.url);
      expect([res.statusCode, res.json().error.code]).toEqual([503, 'PREVIEW_UNAVAILABLE']);
      expect(await previews(s.fileId)).toEqual([]);
      const stored = await t.app.ctx.db.select().from(files).where(eq(files.id, s.fileId));
      expect(stored.length).toBe(1);
    }, 120_000);
  }
});
