import { randomBytes } from 'node:crypto';
import { Client, type TestApp } from './app.ts';
import { applicantOf, COMPLETE_ANSWERS, completeEntry, organizerMember } from './entries.ts';
import { buildOrganization, PASSWORD } from './factories.ts';
import { SCORING_PHASES } from './judging.ts';

/**
 * The story tests' steps (issue 10 item 8), each through the routes a person would use: a call with a joint-entry
 * field, entries of named hospitals taken to `passed`, experts invited and accepting by the link they were sent,
 * a judge's assignments as their workspace lists them, a sheet saved and submitted.
 */

export type Json = Record<string, unknown>;

/** Fails with the answer's body when a setup step is refused, so a broken step names itself. */
export function ok<T = Json>(res: { statusCode: number; body: string; json(): unknown }, status = 200): T {
  if (res.statusCode !== status) throw new Error(`expected ${status}, got ${res.statusCode}: ${res.body}`);
  return res.json() as T;
}

export interface StoryCall {
  organizerId: string;
  manager: Client;
  managerId: string;
  managerEmail: string;
  campaign: { id: string; themes: Array<{ id: string; code: string; title: string }> };
}

/**
 * A seed-000 call of a fresh organizer, scoring open on the test clock (SCORING_PHASES), whose form also asks for the
 * joint applicants (S1-3, an organization field `partners`), published by its manager.
 */
export async function storyCall(t: TestApp): Promise<StoryCall> {
  const organizer = await buildOrganization(t, { kind: 'media', level: null, grade: null });
  const { client: manager, user } = await organizerMember(t, organizer.id, 'manager');
  const draft = ok(await manager.post('/api/campaigns', { templateKey: 'seed-000', organizerId: organizer.id }), 201);
  ok(await manager.patch(`/api/campaigns/${draft.id}`, { phases: SCORING_PHASES }));
  const form = ok<{ fields: object[] }>(await manager.get(`/api/campaigns/${draft.id}/form`));
  ok(
    await manager.put(`/api/campaigns/${draft.id}/form`, {
      fields: [...form.fields, { kind: 'organization', key: 'partners', label: '联合申报单位', multiple: true, maxUnits: 2 }],
    }),
  );
  const campaign = ok<StoryCall['campaign']>(await manager.post(`/api/campaigns/${draft.id}/publish`));
  return { organizerId: organizer.id, manager, managerId: user.id, managerEmail: user.email, campaign };
}

export interface StoryEntry {
  id: string;
  themeId: string;
  title: string;
  hospital: { id: string; name: string };
  owner: Client;
}

/** An entry of the hospital (with joint partners if given): created, completed, submitted and passed by the manager. */
export async function storyEntry(
  t: TestApp,
  call: StoryCall,
  input: { themeIndex: number; hospital: { id: string; name: string }; title: string; partnerIds?: string[] },
): Promise<StoryEntry> {
  const { client: owner } = await applicantOf(t, input.hospital.id, 'admin');
  const themeId = call.campaign.themes[input.themeIndex]?.id as string;
  const created = ok<{ id: string }>(
    await owner.post(`/api/campaigns/${call.campaign.id}/entries`, {
      themeId,
      title: input.title,
      summary: `以多学科协作缩短患者等待时间${randomBytes(3).toString('hex')}。`,
      answers: { ...COMPLETE_ANSWERS, ...(input.partnerIds ? { partners: input.partnerIds } : {}) },
    }),
    201,
  );
  const version = await completeEntry(owner, created.id);
  ok(await owner.post(`/api/entries/${created.id}/submit`, { version, consent: true }));
  ok(await call.manager.post(`/api/entries/${created.id}/screening`, { decision: 'pass' }));
  return { id: created.id, themeId, title: input.title, hospital: input.hospital, owner };
}

export interface StoryJudge {
  id: string;
  name: string;
  email: string;
  client: Client;
}

/**
 * An expert of the unit invited by the manager by email, who accepts with a new account through the link in the
 * mail (GET the invitation, POST accept), signed in by the acceptance.
 */
export async function invitedJudge(
  t: TestApp,
  call: StoryCall,
  input: { name: string; organizationId: string; specialties?: string[] },
): Promise<StoryJudge> {
  const email = `story-${randomBytes(4).toString('hex')}@example.cn`;
  const invited = ok<{ id: string }>(
    await call.manager.post(`/api/organizers/${call.organizerId}/judges`, {
      name: input.name,
      email,
      organizationId: input.organizationId,
      title: '主任医师',
      specialties: input.specialties ?? [],
    }),
    201,
  );
  const token = /\/judging\/invitations\/([A-Za-z0-9_-]+)/.exec(t.sent.at(-1)?.body ?? '')?.[1];
  if (!token) throw new Error(`no invitation link in ${t.sent.at(-1)?.body}`);
  const client = new Client(t.app);
  const page = ok<{ account: string }>(await client.get(`/api/judging/invitations/${token}`));
  if (page.account !== 'create') throw new Error(`unexpected invitation page ${JSON.stringify(page)}`);
  ok(await client.post(`/api/judging/invitations/${token}/accept`, { password: PASSWORD }));
  return { id: invited.id, name: input.name, email, client };
}

/** A fresh hospital (or other unit) in the registry, optionally a branch (分院) of a parent. */
export async function unit(t: TestApp, name: string, parentId: string | null = null) {
  const org = await buildOrganization(t, { name: `${name}${randomBytes(2).toString('hex')}`, parentId });
  return { id: org.id, name: org.name };
}

/** The judge's assignments in open rounds as their workspace lists them: entry id -> assignment id. */
export async function assignmentsOf(judge: StoryJudge, roundId: string): Promise<Map<string, string>> {
  const mine = ok<{ rounds: Array<{ round: { id: string }; items: Array<{ assignmentId: string; entry: { id: string } }> }> }>(
    await judge.client.get('/api/judging/me/assignments'),
  );
  const round = mine.rounds.find((r) => r.round.id === roundId);
  return new Map((round?.items ?? []).map((i) => [i.entry.id, i.assignmentId]));
}

/** Saves a draft of the seed-000 sheet (one criterion, `overall`) at version 0, then submits it at version 1. */
export async function scoreAndSubmit(judge: StoryJudge, assignmentId: string, overall: number, scores?: Json) {
  const base = `/api/judging/assignments/${assignmentId}`;
  ok(await judge.client.put(`${base}/sheet`, { version: 0, scores: scores ?? { overall } }));
  return ok<{ sheet: { status: string; total: number | null } }>(await judge.client.post(`${base}/sheet/submit`, { version: 1 }));
}
