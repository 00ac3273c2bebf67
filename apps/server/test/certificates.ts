import { inflateSync } from 'node:zlib';
import type { TAwardSetState } from '@casearena/contract';
import { eq } from 'drizzle-orm';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { awardSets, awards } from '../src/db/schema.ts';
import type { TestApp } from './app.ts';

/**
 * A seal as organizers upload one (issue 12 item 4): a red ring with a five-pointed star, transparent elsewhere,
 * `size` pixels square, as a PNG.
 */
export function sealPng(size = 240): Buffer {
  const png = new PNG({ width: size, height: size });
  const c = size / 2;
  const star: Array<[number, number]> = [];
  for (let k = 0; k < 10; k += 1) {
    const r = k % 2 === 0 ? size * 0.2 : size * 0.08;
    const a = -Math.PI / 2 + (k * Math.PI) / 5;
    star.push([c + r * Math.cos(a), c + r * Math.sin(a)]);
  }
  const inStar = (x: number, y: number) => {
    let inside = false;
    for (let i = 0, j = star.length - 1; i < star.length; j = i, i += 1) {
      const [xi, yi] = star[i] as [number, number];
      const [xj, yj] = star[j] as [number, number];
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
    return inside;
  };
  for (let y = 0; y < size; y += 1)
    for (let x = 0; x < size; x += 1) {
      const d = Math.hypot(x - c, y - c);
      const ring = d < size * 0.48 && d > size * 0.43;
      const inner = d < size * 0.4 && d > size * 0.39;
      const on = ring || inner || inStar(x, y);
      const i = (y * size + x) * 4;
      png.data[i] = 200;
      png.data[i + 1] = 16;
      png.data[i + 2] = 24;
      png.data[i + 3] = on ? 220 : 0;
    }
  return PNG.sync.write(png);
}

export interface AwardSeed {
  organizationId: string;
  /** An entry's award (its theme), or a campaign-wide one. */
  entry?: { id: string; themeId: string };
  ruleKey?: string;
  level?: string;
  labelZh?: string;
}

/**
 * A campaign's award set in `state` with these live awards, written straight into the awards tables (the awards
 * module's own tests compute them; here only their certificates matter). Returns the awards' ids in order.
 */
export async function awardSetWith(t: TestApp, campaignId: string, seeds: AwardSeed[], state: TAwardSetState = 'final') {
  const db = t.app.ctx.db;
  const at = t.clock.now();
  await db
    .insert(awardSets)
    .values({ campaignId, state, rules: [], createdAt: at, updatedAt: at, ...(state === 'final' ? { finalAt: at } : {}) })
    .onConflictDoUpdate({ target: awardSets.campaignId, set: { state } });
  const ids: string[] = [];
  for (let i = 0; i < seeds.length; i += 500) {
    const rows = await db
      .insert(awards)
      .values(
        seeds.slice(i, i + 500).map((s, j) => ({
          campaignId,
          ruleKey: s.ruleKey ?? (s.entry ? 'tiers' : 'most_entries'),
          kind: s.entry ? 'tiers' : 'most_entries',
          level: s.level ?? (s.entry ? 'outstanding' : `best_org_${i + j}`),
          labelZh: s.labelZh ?? (s.entry ? '卓越案例' : '最佳组织奖'),
          labelEn: s.entry ? 'Outstanding case' : 'Best organization',
          themeId: s.entry?.themeId ?? null,
          entryId: s.entry?.id ?? null,
          organizationId: s.organizationId,
          position: i + j,
          figures: { value: null, rank: null, base: null, cut: null, tied: false, why: { 'zh-CN': '', en: '' } },
          createdAt: at,
        })),
      )
      .returning({ id: awards.id });
    ids.push(...rows.map((r) => r.id));
  }
  return ids;
}

/** Sets an award set's state directly (before final: issuing must be refused). */
export async function setAwardState(t: TestApp, campaignId: string, state: TAwardSetState) {
  await t.app.ctx.db.update(awardSets).set({ state }).where(eq(awardSets.campaignId, campaignId));
}

/**
 * The text a PDF made by pdfkit shows, one line per text operation: its streams (inflated when deflated), the glyph
 * codes of each TJ mapped back through the font's ToUnicode CMap (what a viewer's copy and search use).
 */
export function pdfText(pdf: Buffer): string[] {
  const streams: string[] = [];
  const raw = pdf.toString('latin1');
  for (const m of raw.matchAll(/stream\r?\n/g)) {
    const start = (m.index ?? 0) + m[0].length;
    const end = raw.indexOf('endstream', start);
    try {
      streams.push(inflateSync(pdf.subarray(start, end)).toString('latin1'));
    } catch {
      streams.push(raw.slice(start, end)); // not deflated (a PDF of the zip: the zip deflates it)
    }
  }
  const map = new Map<string, string>();
  for (const s of streams.filter((x) => x.includes('beginbfrange')))
    for (const r of s.matchAll(/<([0-9a-f]{4})> <([0-9a-f]{4})> \[([^\]]*)\]/gi)) {
      const first = Number.parseInt(r[1] as string, 16);
      for (const [i, hex] of [...(r[3] as string).matchAll(/<([0-9a-f ]+)>/gi)].entries()) {
        const units = (hex[1] as string).split(' ').map((u) => Number.parseInt(u, 16));
        map.set((first + i).toString(16).padStart(4, '0'), String.fromCharCode(...units));
      }
    }
  const lines: string[] = [];
  for (const s of streams.filter((x) => x.includes(' TJ')))
    for (const tj of s.matchAll(/\[(.*?)\] TJ/g)) {
      const codes = [...(tj[1] as string).matchAll(/<([0-9a-f]+)>/gi)].map((h) => h[1] as string).join('');
      lines.push((codes.match(/.{4}/g) ?? []).map((c) => map.get(c.toLowerCase()) ?? '?').join(''));
    }
  return lines;
}

/**
 * What the QR code printed on a PDF made by pdfkit says: the page's filled rectangles (the QR code is drawn as one
 * path of rectangles on a light square) painted dark or light onto a white bitmap, two pixels a point, read back with jsQR. Null
 * when no QR code is found.
 */
export function pdfQrText(pdf: Buffer): string | null {
  const scale = 2;
  const [width, height] = [Math.ceil(841.89 * scale), Math.ceil(595.28 * scale)];
  const pixels = new Uint8ClampedArray(width * height * 4).fill(255);
  const raw = pdf.toString('latin1');
  for (const m of raw.matchAll(/stream\r?\n/g)) {
    const start = (m.index ?? 0) + m[0].length;
    let content: string;
    try {
      content = inflateSync(pdf.subarray(start, raw.indexOf('endstream', start))).toString('latin1');
    } catch {
      content = raw.slice(start, raw.indexOf('endstream', start));
    }
    if (!content.includes(' re')) continue;
    let dark = false;
    let rects: number[][] = [];
    for (const line of content.split('\n')) {
      const color = /^([\d.]+) ([\d.]+) ([\d.]+) scn$/.exec(line);
      if (color) dark = (Number(color[1]) + Number(color[2]) + Number(color[3])) / 3 < 0.5;
      const rect = /^(-?[\d.]+) (-?[\d.]+) ([\d.]+) ([\d.]+) re$/.exec(line);
      if (rect) rects.push(rect.slice(1).map(Number));
      if (line === 'f' || line === 'S' || line === 'n' || line === 'B') {
        if (line === 'f')
          for (const [x = 0, y = 0, w = 0, h = 0] of rects)
            for (let py = Math.round(y * scale); py < Math.round((y + h) * scale); py += 1)
              for (let px = Math.round(x * scale); px < Math.round((x + w) * scale); px += 1)
                if (px >= 0 && py >= 0 && px < width && py < height)
                  pixels.fill(dark ? 0 : 255, (py * width + px) * 4, (py * width + px) * 4 + 3);
        rects = [];
      }
    }
  }
  return jsQR(pixels, width, height)?.data ?? null;
}
