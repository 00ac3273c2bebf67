import JSZip from 'jszip';

/**
 * A real (small) PPTX: the parts PowerPoint needs to call it a presentation, `slides` slides, the first one carrying
 * the template's copyright statement unless told otherwise, and optionally animated slides.
 */
export async function buildPptx(options: { slides?: number; copyright?: boolean; animated?: number } = {}): Promise<Buffer> {
  const zip = new JSZip();
  const count = options.slides ?? 3;
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Override PartName="/ppt/presentation.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"/></Types>',
  );
  zip.file('ppt/presentation.xml', '<p:presentation xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"/>');
  for (let i = 1; i <= count; i += 1) {
    const text = i === 1 && options.copyright !== false ? '版权声明：本模板版权归主办方所有' : `第${i}页：改进方法与实践过程`;
    const timing = i <= (options.animated ?? 0) ? '<p:timing><p:tnLst/></p:timing>' : '';
    zip.file(`ppt/slides/slide${i}.xml`, `<p:sld xmlns:p="p"><a:t xmlns:a="a">${text}</a:t>${timing}</p:sld>`);
  }
  return zip.generateAsync({ type: 'nodebuffer' });
}
