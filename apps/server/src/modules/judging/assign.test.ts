import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { entries, flat, judges } from './assign.fixtures.ts';
import { type AssignEntry, type AssignJudge, type AssignmentInput, type AssignmentPlan, planAssignment } from './assign.ts';
import { conflictOf, orgTreeOf } from './recusal.ts';

const panelOf = (plan: AssignmentPlan, entryId: string) =>
  plan.items
    .filter((i) => i.entryId === entryId)
    .map((i) => i.judgeId)
    .sort();
const loads = (plan: AssignmentPlan) => plan.load.map((l) => l.count).sort((a, b) => a - b);

describe('planAssignment (X-4, issue 10 item 3)', () => {
  it('X-4: a judge is never put on an entry of their own unit; the conflict is reported with its reason', () => {
    const plan = planAssignment({
      entries: entries(1, () => ({ organizationId: 'huaxi' })),
      judges: judges(3, (i) => ({ organizationId: i === 1 ? 'huaxi' : null })),
      perEntry: 2,
      maxLoad: 5,
      tree: flat,
    });
    expect(panelOf(plan, 'e000')).toEqual(['j00', 'j02']);
    expect(plan.conflicts).toEqual([
      {
        entryId: 'e000',
        judgeId: 'j01',
        reason: 'own_unit',
        organizationId: 'huaxi',
        judgeOrganizationId: 'huaxi',
        relation: 'same',
      },
    ]);
    expect(plan.uncovered).toEqual([]);
  });

  it("X-4: a joint entry gets no judge of its partners' units or their branches (joint_partner)", () => {
    const tree = orgTreeOf([
      { id: 'xiehe', parentId: null },
      { id: 'xiehe-xidan', parentId: 'xiehe' },
      { id: 'h301', parentId: null },
    ]);
    const plan = planAssignment({
      entries: entries(1, () => ({ organizationId: 'h301', partnerIds: ['xiehe'] })),
      judges: judges(4, (i) => ({ organizationId: ['xiehe', 'xiehe-xidan', null, null][i] ?? null })),
      perEntry: 2,
      maxLoad: 5,
      tree,
    });
    expect(panelOf(plan, 'e000')).toEqual(['j02', 'j03']);
    expect(plan.conflicts.map((c) => [c.judgeId, c.reason, c.organizationId, c.relation])).toEqual([
      ['j00', 'joint_partner', 'xiehe', 'same'],
      ['j01', 'joint_partner', 'xiehe', 'parent'],
    ]);
  });

  it('X-4: an entry with too few judges free of conflicts is reported uncovered (recused), with how many are short', () => {
    const plan = planAssignment({
      entries: entries(1, () => ({ organizationId: 'huaxi' })),
      judges: judges(3, (i) => ({ organizationId: i < 2 ? 'huaxi' : null })),
      perEntry: 2,
      maxLoad: 5,
      tree: flat,
    });
    expect(plan.items.map((i) => i.judgeId)).toEqual(['j02']);
    expect(plan.uncovered).toEqual([{ entryId: 'e000', missing: 1, reason: 'recused', recused: 2, full: 0 }]);
  });

  it('an entry is reported uncovered because the pool is too small, or because every judge free of conflicts is full; a short pool leaves each entry one judge short rather than some without any', () => {
    const small = planAssignment({ entries: entries(1), judges: judges(1), perEntry: 2, maxLoad: 5, tree: flat });
    expect(small.uncovered).toEqual([{ entryId: 'e000', missing: 1, reason: 'too_few_judges', recused: 0, full: 0 }]);

    const full = planAssignment({ entries: entries(2), judges: judges(2), perEntry: 2, maxLoad: 1, tree: flat });
    expect(full.items.map((i) => i.entryId).sort()).toEqual(['e000', 'e001']);
    expect(full.uncovered).toEqual([
      { entryId: 'e000', missing: 1, reason: 'full', recused: 0, full: 1 },
      { entryId: 'e001', missing: 1, reason: 'full', recused: 0, full: 1 },
    ]);
    expect(loads(full)).toEqual([1, 1]);
  });

  it('loads are level: 100 entries × 3 judges over 7 judges is 43 each and 42 for one', () => {
    const plan = planAssignment({ entries: entries(100), judges: judges(7), perEntry: 3, maxLoad: 100, tree: flat });
    expect(loads(plan)).toEqual([42, 43, 43, 43, 43, 43, 43]);
    expect(plan.loadSpread).toBe(43 / 42);
    expect(plan.uncovered).toEqual([]);
  });

  it('X-4: loads stay level with recusal (max/min <= 1.2): 600 entries × 3 over 30 judges, a third of them recused from a sixth of the entries', () => {
    const list = entries(600, (i) => ({ organizationId: `hospital-${i % 6}`, themeId: `theme-${i % 4}` }));
    const pool = judges(30, (i) => ({
      organizationId: i % 3 === 0 ? `hospital-${i % 6}` : null,
      specialties: [`theme-${i % 4}`],
    }));
    const plan = planAssignment({ entries: list, judges: pool, perEntry: 3, maxLoad: 100, tree: flat });
    expect(plan.conflicts.length).toBe(10 * 100);
    expect(plan.uncovered).toEqual([]);
    expect(plan.items.length).toBe(1800);
    expect(plan.items.some((i) => plan.conflicts.some((c) => c.entryId === i.entryId && c.judgeId === i.judgeId))).toBe(false);
    expect(plan.loadSpread).toBeLessThanOrEqual(1.2);
    expect(plan.loadSpread).toBe(Math.max(...loads(plan)) / Math.min(...loads(plan)));
  });

  it('X-4: a judge recused from every entry gets none, and the load spread is over the judges who could take more', () => {
    const plan = planAssignment({
      entries: entries(9, () => ({ organizationId: 'huaxi' })),
      judges: judges(4, (i) => ({ organizationId: i === 0 ? 'huaxi' : null })),
      perEntry: 1,
      maxLoad: 10,
      tree: flat,
    });
    expect(plan.load.map((l) => l.count)).toEqual([0, 3, 3, 3]);
    expect(plan.loadSpread).toBe(1);
  });

  it('judges whose specialties match the theme are preferred: with enough experts per theme, every item matches', () => {
    const plan = planAssignment({
      entries: entries(60, (i) => ({ themeId: i % 2 === 0 ? 'theme-a' : 'theme-b' })),
      judges: judges(6, (i) => ({ specialties: [i < 3 ? 'theme-a' : 'theme-b'] })),
      perEntry: 2,
      maxLoad: 100,
      tree: flat,
    });
    expect(plan.specialtyMatches).toBe(120);
    expect(plan.items.every((i) => i.specialty)).toBe(true);
    expect(loads(plan)).toEqual([20, 20, 20, 20, 20, 20]);
  });

  it('a lone expert takes entries of their theme only, and no more than a level share (max/min <= 1.2)', () => {
    const list = entries(60, (i) => ({ themeId: i % 2 === 0 ? 'theme-a' : 'theme-b' }));
    const plan = planAssignment({
      entries: list,
      judges: judges(6, (i) => ({ specialties: i === 0 ? ['theme-a'] : [] })),
      perEntry: 2,
      maxLoad: 100,
      tree: flat,
    });
    const expert = plan.items.filter((i) => i.judgeId === 'j00');
    expect(expert.every((i) => i.specialty && list.find((e) => e.id === i.entryId)?.themeId === 'theme-a')).toBe(true);
    expect(plan.specialtyMatches).toBe(expert.length);
    expect(plan.loadSpread).toBeLessThanOrEqual(1.2);
    expect(plan.items.length).toBe(120);
  });

  it('pairs are spread: 15 entries × 2 judges over 6 judges put each of the 15 pairs together exactly once', () => {
    const plan = planAssignment({ entries: entries(15), judges: judges(6), perEntry: 2, maxLoad: 100, tree: flat });
    expect(plan.pairOverlapMax).toBe(1);
    expect(new Set(entries(15).map((e) => panelOf(plan, e.id).join('+'))).size).toBe(15);
  });

  it('existing (manual) assignments are kept and count toward coverage and load; conflicting, unknown and repeated ones are dropped', () => {
    const plan = planAssignment({
      entries: entries(2, (i) => ({ organizationId: i === 1 ? 'huaxi' : 'other' })),
      judges: judges(4, (i) => ({ organizationId: i === 3 ? 'huaxi' : null })),
      perEntry: 2,
      maxLoad: 5,
      tree: flat,
      existing: [
        { entryId: 'e000', judgeId: 'j02' },
        { entryId: 'e000', judgeId: 'j02' },
        { entryId: 'e001', judgeId: 'j03' },
        { entryId: 'e999', judgeId: 'j00' },
        { entryId: 'e000', judgeId: 'j99' },
      ],
    });
    expect(plan.items.filter((i) => i.kept)).toEqual([{ entryId: 'e000', judgeId: 'j02', kept: true, specialty: false }]);
    expect(panelOf(plan, 'e000')).toHaveLength(2);
    expect(panelOf(plan, 'e000')).toContain('j02');
    expect(panelOf(plan, 'e001')).not.toContain('j03');
    expect(plan.dropped).toEqual([
      { entryId: 'e000', judgeId: 'j02', reason: 'duplicate' },
      { entryId: 'e001', judgeId: 'j03', reason: 'conflict' },
      { entryId: 'e999', judgeId: 'j00', reason: 'unknown_entry' },
      { entryId: 'e000', judgeId: 'j99', reason: 'unknown_judge' },
    ]);
    expect(plan.items).toHaveLength(4);
    expect(plan.load.map((l) => [l.judgeId, l.count])).toEqual(
      ['j00', 'j01', 'j02', 'j03'].map((j) => [j, plan.items.filter((i) => i.judgeId === j).length]),
    );
  });

  it('a judge or entry listed twice counts once: no judge sits twice on an entry', () => {
    const pool = judges(2);
    const plan = planAssignment({
      entries: [...entries(1), ...entries(1)],
      judges: [...pool, ...pool],
      perEntry: 3,
      maxLoad: 5,
      tree: flat,
    });
    expect(plan.items.map((i) => [i.entryId, i.judgeId])).toEqual([
      ['e000', 'j00'],
      ['e000', 'j01'],
    ]);
    expect(plan.uncovered).toEqual([{ entryId: 'e000', missing: 1, reason: 'too_few_judges', recused: 0, full: 0 }]);
  });

  it('a seed gives the same plan whatever the order of the input; another seed gives another plan', () => {
    const input: AssignmentInput = {
      entries: entries(200, (i) => ({ organizationId: `hospital-${i % 9}`, themeId: `theme-${i % 3}` })),
      judges: judges(20, (i) => ({ organizationId: `hospital-${i % 12}`, specialties: [`theme-${i % 3}`] })),
      perEntry: 3,
      maxLoad: 40,
      tree: flat,
      seed: 42,
    };
    const once = planAssignment(input);
    expect(planAssignment(input)).toEqual(once);
    expect(planAssignment({ ...input, entries: [...input.entries].reverse(), judges: [...input.judges].reverse() })).toEqual(
      once,
    );
    expect(planAssignment({ ...input, seed: 43 }).items).not.toEqual(once.items);
  });

  /** A random campaign: a tree of up to 10 units (any parent, even a cycle), judges with units, declared units and
   * specialties, entries with partners, kept assignments drawn from anywhere. */
  const campaign = fc.integer({ min: 1, max: 10 }).chain((orgs) =>
    fc.record({
      parents: fc.array(fc.option(fc.nat(orgs - 1), { nil: null }), { minLength: orgs, maxLength: orgs }),
      judges: fc.array(
        fc.record({
          organizationId: fc.option(fc.nat(orgs - 1), { nil: null }),
          declared: fc.array(fc.nat(orgs - 1), { maxLength: 2 }),
          specialties: fc.array(fc.nat(2), { maxLength: 2 }),
          maxLoad: fc.option(fc.integer({ min: 0, max: 8 }), { nil: undefined }),
        }),
        { maxLength: 12 },
      ),
      entries: fc.array(
        fc.record({
          organizationId: fc.nat(orgs - 1),
          themeId: fc.nat(2),
          partnerIds: fc.array(fc.nat(orgs - 1), { maxLength: 2 }),
        }),
        { maxLength: 25 },
      ),
      existing: fc.array(fc.record({ entry: fc.nat(30), judge: fc.nat(14) }), { maxLength: 6 }),
      perEntry: fc.integer({ min: 1, max: 4 }),
      maxLoad: fc.integer({ min: 1, max: 10 }),
      seed: fc.integer(),
    }),
  );

  it('X-4 (fast-check): no item ever conflicts, no judge is twice on an entry, no judge goes over their maximum with new items, coverage adds up', () => {
    fc.assert(
      fc.property(campaign, (c) => {
        const tree = orgTreeOf(c.parents.map((p, i) => ({ id: `o${i}`, parentId: p === null ? null : `o${p}` })));
        const js: AssignJudge[] = c.judges.map((j, i) => ({
          id: `j${i}`,
          organizationId: j.organizationId === null ? null : `o${j.organizationId}`,
          declared: j.declared.map((d) => `o${d}`),
          specialties: j.specialties.map((t) => `t${t}`),
          maxLoad: j.maxLoad,
        }));
        const es: AssignEntry[] = c.entries.map((e, i) => ({
          id: `e${i}`,
          organizationId: `o${e.organizationId}`,
          themeId: `t${e.themeId}`,
          partnerIds: e.partnerIds.map((p) => `o${p}`),
        }));
        const existing = c.existing.map((x) => ({ entryId: `e${x.entry}`, judgeId: `j${x.judge}` }));
        const plan = planAssignment({
          entries: es,
          judges: js,
          perEntry: c.perEntry,
          maxLoad: c.maxLoad,
          existing,
          tree,
          seed: c.seed,
        });
        const judgeById = new Map(js.map((j) => [j.id, j]));
        const entryById = new Map(es.map((e) => [e.id, e]));

        for (const item of plan.items) {
          expect(
            conflictOf(judgeById.get(item.judgeId) as AssignJudge, entryById.get(item.entryId) as AssignEntry, tree),
          ).toBeNull();
        }
        expect(new Set(plan.items.map((i) => `${i.entryId}|${i.judgeId}`)).size).toBe(plan.items.length);
        for (const judge of js) {
          const cap = Math.min(c.maxLoad, judge.maxLoad ?? c.maxLoad);
          const mine = plan.items.filter((i) => i.judgeId === judge.id);
          expect(mine.length).toBeLessThanOrEqual(Math.max(cap, mine.filter((i) => i.kept).length));
          expect(plan.load.find((l) => l.judgeId === judge.id)?.count).toBe(mine.length);
        }
        for (const entry of es) {
          const on = plan.items.filter((i) => i.entryId === entry.id);
          const missing = plan.uncovered.find((u) => u.entryId === entry.id)?.missing ?? 0;
          expect(on.length + missing).toBe(Math.max(c.perEntry, on.filter((i) => i.kept).length));
          const short = plan.uncovered.find((u) => u.entryId === entry.id);
          if (short === undefined) continue;
          const free = js.filter((j) => conflictOf(j, entry, tree) === null);
          expect(short.recused).toBe(js.length - free.length);
          const room = free.filter((j) => {
            const count = plan.load.find((l) => l.judgeId === j.id)?.count ?? 0;
            return count < Math.min(c.maxLoad, j.maxLoad ?? c.maxLoad) && !on.some((i) => i.judgeId === j.id);
          });
          // 'full': judges free of conflicts exist, but none has room left (a judge with room would have been used).
          expect([short.reason, room.length]).toEqual([
            js.length < c.perEntry ? 'too_few_judges' : free.length < c.perEntry ? 'recused' : 'full',
            0,
          ]);
        }
        // Every conflicting pair is reported, and only those.
        const expected = es.flatMap((e) => js.filter((j) => conflictOf(j, e, tree)).map((j) => `${e.id}|${j.id}`));
        expect(plan.conflicts.map((x) => `${x.entryId}|${x.judgeId}`).sort()).toEqual(expected.sort());
      }),
      { numRuns: 400, seed: 10 },
    );
  });

  it('(fast-check) without conflicts and with room enough, every entry is covered and loads are level (max/min <= 1.2 or within one)', () => {
    fc.assert(
      fc.property(
        fc.record({
          judges: fc.integer({ min: 1, max: 15 }),
          entries: fc.integer({ min: 0, max: 60 }),
          perEntry: fc.integer({ min: 1, max: 4 }),
        }),
        fc.integer(),
        ({ judges: J, entries: E, perEntry }, seed) => {
          fc.pre(J >= perEntry);
          const maxLoad = Math.ceil((E * perEntry) / J) + 1;
          const plan = planAssignment({ entries: entries(E), judges: judges(J), perEntry, maxLoad, tree: flat, seed });
          expect(plan.uncovered).toEqual([]);
          const counts = loads(plan);
          const spread = (counts[counts.length - 1] as number) - (counts[0] as number);
          expect(plan.loadSpread <= 1.2 || spread <= 1).toBe(true);
        },
      ),
      { numRuns: 300, seed: 11 },
    );
  });

  it('X-4 (fast-check): with recusal over random trees of 40 units, 20 or more entries per judge stay within max/min 1.2 where that is feasible', () => {
    fc.assert(
      fc.property(
        fc.record({
          parents: fc.array(fc.option(fc.nat(39), { nil: null }), { minLength: 40, maxLength: 40 }),
          judgeUnits: fc.array(fc.option(fc.nat(39), { nil: null }), { minLength: 4, maxLength: 16 }),
          perEntry: fc.integer({ min: 1, max: 3 }),
          perJudge: fc.integer({ min: 20, max: 40 }),
          themes: fc.integer({ min: 1, max: 4 }),
          seed: fc.integer(),
        }),
        ({ parents, judgeUnits, perEntry, perJudge, themes, seed }) => {
          fc.pre(judgeUnits.length >= perEntry + 2);
          const tree = orgTreeOf(parents.map((p, i) => ({ id: `o${i}`, parentId: p === null || p === i ? null : `o${p}` })));
          const E = Math.ceil((perJudge * judgeUnits.length) / perEntry);
          const es = entries(E, (i) => ({ organizationId: `o${(i * 7) % 40}`, themeId: `t${i % themes}` }));
          const js = judges(judgeUnits.length, (i) => ({
            organizationId: judgeUnits[i] === null ? null : `o${judgeUnits[i]}`,
            specialties: [`t${i % themes}`],
          }));
          // Feasible by construction: every entry keeps a judge to spare, every judge is free for 80% of the entries.
          fc.pre(es.every((e) => js.filter((j) => conflictOf(j, e, tree) === null).length > perEntry));
          fc.pre(js.every((j) => es.filter((e) => conflictOf(j, e, tree) === null).length >= 0.8 * E));
          const plan = planAssignment({
            entries: es,
            judges: js,
            perEntry,
            maxLoad: perJudge * 2,
            tree,
            seed,
          });
          expect(plan.uncovered).toEqual([]);
          expect(plan.loadSpread).toBeLessThanOrEqual(1.2);
        },
      ),
      { numRuns: 150, seed: 12 },
    );
  });
});
