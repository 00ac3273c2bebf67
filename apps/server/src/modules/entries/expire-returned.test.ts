import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app.ts';
import { applicantOf, completeEntry, publishedCampaign } from '../../../test/entries.ts';
import { buildOrganization } from '../../../test/factories.ts';
import { auditEvents } from '../../platform/audit/audit.tables.ts';
import { screeningDecisions } from './entries.tables.ts';
import { expireReturnedEntries } from './expire-returned.ts';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
  t.clock.set('2022-01-10T02:00:00.000Z'); // Monday, during submission
});
afterAll(() => t.close());

describe('automatic transitions carry a system actor', () => {
  it('S3-5 X-3 the correction-deadline expiry is audited as system:correction-sweep with no person as its actor', async () => {
    const setup = await publishedCampaign(t);
    const { client } = await applicantOf(t, (await buildOrganization(t)).id);
    const entry = (
      await client.post(`/api/campaigns/${setup.campaign.id}/entries`, {
        themeId: setup.campaign.themes[0]?.id,
        title: '静脉血栓防治',
      })
    ).json();
    const version = await completeEntry(client, entry.id);
    await client.post(`/api/entries/${entry.id}/submit`, { version, consent: true });
    const returned = await setup.staff.post(`/api/entries/${entry.id}/screening`, {
      decision: 'return',
      reasons: '缺少效果数据',
      suggestions: '',
      correctionDeadline: '2022-01-12',
    });
    expect(returned.json().status).toBe('returned');

    t.clock.set('2022-01-12T16:00:01.000Z'); // just after the deadline day ended in Shanghai
    expect(await expireReturnedEntries(t.app.ctx)).toBe(1);

    const events = await t.app.ctx.db
      .select({ kind: auditEvents.kind, actorId: auditEvents.actorId, data: auditEvents.data })
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectId, entry.id), eq(auditEvents.kind, 'entry.expired')));
    expect(events).toEqual([
      {
        kind: 'entry.expired',
        actorId: null,
        data: {
          to: 'excluded',
          actor: 'system:correction-sweep',
          automatic: true,
          reasons: '逾期未修改，按规定不进入正式评审',
          correctionDeadline: '2022-01-12T15:59:59.999Z', // 24:00 on the deadline day in Shanghai
        },
      },
    ]);
    const decisions = await t.app.ctx.db
      .select({ decision: screeningDecisions.decision, decidedBy: screeningDecisions.decidedBy })
      .from(screeningDecisions)
      .where(eq(screeningDecisions.entryId, entry.id))
      .orderBy(screeningDecisions.decidedAt);
    expect(decisions).toEqual([
      { decision: 'return', decidedBy: setup.staffUser.id },
      { decision: 'exclude', decidedBy: null },
    ]);
  });
});
