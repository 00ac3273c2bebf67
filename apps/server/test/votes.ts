import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { DEFAULT_VOTE_RULES, type TVoteRules } from '@casearena/contract';
import { voteRules } from '../src/db/schema.ts';
import { decideCertification, requestCertification } from '../src/modules/orgs/index.ts';
import type { Client, TestApp } from './app.ts';
import { applicantOf, completeEntry, organizerMember } from './entries.ts';
import { buildOrganization, buildUser, type TestUser } from './factories.ts';

// Fixtures for the voting tests (issue 9): a published seed-000 campaign whose screening ran on 1–10 March 2022 and
// whose public voting runs 16–20 March (Asia/Shanghai), entries in every status, certified voters.

/** Voting tests make many vote requests a minute from one address and account: the guard's limits out of the way. */
export const NO_VOTE_GUARD =
  'accountPerMinute=1000000,devicePerMinute=1000000,ipPerMinute=1000000,challengeIpPerMinute=1000000,challengeSubnetPerMinute=1000000';

export const VOTING_PHASES = [
  { key: 'submission', label: '案例申报', start: '2022-03-01', end: '2022-03-10', capabilities: ['canSubmit', 'canScreen'] },
  { key: 'voting', label: '网络投票', start: '2022-03-16', end: '2022-03-20', capabilities: ['canVote'] },
];
/** 16 March 2022, 10:00 in Shanghai: the first voting day. */
export const VOTING_DAY = '2022-03-16T02:00:00.000Z';
/** 5 March 2022, 10:00 in Shanghai: inside submission and screening. */
export const SUBMISSION_DAY = '2022-03-05T02:00:00.000Z';

export interface VotingCampaign {
  id: string;
  themes: Array<{ id: string }>;
  manager: Client;
}

/**
 * A campaign set up on 28 February 2022 by its manager from the seed-000 template (whose S0-14 rules apply unless
 * `rules` saves others, as the organizer would while it is a draft).
 */
export async function votingCampaign(
  t: TestApp,
  options: { rules?: Partial<TVoteRules> | ((themes: Array<{ id: string }>) => Partial<TVoteRules>); publish?: boolean } = {},
): Promise<VotingCampaign> {
  t.clock.set('2022-02-28T02:00:00.000Z');
  const organizer = await buildOrganization(t, { kind: 'health_commission', level: null, grade: null });
  const { client: manager, user } = await organizerMember(t, organizer.id, 'manager');
  const draft = (await manager.post('/api/campaigns', { templateKey: 'seed-000', organizerId: organizer.id })).json();
  const saved = await manager.patch(`/api/campaigns/${draft.id}`, { phases: VOTING_PHASES });
  if (saved.statusCode !== 200) throw new Error(saved.body);
  if (options.rules) {
    const patch = typeof options.rules === 'function' ? options.rules(draft.themes) : options.rules;
    const rules = { ...DEFAULT_VOTE_RULES, ...patch };
    await t.app.ctx.db.insert(voteRules).values({ campaignId: draft.id, rules, updatedBy: user.id, updatedAt: t.clock.now() });
  }
  if (options.publish === false) return { id: draft.id, themes: draft.themes, manager };
  const published = await manager.post(`/api/campaigns/${draft.id}/publish`);
  if (published.statusCode !== 200) throw new Error(published.body);
  return { id: draft.id, themes: published.json().themes, manager };
}

export type EntryOutcome = 'draft' | 'submitted' | 'passed' | 'returned' | 'excluded' | 'withdrawn';

/**
 * An entry of a fresh hospital in the campaign's theme, brought to `outcome` the way its people would: drafted,
 * submitted, screened (pass, return, exclude) by the manager, or withdrawn by the applicant. Sets the clock inside
 * submission; the caller sets it back.
 */
export async function entryIn(t: TestApp, c: VotingCampaign, outcome: EntryOutcome, themeIndex = 0): Promise<string> {
  t.clock.set(SUBMISSION_DAY);
  const org = await buildOrganization(t);
  const { client } = await applicantOf(t, org.id);
  const themeId = c.themes[themeIndex]?.id;
  const created = await client.post(`/api/campaigns/${c.id}/entries`, {
    themeId,
    title: `投票测试案例${randomBytes(3).toString('hex')}`,
  });
  if (created.statusCode !== 201) throw new Error(created.body);
  const id = created.json().id as string;
  if (outcome === 'draft') return id;
  const version = await completeEntry(client, id);
  const submitted = await client.post(`/api/entries/${id}/submit`, { version, consent: true });
  if (submitted.statusCode !== 200) throw new Error(submitted.body);
  const decisions = {
    submitted: null,
    passed: { decision: 'pass' },
    returned: { decision: 'return', reasons: '材料不全', suggestions: '', correctionDeadline: '2022-03-09' },
    excluded: { decision: 'exclude', reasons: '不符合主题' },
    withdrawn: null,
  } as const;
  const decision = decisions[outcome];
  if (decision) {
    const screened = await c.manager.post(`/api/entries/${id}/screening`, decision);
    if (screened.statusCode !== 200) throw new Error(screened.body);
  }
  if (outcome === 'withdrawn') {
    const withdrawn = await client.post(`/api/entries/${id}/withdraw`, { reason: '撤回' });
    if (withdrawn.statusCode !== 200) throw new Error(withdrawn.body);
  }
  return id;
}

const PIXEL_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

/** Files and approves the user's certification (orgs' own use cases, as the applicant and a reviewer would). */
export async function certify(t: TestApp, user: TestUser, kind: 'professional' | 'institution'): Promise<void> {
  const hospital = await buildOrganization(t);
  const staffUser = await buildUser(t, { role: 'staff' });
  const staff = {
    id: staffUser.id,
    name: staffUser.name,
    role: 'staff' as const,
    locale: 'zh-CN' as const,
    organizationId: null,
  };
  const actor = { id: user.id, name: user.name, role: 'user' as const, locale: 'zh-CN' as const, organizationId: null };
  const request = await requestCertification(
    t.app.ctx,
    actor,
    { kind, organizationId: hospital.id, ...(kind === 'professional' ? { title: '主治医师' } : {}), note: '投票测试' },
    { stream: Readable.from([PIXEL_PNG]), filename: '授权书.png' },
  );
  await decideCertification(t.app.ctx, { actor: staff, id: request.id, decision: 'approved' });
}

/** A fresh idempotency key, as the web app makes one per click. */
export const voteKey = () => `k-${randomBytes(9).toString('base64url')}`;
