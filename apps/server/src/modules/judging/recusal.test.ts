import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { conflictOf, orgTreeOf, type RecusalEntry, type RecusalJudge, recusalIndex, relationOf } from './recusal.ts';

// 协和 with two branches (西单, 东单); 华西 alone; a city commission with two county commissions, each with a hospital
// (S3-2); 301 医院 alone.
const tree = orgTreeOf([
  { id: 'xiehe', parentId: null },
  { id: 'xiehe-xidan', parentId: 'xiehe' },
  { id: 'xiehe-dongdan', parentId: 'xiehe' },
  { id: 'huaxi', parentId: null },
  { id: 'xuchang', parentId: null },
  { id: 'yuzhou', parentId: 'xuchang' },
  { id: 'changge', parentId: 'xuchang' },
  { id: 'yuzhou-hospital', parentId: 'yuzhou' },
  { id: 'changge-hospital', parentId: 'changge' },
  { id: 'h301', parentId: null },
]);
const judge = (organizationId: string | null, declared: string[] = []): RecusalJudge => ({ id: 'j', organizationId, declared });
const entry = (organizationId: string, partnerIds: string[] = []): RecusalEntry => ({ id: 'e', organizationId, partnerIds });

describe('recusal (X-4, issue 10 item 3)', () => {
  it('X-4: a judge is recused from an entry of their own unit (own_unit)', () => {
    expect(conflictOf(judge('huaxi'), entry('huaxi'), tree)).toEqual({
      reason: 'own_unit',
      organizationId: 'huaxi',
      judgeOrganizationId: 'huaxi',
      relation: 'same',
    });
  });

  it("X-4: a branch's judge is recused from the parent hospital's entry, and the parent's from the branch's (parent_or_branch)", () => {
    expect(conflictOf(judge('xiehe-xidan'), entry('xiehe'), tree)).toEqual({
      reason: 'parent_or_branch',
      organizationId: 'xiehe',
      judgeOrganizationId: 'xiehe-xidan',
      relation: 'parent',
    });
    expect(conflictOf(judge('xiehe'), entry('xiehe-xidan'), tree)).toEqual({
      reason: 'parent_or_branch',
      organizationId: 'xiehe-xidan',
      judgeOrganizationId: 'xiehe',
      relation: 'child',
    });
  });

  it('X-4, S0-6: a judge of one branch (分院) is recused from a sibling branch of the same hospital (parent_or_branch)', () => {
    expect(conflictOf(judge('xiehe-xidan'), entry('xiehe-dongdan'), tree)).toEqual({
      reason: 'parent_or_branch',
      organizationId: 'xiehe-dongdan',
      judgeOrganizationId: 'xiehe-xidan',
      relation: 'sibling',
    });
  });

  it('X-4, S3-2: the same one step holds for county commissions under their city commission', () => {
    expect(conflictOf(judge('yuzhou'), entry('changge'), tree)?.relation).toBe('sibling');
    expect(conflictOf(judge('xuchang'), entry('yuzhou'), tree)?.relation).toBe('child');
  });

  it('X-4: a unit the judge declared, and its branches, recuse them (declared)', () => {
    expect(conflictOf(judge('huaxi', ['xiehe']), entry('xiehe'), tree)).toEqual({
      reason: 'declared',
      organizationId: 'xiehe',
      judgeOrganizationId: 'xiehe',
      relation: 'same',
    });
    expect(conflictOf(judge(null, ['xiehe']), entry('xiehe-dongdan'), tree)).toEqual({
      reason: 'declared',
      organizationId: 'xiehe-dongdan',
      judgeOrganizationId: 'xiehe',
      relation: 'child',
    });
  });

  it("X-4: a joint entry recuses the judges of its partners' units, their branches and declared units (joint_partner)", () => {
    const joint = entry('h301', ['huaxi', 'xiehe-dongdan']);
    expect(conflictOf(judge('huaxi'), joint, tree)).toEqual({
      reason: 'joint_partner',
      organizationId: 'huaxi',
      judgeOrganizationId: 'huaxi',
      relation: 'same',
    });
    expect(conflictOf(judge('xiehe-xidan'), joint, tree)).toEqual({
      reason: 'joint_partner',
      organizationId: 'xiehe-dongdan',
      judgeOrganizationId: 'xiehe-xidan',
      relation: 'sibling',
    });
    expect(conflictOf(judge('yuzhou', ['xiehe']), joint, tree)).toEqual({
      reason: 'joint_partner',
      organizationId: 'xiehe-dongdan',
      judgeOrganizationId: 'xiehe',
      relation: 'child',
    });
  });

  it('X-4: the lead organization decides the reason before the partners, own unit before declared', () => {
    expect(conflictOf(judge('huaxi', ['h301']), entry('h301', ['huaxi']), tree)?.reason).toBe('declared');
    expect(conflictOf(judge('h301', ['h301']), entry('h301', ['h301']), tree)?.reason).toBe('own_unit');
  });

  it('X-4: unrelated units, a grandchild or cousin two steps away and a judge without a unit raise no conflict', () => {
    expect(conflictOf(judge('huaxi'), entry('xiehe'), tree)).toBeNull();
    expect(conflictOf(judge('xiehe-xidan'), entry('yuzhou'), tree)).toBeNull();
    // Two steps: the city commission and a county's hospital; the hospitals of two counties (cousins).
    expect(conflictOf(judge('xuchang'), entry('yuzhou-hospital'), tree)).toBeNull();
    expect(conflictOf(judge('yuzhou-hospital'), entry('changge-hospital'), tree)).toBeNull();
    expect(conflictOf(judge('yuzhou-hospital'), entry('yuzhou'), tree)?.relation).toBe('parent');
    expect(conflictOf(judge(null), entry('xiehe', ['huaxi']), tree)).toBeNull();
    // Two top-level units share no parent: a null parent is not a common parent.
    expect(relationOf('huaxi', 'h301', tree)).toBeNull();
  });

  it('X-4: recusalIndex finds exactly the judges conflictOf refuses, with the same reasons, over random trees', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }).chain((orgs) =>
          fc.record({
            parents: fc.array(fc.option(fc.nat(orgs - 1), { nil: null }), { minLength: orgs, maxLength: orgs }),
            judges: fc.array(
              fc.record({
                organizationId: fc.option(fc.nat(orgs - 1), { nil: null }),
                declared: fc.array(fc.nat(orgs - 1), { maxLength: 3 }),
              }),
              { maxLength: 10 },
            ),
            entries: fc.array(
              fc.record({ organizationId: fc.nat(orgs - 1), partnerIds: fc.array(fc.nat(orgs - 1), { maxLength: 2 }) }),
              {
                maxLength: 10,
              },
            ),
          }),
        ),
        ({ parents, judges, entries }) => {
          // A parent may be any unit, even a later one (the rule looks one step, so cycles must not matter).
          const t = orgTreeOf(parents.map((p, i) => ({ id: `o${i}`, parentId: p === null || p === i ? null : `o${p}` })));
          const js = judges.map((j, i) => ({
            id: `j${i}`,
            organizationId: j.organizationId === null ? null : `o${j.organizationId}`,
            declared: j.declared.map((d) => `o${d}`),
          }));
          const index = recusalIndex(js, t);
          for (const [k, e] of entries.entries()) {
            const en = { id: `e${k}`, organizationId: `o${e.organizationId}`, partnerIds: e.partnerIds.map((p) => `o${p}`) };
            const expected = new Map(js.flatMap((j, i) => ((c) => (c ? [[i, c] as const] : []))(conflictOf(j, en, t))));
            expect(index(en)).toEqual(expected);
          }
        },
      ),
      { numRuns: 300, seed: 10 },
    );
  });
});
