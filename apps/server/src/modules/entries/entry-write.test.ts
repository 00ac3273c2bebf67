import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app.ts';
import { applicantOf, completeEntry, publishedCampaign } from '../../../test/entries.ts';
import { buildOrganization } from '../../../test/factories.ts';
import { blockedOrFinished } from '../../../test/lock-wait.ts';
import { auditEvents } from '../../platform/audit/audit.tables.ts';
import type { Actor } from '../../platform/context.ts';
import { type EntryWrite, writeEntry } from './entry-write.ts';
import { screenEntry } from './screen-entry.ts';
import { submitEntry } from './submit-entry.ts';

// Issue 8 item 4: a write loads the entry it changes inside its transaction, locked, and decides on that row. Each
// case holds a real write's transaction open (its row lock taken, its change made, not yet committed) while a
// request on the same entry runs, then lets it commit. On PostgreSQL the request really runs meanwhile: the test
// waits until it is blocked on a row lock (or has finished, which the old shape did, deciding on a copy read before
// its transaction). PGlite runs one transaction at a time, so there the request waits for the held one anyway.

let t: TestApp;
let setup: Awaited<ReturnType<typeof publishedCampaign>>;
let themeIndex = 0;

beforeAll(async () => {
  t = await startTestApp();
  t.clock.set('2022-01-10T02:00:00.000Z'); // during submission of seed 000
  setup = await publishedCampaign(t);
}, 600_000);
afterAll(() => t.close());

/** A complete draft of a fresh hospital, its applicant (client and actor) and its current version. */
async function completeDraft() {
  const organization = await buildOrganization(t);
  const { client, user } = await applicantOf(t, organization.id);
  const entry = (
    await client.post(`/api/campaigns/${setup.campaign.id}/entries`, {
      themeId: setup.campaign.themes[themeIndex++]?.id,
      title: '门诊一站式服务中心建设',
    })
  ).json();
  const version = await completeEntry(client, entry.id);
  const actor: Actor = { id: user.id, name: user.name, role: 'user', locale: 'zh-CN', organizationId: organization.id };
  return { client, actor, entryId: entry.id as string, version };
}

/** Runs `work` as a write of the entry and keeps its transaction open, lock held, until `release()`. */
function heldWrite(actor: Actor, entryId: string, work: (w: EntryWrite) => Promise<void>) {
  let release = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let reached = () => {};
  const changed = new Promise<void>((resolve) => {
    reached = resolve;
  });
  const done = writeEntry(
    t.app.ctx,
    actor,
    entryId,
    () => null,
    async (w) => {
      await work(w);
      reached();
      await released;
    },
  );
  done.catch(() => reached()); // a failed write must not leave the test waiting for `changed`
  return { changed, release, done };
}

/** Resolves once `request` has finished or is waiting for a row lock (see the note at the top). */

const events = async (entryId: string, kind: string) =>
  (
    await t.app.ctx.db
      .select({ actorId: auditEvents.actorId })
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectId, entryId), eq(auditEvents.kind, kind)))
  ).map((e) => e.actorId);

describe('issue 8 item 4: writes decide on the entry as locked in their transaction', () => {
  it('X-6 a file removed while the entry is being submitted: the removal waits and is refused, the submission keeps its PPT', async () => {
    const { client, actor, entryId, version } = await completeDraft();
    const submission = heldWrite(actor, entryId, (w) => submitEntry({ ...w, version }));
    await submission.changed;

    // The old shape read the entry (still a draft) before its transaction and deleted the submitted entry's PPT.
    const removal = client.delete(`/api/entries/${entryId}/attachments/ppt`);
    await blockedOrFinished(t, removal);
    submission.release();

    const { entry: submitted } = await submission.done;
    const removed = await removal;
    expect(submitted.status).toBe('submitted');
    expect([removed.statusCode, removed.json().error.code]).toEqual([409, 'WRONG_STATUS']);
    const after = (await client.get(`/api/entries/${entryId}`)).json();
    expect([after.status, after.attachments.map((a: { slot: string }) => a.slot)]).toEqual(['submitted', ['ppt']]);
    expect(await events(entryId, 'entry.file_removed')).toEqual([]);
    expect(await events(entryId, 'entry.submitted')).toEqual([actor.id]);
  }, 600_000);

  it('S0-8 a withdrawal while a screener passes the entry: exactly one wins, the other gets WRONG_STATUS, one audit event', async () => {
    const { client, entryId, version } = await completeDraft();
    expect((await client.post(`/api/entries/${entryId}/submit`, { version, consent: true })).statusCode).toBe(200);
    const staff: Actor = {
      id: setup.staffUser.id,
      name: setup.staffUser.name,
      role: 'staff',
      locale: 'zh-CN',
      organizationId: null,
    };
    const decision = heldWrite(staff, entryId, (w) => screenEntry({ ...w, input: { decision: 'pass' } }));
    await decision.changed;

    const withdrawal = client.post(`/api/entries/${entryId}/withdraw`, { reason: '材料需要补充' });
    await blockedOrFinished(t, withdrawal);
    decision.release();

    const { entry: passed } = await decision.done;
    const refused = await withdrawal;
    expect(passed.status).toBe('passed');
    expect([refused.statusCode, refused.json().error.code]).toEqual([409, 'WRONG_STATUS']);
    expect((await client.get(`/api/entries/${entryId}`)).json().status).toBe('passed');
    expect(await events(entryId, 'entry.passed')).toEqual([staff.id]);
    expect(await events(entryId, 'entry.withdrawn')).toEqual([]);
  }, 600_000);

  it('S0-8 two screeners decide the same entry at once: the first decision stands, the second gets WRONG_STATUS', async () => {
    const { client, entryId, version } = await completeDraft();
    expect((await client.post(`/api/entries/${entryId}/submit`, { version, consent: true })).statusCode).toBe(200);
    const staff: Actor = {
      id: setup.staffUser.id,
      name: setup.staffUser.name,
      role: 'staff',
      locale: 'zh-CN',
      organizationId: null,
    };
    const first = heldWrite(staff, entryId, (w) =>
      screenEntry({ ...w, input: { decision: 'exclude', reasons: '案例不属于该主题范围' } }),
    );
    await first.changed;

    const second = setup.staff.post(`/api/entries/${entryId}/screening`, { decision: 'pass' });
    await blockedOrFinished(t, second);
    first.release();

    expect((await first.done).entry.status).toBe('excluded');
    const refused = await second;
    expect([refused.statusCode, refused.json().error.code]).toEqual([409, 'WRONG_STATUS']);
    expect(await events(entryId, 'entry.excluded')).toEqual([staff.id]);
    expect(await events(entryId, 'entry.passed')).toEqual([]);
  }, 600_000);
});
