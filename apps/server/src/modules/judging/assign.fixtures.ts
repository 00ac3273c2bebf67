/** Builders for the assignment engine's tests (assign.test.ts, assign-coverage.test.ts). */
import type { AssignEntry, AssignJudge } from './assign.ts';
import type { OrgTree } from './recusal.ts';

export const flat: OrgTree = { parentOf: () => null };
export const judges = (n: number, extra: (i: number) => Partial<AssignJudge> = () => ({})): AssignJudge[] =>
  Array.from({ length: n }, (_, i) => ({
    id: `j${String(i).padStart(2, '0')}`,
    organizationId: null,
    declared: [],
    specialties: [],
    ...extra(i),
  }));
export const entries = (n: number, extra: (i: number) => Partial<AssignEntry> = () => ({})): AssignEntry[] =>
  Array.from({ length: n }, (_, i) => ({
    id: `e${String(i).padStart(3, '0')}`,
    themeId: 'theme-a',
    organizationId: `org-${i}`,
    partnerIds: [],
    ...extra(i),
  }));
