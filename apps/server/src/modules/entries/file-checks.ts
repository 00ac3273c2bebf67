import type { AttachmentType } from '@casearena/contract';
import { ATTACHMENT_TYPE_LABELS } from '@casearena/contract';
import JSZip from 'jszip';
import { AppError } from '../../platform/http/errors.ts';
import type { FileKind } from '../../platform/storage/sniff.ts';

/** Which sniffed content kind each allowed attachment type has (PPTX and DOCX are ZIP containers, PPT is OLE2). */
export const KIND_OF_TYPE: Record<AttachmentType, FileKind> = {
  pptx: 'zip',
  docx: 'zip',
  ppt: 'ole2',
  pdf: 'pdf',
  mp4: 'mp4',
  jpg: 'jpeg',
  png: 'png',
};

export function allowedKinds(types: readonly AttachmentType[]): FileKind[] {
  return [...new Set(types.map((t) => KIND_OF_TYPE[t]))];
}

export function typesLabel(types: readonly AttachmentType[]): string {
  return types.map((t) => ATTACHMENT_TYPE_LABELS[t]).join('、');
}

export interface PptxFacts {
  slides: number;
  copyrightPage: boolean;
  animatedSlides: number;
}

/**
 * Looks inside a ZIP the slot accepts as PPTX or DOCX: a renamed archive (or a .docx sent as the PPT) is refused with
 * FILE_CONTENT_INVALID. For a presentation it reports what the screener checks by hand under S0-4: how many slides,
 * whether a slide carries the template's copyright statement (版权), and how many slides animate.
 */
export async function inspectZip(buffer: Buffer, types: readonly AttachmentType[]): Promise<PptxFacts | null> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(buffer);
  } catch {
    throw new AppError('FILE_CONTENT_INVALID', { kind: typesLabel(types), reason: '文件已损坏或不是有效的 Office 文档' });
  }
  const contentTypes = (await zip.file('[Content_Types].xml')?.async('string')) ?? '';
  const isPptx = contentTypes.includes('presentationml') && zip.file('ppt/presentation.xml') !== null;
  const isDocx = contentTypes.includes('wordprocessingml') && zip.file('word/document.xml') !== null;
  if (types.includes('pptx') && isPptx) {
    const slides = zip.file(/^ppt\/slides\/slide\d+\.xml$/);
    let copyrightPage = false;
    let animatedSlides = 0;
    for (const slide of slides) {
      const xml = await slide.async('string');
      if (xml.includes('版权')) copyrightPage = true;
      if (xml.includes('<p:timing')) animatedSlides += 1;
    }
    return { slides: slides.length, copyrightPage, animatedSlides };
  }
  if (types.includes('docx') && isDocx) return null;
  throw new AppError('FILE_CONTENT_INVALID', {
    kind: typesLabel(types),
    reason: isDocx ? '这是 Word 文档，不是演示文稿' : '不是有效的演示文稿（可能是修改了扩展名的其他文件）',
  });
}
