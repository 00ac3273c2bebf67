import type { TAward } from '@casearena/contract';

/** Awards by theme in the server's order; campaign-wide awards (no theme) last under their own heading. */
export function groupByTheme(awards: TAward[]): Array<{ key: string; title: string | null; awards: TAward[] }> {
  const groups = new Map<string, { key: string; title: string | null; awards: TAward[] }>();
  for (const a of awards) {
    const key = a.themeId ?? 'campaign';
    const g = groups.get(key) ?? { key, title: a.themeTitle, awards: [] };
    g.awards.push(a);
    groups.set(key, g);
  }
  const list = [...groups.values()];
  return [...list.filter((g) => g.key !== 'campaign'), ...list.filter((g) => g.key === 'campaign')];
}
