import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app.ts';
import { applicantOf, buildPptx, COMPLETE_ANSWERS, publishedCampaign, uploadFile } from '../../../test/entries.ts';
import { buildOrganization } from '../../../test/factories.ts';

let t: TestApp;
let setup: Awaited<ReturnType<typeof publishedCampaign>>;
let themeIndex = 0;

beforeAll(async () => {
  t = await startTestApp();
  t.clock.set('2022-01-10T02:00:00.000Z'); // during submission
  setup = await publishedCampaign(t);
}, 180_000);
afterAll(() => t.close());

/** A submitted entry whose PPT slot holds `first`, and its applicant's client. */
async function submittedWith(first: Buffer, name: string) {
  const { client } = await applicantOf(t, (await buildOrganization(t)).id);
  const entry = (
    await client.post(`/api/campaigns/${setup.campaign.id}/entries`, {
      themeId: setup.campaign.themes[themeIndex++]?.id,
      title: '门诊一站式服务',
    })
  ).json();
  const saved = (
    await client.patch(`/api/entries/${entry.id}`, {
      version: entry.version,
      summary: '以流程再造缩短门诊等候。',
      answers: COMPLETE_ANSWERS,
    })
  ).json();
  expect((await uploadFile(client, entry.id, 'ppt', first, name)).statusCode).toBe(200);
  const submitted = await client.post(`/api/entries/${entry.id}/submit`, { version: saved.version, consent: true });
  expect(submitted.statusCode).toBe(200);
  return { client, entry: submitted.json() };
}

const returnIt = (entryId: string) =>
  setup.staff.post(`/api/entries/${entryId}/screening`, {
    decision: 'return',
    reasons: 'PPT 缺少量化效果页',
    suggestions: '',
    correctionDeadline: '2022-01-20',
  });

describe('attachments are versioned (X-6: nothing a user uploaded is lost)', () => {
  it('X-6 S0-8 a replaced PPT stays in the history, downloadable, and the screener sees the old and the new name', async () => {
    const v1 = await buildPptx({ slides: 12 });
    const v2 = await buildPptx({ slides: 15 });
    const { client, entry } = await submittedWith(v1, '初稿.pptx');
    expect((await returnIt(entry.id)).statusCode).toBe(200);
    t.clock.set('2022-01-11T02:00:00.000Z');
    const replaced = await uploadFile(client, entry.id, 'ppt', v2, '修改稿.pptx');
    expect(replaced.statusCode).toBe(200);
    const history = (await client.get(`/api/entries/${entry.id}/versions`)).json();
    expect(history.files).toEqual([
      expect.objectContaining({
        slot: 'ppt',
        name: '初稿.pptx',
        size: v1.length,
        pptx: { slides: 12, copyrightPage: true, animatedSlides: 0 },
        entryVersion: 2,
        uploadedAt: '2022-01-10T02:00:00.000Z',
        replacedAt: '2022-01-11T02:00:00.000Z',
        current: false,
      }),
      expect.objectContaining({ slot: 'ppt', name: '修改稿.pptx', size: v2.length, replacedAt: null, current: true }),
    ]);
    const [old, current] = history.files;
    expect(current.fileId).toBe(replaced.json().attachment.fileId);
    // The replaced file is still there for its owner and for the screener.
    for (const reader of [client, setup.staff]) {
      const file = await reader.get(old.downloadUrl);
      expect([file.statusCode, file.rawPayload.equals(v1)]).toEqual([200, true]);
    }
    const changes = (await setup.staff.get(`/api/entries/${entry.id}/changes`)).json().changes;
    expect(changes).toEqual([
      {
        field: 'answers.ppt',
        label: expect.any(String),
        before: { fileId: old.fileId, name: '初稿.pptx', size: v1.length, downloadUrl: old.downloadUrl },
        after: { fileId: current.fileId, name: '修改稿.pptx', size: v2.length, downloadUrl: current.downloadUrl },
      },
    ]);
  });

  it('X-6 a removed file leaves the slot empty but stays downloadable from the history; strangers still get 404', async () => {
    const v1 = await buildPptx({ slides: 9 });
    const { client, entry } = await submittedWith(v1, '删除前.pptx');
    expect((await returnIt(entry.id)).statusCode).toBe(200);
    t.clock.set('2022-01-12T02:00:00.000Z');
    const removed = await client.delete(`/api/entries/${entry.id}/attachments/ppt`);
    expect([removed.statusCode, removed.json().attachments]).toEqual([200, []]);
    const files = (await client.get(`/api/entries/${entry.id}/versions`)).json().files;
    expect(files.map((f: { name: string; current: boolean; replacedAt: string }) => [f.name, f.current, f.replacedAt])).toEqual([
      ['删除前.pptx', false, '2022-01-12T02:00:00.000Z'],
    ]);
    expect((await client.get(files[0].downloadUrl)).rawPayload.equals(v1)).toBe(true);
    const { client: stranger } = await applicantOf(t, (await buildOrganization(t)).id);
    expect((await stranger.get(files[0].downloadUrl)).statusCode).toBe(404);
    const changes = (await setup.staff.get(`/api/entries/${entry.id}/changes`)).json().changes;
    expect(
      changes.map((c: { field: string; before: { name: string }; after: unknown }) => [c.field, c.before.name, c.after]),
    ).toEqual([['answers.ppt', '删除前.pptx', null]]);
  });
});
