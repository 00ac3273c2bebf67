import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page, type Response } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../screenshots');

/** Debian's Chromium, with the flags this sandbox needs; never a downloaded browser build. */
export async function launch(): Promise<Browser | null> {
  if (!fs.existsSync(CHROMIUM)) {
    if (process.env.CI) throw new Error(`Chromium is missing at ${CHROMIUM} (install Debian's chromium package)`);
    return null;
  }
  // Playwright passes --headless and a fresh temporary profile itself.
  return chromium.launch({
    headless: true,
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * A full-page screenshot from the top (scrolled down, the sticky header would be drawn in the middle of the page),
 * with finite CSS animations and transitions run to their end, so a drawer or a toast is drawn where it comes to
 * rest rather than wherever its motion happened to be.
 */
export async function shot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForFunction(() => window.scrollY === 0);
  await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
  return file;
}

/**
 * The page's next answer to `method path` (a path, or a pattern for one), to await after the click that sends it:
 * a web-first wait on what the server said rather than on how long it usually takes. Throws on anything but 2xx.
 */
export function answer(page: Page, method: string, pathname: string | RegExp): Promise<Response> {
  const matches = (p: string) => (typeof pathname === 'string' ? p === pathname : pathname.test(p));
  return page
    .waitForResponse((r) => r.request().method() === method && matches(new URL(r.url()).pathname), { timeout: 30_000 })
    .then(async (r) => {
      if (!r.ok()) throw new Error(`${method} ${new URL(r.url()).pathname}: ${r.status()} ${await r.text()}`);
      return r;
    });
}

/** GET `pathname` on `baseUrl` with the page's cookies, as JSON; throws on anything but 2xx. */
export async function getJson<T>(page: Page, baseUrl: string, pathname: string): Promise<T> {
  const res = await page.request.get(`${baseUrl}${pathname}`);
  if (!res.ok()) throw new Error(`GET ${pathname}: ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
}
