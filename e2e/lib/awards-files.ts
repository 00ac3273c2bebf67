import type { Locator, Page } from 'playwright-core';

/** Files the awards stories upload or read back. */

/** A one-page PDF small enough to read: the evidence file (the server sniffs its bytes). */
export const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

/**
 * An image on the page as drawn, PNG in base64 (the page's CSP keeps fetch() off blob: URLs; a canvas copy is the
 * same pixels).
 */
export function imagePng(image: Locator): Promise<string> {
  return image.evaluate((el) => {
    const img = el as HTMLImageElement;
    const c = document.createElement('canvas');
    c.width = img.naturalWidth;
    c.height = img.naturalHeight;
    c.getContext('2d')?.drawImage(img, 0, 0);
    return c.toDataURL('image/png').split(',')[1] ?? '';
  });
}

/** The seal: a red ring drawn in the page (a PNG as an organizer scans one), in base64. */
export function drawSeal(page: Page): Promise<string> {
  return page.evaluate(() => {
    const c = document.createElement('canvas');
    c.width = 240;
    c.height = 240;
    const g = c.getContext('2d') as CanvasRenderingContext2D;
    g.strokeStyle = '#d4380d';
    g.lineWidth = 10;
    g.beginPath();
    g.arc(120, 120, 105, 0, Math.PI * 2);
    g.stroke();
    g.fillStyle = '#d4380d';
    g.font = 'bold 40px sans-serif';
    g.textAlign = 'center';
    g.fillText('★', 120, 135);
    return c.toDataURL('image/png').split(',')[1] ?? '';
  });
}
