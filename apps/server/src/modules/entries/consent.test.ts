import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app.ts';
import { applicantOf, completeEntry, publishedCampaign } from '../../../test/entries.ts';
import { buildOrganization } from '../../../test/factories.ts';
import { auditEvents } from '../../platform/audit/audit.tables.ts';
import { entries } from './entries.tables.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const consentOf = async (entryId: string) =>
  (await t.app.ctx.db.select({ consentAt: entries.consentAt }).from(entries).where(eq(entries.id, entryId)))[0]?.consentAt;
const submissionEvents = (entryId: string) =>
  t.app.ctx.db
    .select({ actorId: auditEvents.actorId, data: auditEvents.data, at: auditEvents.occurredAt })
    .from(auditEvents)
    .where(and(eq(auditEvents.subjectId, entryId), eq(auditEvents.kind, 'entry.submitted')));

describe('S0-9 publication consent is recorded at submission', () => {
  it('S0-9 stores when consent was given on the entry and who gave it in the submission audit event; without consent nothing is stored', async () => {
    t.clock.set('2022-01-10T02:00:00.000Z'); // during submission of seed 000
    const { campaign } = await publishedCampaign(t);
    const { client, user } = await applicantOf(t, (await buildOrganization(t)).id);
    const entry = (
      await client.post(`/api/campaigns/${campaign.id}/entries`, { themeId: campaign.themes[0]?.id, title: '出入院一站式服务' })
    ).json();
    const version = await completeEntry(client, entry.id);

    const refused = await client.post(`/api/entries/${entry.id}/submit`, { version });
    expect([refused.statusCode, refused.json().error.fields]).toEqual([
      400,
      [{ path: 'consent', code: 'REQUIRED', message: '此项必填' }],
    ]);
    expect(await consentOf(entry.id)).toBeNull();
    expect(await submissionEvents(entry.id)).toEqual([]);

    t.clock.set('2022-01-10T03:04:05.000Z');
    const submitted = await client.post(`/api/entries/${entry.id}/submit`, { version, consent: true });
    expect(submitted.statusCode).toBe(200);
    expect((await consentOf(entry.id))?.toISOString()).toBe('2022-01-10T03:04:05.000Z');
    expect(await submissionEvents(entry.id)).toEqual([
      {
        actorId: user.id,
        data: { to: 'submitted', number: submitted.json().number, consent: true, resubmission: false },
        at: new Date('2022-01-10T03:04:05.000Z'),
      },
    ]);
  });
});
