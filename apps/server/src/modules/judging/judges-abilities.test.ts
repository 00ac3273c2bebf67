import type { JudgeStatus } from '@casearena/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp } from '../../../test/app.ts';
import { organizerMember, publishedCampaign } from '../../../test/entries.ts';
import { buildOrganization, buildUser, signIn } from '../../../test/factories.ts';

/**
 * The abilities a judge view reports agree with the routes (module shape, issue 8 item 3): for each status × caller,
 * every action is run on a fresh judge; `true` succeeds, a refusal comes back with exactly that code.
 */
let t: TestApp;
let organizer: { id: string };
let campaign: { id: string; themes: Array<{ id: string }> };
let manager: Client;
let screener: Client;
let outsider: Client;
let counter = 0;

beforeAll(async () => {
  t = await startTestApp();
  ({ organizer, campaign } = await publishedCampaign(t));
  manager = (await organizerMember(t, organizer.id, 'manager')).client;
  screener = (await organizerMember(t, organizer.id, 'screener')).client;
  const other = await buildOrganization(t, { kind: 'media', level: null, grade: null });
  outsider = (await organizerMember(t, other.id, 'manager')).client;
});
afterAll(() => t.close());

const CALLERS = ['manager', 'screener', 'self', 'outsider'] as const;
type Caller = (typeof CALLERS)[number];
const ACTIONS = ['declareConflicts', 'remove', 'reinvite', 'seat'] as const;
type Action = (typeof ACTIONS)[number];

/** A judge of the organizer in `status`, linked to an account of its own (who is `self`). */
async function judgeIn(status: JudgeStatus) {
  counter += 1;
  const email = `abilities${counter}-${Date.now().toString(36)}@example.cn`;
  const self = await signIn(t, await buildUser(t, { email }));
  const res = await manager.post(`/api/organizers/${organizer.id}/judges`, { name: `能力专家${counter}`, email });
  expect(res.statusCode).toBe(201);
  const id = res.json().id as string;
  const token = /\/judging\/invitations\/([A-Za-z0-9_-]+)/.exec(t.sent.at(-1)?.body ?? '')?.[1] as string;
  if (status === 'active' || status === 'removed') {
    expect((await self.post(`/api/judging/invitations/${token}/accept`, {})).statusCode).toBe(200);
  }
  if (status === 'declined') expect((await self.post(`/api/judging/invitations/${token}/decline`)).statusCode).toBe(200);
  if (status === 'removed') expect((await manager.post(`/api/judges/${id}/remove`, {})).statusCode).toBe(200);
  return { id, self };
}

const run = (client: Client, action: Action, judgeId: string) => {
  switch (action) {
    case 'declareConflicts':
      return client.put(`/api/judges/${judgeId}/conflicts`, { items: [] });
    case 'remove':
      return client.post(`/api/judges/${judgeId}/remove`, {});
    case 'reinvite':
      return client.post(`/api/judges/${judgeId}/reinvite`, {});
    case 'seat':
      return client.put(`/api/campaigns/${campaign.id}/judging/panel`, {
        members: [{ judgeId, themeIds: [campaign.themes[0]?.id] }],
      });
  }
};

describe('judge abilities agree with the routes (issue 10 item 1, X-4)', () => {
  for (const status of ['invited', 'active', 'declined', 'removed'] as const) {
    for (const caller of CALLERS) {
      it(`X-4: a ${status} judge as the ${caller} sees: every reported ability is what its route answers`, async () => {
        const outcomes: Record<string, unknown> = {};
        for (const action of ACTIONS) {
          const judge = await judgeIn(status);
          const client = { manager, screener, outsider, self: judge.self }[caller satisfies Caller];
          const read = await client.get(`/api/judges/${judge.id}`);
          const abilities = read.statusCode === 404 ? null : read.json().abilities;
          const res = await run(client, action, judge.id);
          const answer = res.statusCode < 300 ? true : res.json().error.code;
          expect(answer, `${action}: ${res.body}`).toBe(abilities ? abilities[action] : 'NOT_FOUND');
          outcomes[action] = answer;
        }
        // The outcomes themselves, so a policy change shows here as a named difference.
        expect(outcomes).toEqual(EXPECTED[status][caller]);
      });
    }
  }
});

const NONE = { declareConflicts: 'NOT_FOUND', remove: 'NOT_FOUND', reinvite: 'NOT_FOUND', seat: 'NOT_FOUND' };
// A declined or removed judge: nothing but being invited again.
const GONE = { declareConflicts: 'WRONG_STATUS', remove: 'WRONG_STATUS', reinvite: true, seat: 'WRONG_STATUS' };
const SCREENER = { declareConflicts: 'FORBIDDEN', remove: 'FORBIDDEN', reinvite: 'FORBIDDEN', seat: 'FORBIDDEN' };
const EXPECTED: Record<JudgeStatus, Record<Caller, Record<Action, unknown>>> = {
  invited: {
    manager: { declareConflicts: true, remove: true, reinvite: 'WRONG_STATUS', seat: 'WRONG_STATUS' },
    screener: SCREENER,
    // Linked at invitation, the expert already sees their row and declares conflicts before accepting.
    self: { declareConflicts: true, remove: 'FORBIDDEN', reinvite: 'FORBIDDEN', seat: 'NOT_FOUND' },
    outsider: NONE,
  },
  active: {
    manager: { declareConflicts: true, remove: true, reinvite: 'WRONG_STATUS', seat: true },
    screener: SCREENER,
    self: { declareConflicts: true, remove: 'FORBIDDEN', reinvite: 'FORBIDDEN', seat: 'NOT_FOUND' },
    outsider: NONE,
  },
  declined: {
    manager: GONE,
    screener: SCREENER,
    self: { declareConflicts: 'WRONG_STATUS', remove: 'FORBIDDEN', reinvite: 'FORBIDDEN', seat: 'NOT_FOUND' },
    outsider: NONE,
  },
  removed: {
    manager: GONE,
    screener: SCREENER,
    self: { declareConflicts: 'WRONG_STATUS', remove: 'FORBIDDEN', reinvite: 'FORBIDDEN', seat: 'NOT_FOUND' },
    outsider: NONE,
  },
};
