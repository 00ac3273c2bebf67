/**
 * Expert judging's pure engines at a national call's scale (issue 10 item 9). A synthetic campaign, the same for
 * every run (seeded): ~1,500 organizations (1,000 hospitals, 500 branches 分院 under 300 of them), 10,000 entries in
 * 8 themes (one per organization and theme, S0-6), a tenth of them joint entries with one or two partner units;
 * 300 judges, most from a hospital or a branch, each with up to three declared units and one or two specialties.
 * - Assignment: planAssignment of all 10,000 entries, 3 judges each, at most 120 per judge, with recusal;
 *   every item is checked again with conflictOf (a breach is an item that conflicts), and no judge may be on an
 *   entry twice or above their maximum.
 * Goals: assignMs <= 10,000, 0 recusal breaches, load spread (max/min) <= 1.2. Alone: `npm run bench -- judging`;
 * the last line is one JSON object.
 */
import {
  type AssignEntry,
  type AssignJudge,
  conflictOf,
  orgTreeOf,
  planAssignment,
} from '../apps/server/src/modules/judging/index.ts';
import { table } from './lib/load.ts';

const THEMES = 8;
const ENTRIES = 10_000;
const JUDGES = 300;
const PER_ENTRY = 3;
const MAX_LOAD = 120;

/** mulberry32: a small seeded generator, so every run plans the same campaign. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function syntheticCampaign(seed = 2026) {
  const rnd = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
  const orgs: { id: string; parentId: string | null }[] = [];
  for (let i = 0; i < 1000; i++) orgs.push({ id: `hospital-${i}`, parentId: null });
  for (let i = 0; i < 500; i++) orgs.push({ id: `branch-${i}`, parentId: `hospital-${i < 300 ? i : Math.floor(rnd() * 300)}` });
  const themes = Array.from({ length: THEMES }, (_, t) => `theme-${t}`);

  const pairs = new Set<string>();
  const entries: AssignEntry[] = [];
  while (entries.length < ENTRIES) {
    const org = pick(orgs).id;
    const themeId = pick(themes);
    if (pairs.has(`${org}|${themeId}`)) continue;
    pairs.add(`${org}|${themeId}`);
    const partnerIds = rnd() < 0.1 ? [pick(orgs).id, ...(rnd() < 0.3 ? [pick(orgs).id] : [])].filter((p) => p !== org) : [];
    entries.push({ id: `entry-${entries.length}`, themeId, organizationId: org, partnerIds });
  }

  const judges: AssignJudge[] = Array.from({ length: JUDGES }, (_, j) => {
    const organizationId = rnd() < 0.85 ? pick(orgs).id : null; // the rest: universities outside the tree
    const declared = Array.from({ length: Math.floor(rnd() * 4) }, () => pick(orgs).id);
    const first = pick(themes);
    const specialties = rnd() < 0.4 ? [first, pick(themes)].filter((t, i, all) => all.indexOf(t) === i) : [first];
    return { id: `judge-${j}`, organizationId, declared, specialties };
  });
  return { orgs, entries, judges, tree: orgTreeOf(orgs) };
}

export async function benchJudging() {
  const { orgs, entries, judges, tree } = syntheticCampaign();
  const t0 = performance.now();
  const plan = planAssignment({ entries, judges, perEntry: PER_ENTRY, maxLoad: MAX_LOAD, tree, seed: 7 });
  const assignMs = Math.round(performance.now() - t0);

  const entryById = new Map(entries.map((e) => [e.id, e]));
  const judgeById = new Map(judges.map((j) => [j.id, j]));
  let recusalBreaches = 0;
  const seen = new Set<string>();
  let twice = 0;
  for (const item of plan.items) {
    if (conflictOf(judgeById.get(item.judgeId) as AssignJudge, entryById.get(item.entryId) as AssignEntry, tree))
      recusalBreaches++;
    const key = `${item.entryId}|${item.judgeId}`;
    if (seen.has(key)) twice++;
    seen.add(key);
  }
  const overMax = plan.load.filter((l) => l.count > l.max).length;
  const counts = plan.load.map((l) => l.count);
  const loadSpread = Number(plan.loadSpread.toFixed(3));
  const missing = plan.uncovered.reduce((sum, u) => sum + u.missing, 0);

  console.log(
    `\nJudging: ${orgs.length} organizations, ${entries.length} entries in ${THEMES} themes ` +
      `(${entries.filter((e) => e.partnerIds.length > 0).length} joint), ${judges.length} judges`,
  );
  console.log(
    table([
      { figure: 'assignment time', value: `${assignMs} ms`, goal: `<= 10000 ms ${assignMs <= 10_000 ? 'MET' : 'NOT MET'}` },
      { figure: 'recusal breaches', value: recusalBreaches, goal: `0 ${recusalBreaches === 0 ? 'MET' : 'NOT MET'}` },
      { figure: 'load spread max/min', value: loadSpread, goal: `<= 1.2 ${loadSpread <= 1.2 ? 'MET' : 'NOT MET'}` },
      { figure: 'items', value: plan.items.length, goal: '—' },
      { figure: 'slots uncovered', value: missing, goal: '—' },
      { figure: 'conflicting pairs found', value: plan.conflicts.length, goal: '—' },
      { figure: 'load min / max', value: `${Math.min(...counts)} / ${Math.max(...counts)}`, goal: '—' },
      { figure: 'most entries two judges share', value: `${plan.pairOverlapMax} (cap ${plan.pairOverlapCap})`, goal: '—' },
      {
        figure: 'items matching specialty',
        value: `${((plan.specialtyMatches / plan.items.length) * 100).toFixed(1)}%`,
        goal: '—',
      },
      { figure: 'judge twice on an entry / over max', value: `${twice} / ${overMax}`, goal: '0 / 0' },
    ]),
  );
  console.log(JSON.stringify({ bench: 'judging', assignMs, recusalBreaches, loadSpread }));
}

if (import.meta.url === `file://${process.argv[1]}`) await benchJudging();
