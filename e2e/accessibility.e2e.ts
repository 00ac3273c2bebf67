import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { APPLICANT, STAFF } from './lib/accounts.ts';
import { launch, shot } from './lib/browser.ts';
import { signIn as signInAt } from './lib/sign-in.ts';

/**
 * Accessibility (issue 8 item 14): axe-core finds no critical and no serious violation on the pages a first-time
 * visitor, applicant and screener meet — home, a call's page, login, the entry editor and the screening queue — each
 * at 1280 and 375 px, on the demo data as `npm start` seeds it.
 */
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const VIEWPORTS = [
  ['1280', { width: 1280, height: 900 }],
  ['375', { width: 375, height: 812 }],
] as const;
const soon = { timeout: 20_000 };

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/** The suite's one server (lib/global-setup.ts). */
const server = { url: inject('serverUrl') };
let browser: Browser | null;
let liveId = '';
let editableEntryId = '';

beforeAll(async () => {
  browser = await launch();
  const calls = (await (await fetch(`${server.url}/api/campaigns`)).json()) as {
    items: { id: string; stage: string; currentPhase: string | null }[];
  };
  liveId = calls.items.find((c) => c.stage === 'running' && c.currentPhase === 'submission')?.id ?? '';
  if (!liveId) throw new Error('the demo data should hold a running call');
});
afterAll(async () => {
  await browser?.close();
});

const signIn = (page: Page, account: { email: string; password: string }) => signInAt(page, server.url, account);

/** Critical and serious violations only, each with what a developer needs to find the element. */
async function seriousViolations(page: Page): Promise<string[]> {
  // The app's CSP allows no inline script: contexts are opened with bypassCSP so the test can inject axe.
  await page.addScriptTag({ path: AXE });
  const violations = (await page.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is a global the injected script defines.
    const result = await (window as any).axe.run(document);
    return result.violations;
  })) as AxeViolation[];
  return violations
    .filter((v) => v.impact === 'critical' || v.impact === 'serious')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help}\n${v.nodes
          .slice(0, 8)
          .map((n) => `    ${JSON.stringify(n.target)} ${n.failureSummary?.replace(/\s+/g, ' ') ?? ''}`)
          .join('\n')}`,
    );
}

async function check(page: Page, name: string) {
  // Let lazy chunks and queries settle, and antd's fades end, before reading colours and roles: axe measures contrast
  // on what is drawn, and a notice half faded in has none. Endless animations (a spinner's) are not waited for.
  await page.waitForLoadState('networkidle');
  await page.waitForFunction(() =>
    document
      .getAnimations()
      .every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Number.POSITIVE_INFINITY),
  );
  await shot(page, name);
  const found = await seriousViolations(page);
  if (found.length) console.error(`axe on ${name}:\n${found.join('\n')}`);
  expect(found).toEqual([]);
}

describe('accessibility: no critical or serious axe violation (item 14)', () => {
  for (const [width, viewport] of VIEWPORTS) {
    it(`home page at ${width} px`, async (ctx) => {
      if (!browser) return ctx.skip();
      const context = await browser.newContext({ viewport, bypassCSP: true });
      const page = await context.newPage();
      await page.goto(server.url);
      await page.getByTestId('campaigns-running').waitFor(soon);
      await check(page, `a11y-home-${width}`);
      await context.close();
    });

    it(`a call's page at ${width} px`, async (ctx) => {
      if (!browser) return ctx.skip();
      const context = await browser.newContext({ viewport, bypassCSP: true });
      const page = await context.newPage();
      await page.goto(`${server.url}/campaigns/${liveId}`);
      await page.getByTestId('entry-search-input').waitFor(soon);
      await check(page, `a11y-campaign-${width}`);
      await context.close();
    });

    it(`login at ${width} px`, async (ctx) => {
      if (!browser) return ctx.skip();
      const context = await browser.newContext({ viewport, bypassCSP: true });
      const page = await context.newPage();
      await page.goto(`${server.url}/login`);
      await page.getByTestId('login-submit').waitFor(soon);
      await check(page, `a11y-login-${width}`);
      await context.close();
    });

    it(`the entry editor at ${width} px`, async (ctx) => {
      if (!browser) return ctx.skip();
      const context = await browser.newContext({ viewport, bypassCSP: true });
      const page = await context.newPage();
      await signIn(page, APPLICANT);
      if (!editableEntryId) {
        const mine = (await (await page.request.get(`${server.url}/api/entries/mine`)).json()) as {
          items: { id: string; status: string }[];
        };
        editableEntryId = mine.items.find((e) => e.status === 'returned' || e.status === 'draft')?.id ?? '';
        if (!editableEntryId) throw new Error('the demo applicant should have an entry it can edit');
      }
      await page.goto(`${server.url}/entries/${editableEntryId}`);
      await page.getByTestId('entry-summary').waitFor(soon);
      await check(page, `a11y-entry-editor-${width}`);
      await context.close();
    });

    it(`the screening queue at ${width} px`, async (ctx) => {
      if (!browser) return ctx.skip();
      const context = await browser.newContext({ viewport, bypassCSP: true });
      const page = await context.newPage();
      await signIn(page, STAFF);
      await page.goto(`${server.url}/screening/${liveId}`);
      await page.getByTestId('screening-queue').waitFor(soon);
      await page.locator('[data-testid^="queue-read-"]').first().waitFor(soon);
      await check(page, `a11y-screening-queue-${width}`);
      await context.close();
    });
  }
});
