import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, startTestApp, type TestApp } from '../../../test/app.ts';
import { buildPptx, organizerMember } from '../../../test/entries.ts';
import { buildOrganization } from '../../../test/factories.ts';
import { multipart } from '../../../test/multipart.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  t.clock.set('2026-03-02T02:00:00.000Z');
});
afterAll(() => t.close());

async function draftOfNewOrganizer() {
  const organizer = await buildOrganization(t, { kind: 'health_commission', level: null, grade: null });
  const { client: manager } = await organizerMember(t, organizer.id, 'manager');
  const draft = (await manager.post('/api/campaigns', { templateKey: 'seed-000', organizerId: organizer.id })).json();
  return { manager, draft, organizer };
}

describe('an organizer sets a campaign up', () => {
  it('S0-3 X-2 writes its own themes with directions and phases in Shanghai days while it is a draft', async () => {
    const { manager, draft } = await draftOfNewOrganizer();
    const res = await manager.patch(`/api/campaigns/${draft.id}`, {
      title: '2026年度县级医院质量安全案例征集',
      themes: [
        { code: 'Q1', title: '医疗质量安全管理', directions: '所列方向仅为建议' },
        { code: 'P1', title: '患者体验', directions: '' },
      ],
      phases: [
        {
          key: 'submission',
          label: '案例申报',
          start: '2026-03-01',
          end: '2026-04-30',
          capabilities: ['canSubmit', 'canScreen'],
        },
        { key: 'review', label: '专家评审', start: '2026-05-01', end: '2026-05-31', capabilities: ['canScore'] },
      ],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().themes.map((th: { code: string; title: string }) => [th.code, th.title])).toEqual([
      ['Q1', '医疗质量安全管理'],
      ['P1', '患者体验'],
    ]);
    expect(
      res.json().phases.map((p: { key: string; startsAt: string; endsAt: string }) => [p.key, p.startsAt, p.endsAt]),
    ).toEqual([
      ['submission', '2026-02-28T16:00:00.000Z', '2026-04-30T15:59:59.999Z'],
      ['review', '2026-04-30T16:00:00.000Z', '2026-05-31T15:59:59.999Z'],
    ]);
    expect(res.json().currentPhase).toBe('submission');
    const bad = await manager.patch(`/api/campaigns/${draft.id}`, {
      themes: [
        { code: 'Q1', title: '甲' },
        { code: 'Q1', title: '重复的编号' },
      ],
      phases: [{ key: 'submission', label: '申报', start: '2026-05-01', end: '2026-04-01' }],
    });
    expect(bad.json().error.fields).toEqual([
      { path: 'themes.0.title', code: 'TOO_SHORT', params: { min: 2 }, message: '至少 2 个字符' },
      { path: 'themes.1.code', code: 'DUPLICATE', message: '不能重复' },
      { path: 'phases.0.end', code: 'INVALID', message: '格式不正确' },
    ]);
    const order = await manager.patch(`/api/campaigns/${draft.id}`, {
      phases: [
        { key: 'review', label: '评审', start: '2026-05-01', end: '2026-05-31' },
        { key: 'submission', label: '申报', start: '2026-03-01', end: '2026-04-30' },
      ],
    });
    expect(order.json().error.fields).toEqual([
      { path: 'phases.1.start', code: 'PHASE_ORDER', message: '各阶段须按时间先后排列' },
    ]);
    await manager.post(`/api/campaigns/${draft.id}/publish`);
    const frozen = await manager.patch(`/api/campaigns/${draft.id}`, { themes: [{ code: 'X1', title: '新主题' }] });
    expect([frozen.statusCode, frozen.json().error.code]).toEqual([409, 'WRONG_STATUS']);
  });

  // The template's rules (S0-4: copyright page, fonts, parts) are checked on the entries' PPTs, not here: this is
  // only how the organizer offers the file.
  it('offers the PPT template for download; only its own managers upload, not its screener nor another organizer; a disguised file is refused', async () => {
    const { manager, draft, organizer } = await draftOfNewOrganizer();
    const template = await buildPptx({ slides: 5 });
    const upload = (bytes: Buffer, client: Client, name = '案例PPT模板.pptx') => {
      const { payload, headers } = multipart({}, [{ name: 'file', filename: name, content: bytes }]);
      return client.request({
        method: 'POST',
        url: `/api/campaigns/${draft.id}/downloads?label=${encodeURIComponent('案例PPT模板')}`,
        payload,
        headers,
      });
    };
    const res = await upload(template, manager);
    expect(res.statusCode).toBe(201);
    const [download] = res.json().downloads;
    expect(download).toMatchObject({ label: '案例PPT模板', name: '案例PPT模板.pptx', size: template.length });
    await manager.post(`/api/campaigns/${draft.id}/publish`);
    const file = await new Client(t.app).get(`/api/campaigns/${draft.id}/downloads/${download.fileId}`);
    expect([file.statusCode, file.rawPayload.equals(template)]).toEqual([200, true]);
    const exe = await upload(Buffer.concat([Buffer.from('MZ'), Buffer.alloc(100)]), manager, '模板.pptx');
    expect([exe.statusCode, exe.json().error.code]).toEqual([415, 'FILE_TYPE_NOT_ALLOWED']);
    const { client: ownScreener } = await organizerMember(t, organizer.id, 'screener');
    const { client: otherScreener } = await organizerMember(t, (await buildOrganization(t)).id, 'screener');
    const { client: otherManager } = await organizerMember(t, (await buildOrganization(t)).id, 'manager');
    for (const [who, client] of [
      ['own screener', ownScreener],
      ['other organizer screener', otherScreener],
      ['other organizer manager', otherManager],
    ] as const) {
      const refused = await upload(template, client, `${who}.pptx`);
      expect([who, refused.statusCode, refused.json().error.code]).toEqual([who, 403, 'FORBIDDEN']);
    }
    // Nothing a refused caller sent was kept: the list still holds the manager's file only.
    const listed = (await manager.get(`/api/campaigns/${draft.id}`)).json();
    expect(listed.downloads.map((d: { fileId: string }) => d.fileId)).toEqual([download.fileId]);
    const removed = await manager.delete(`/api/campaigns/${draft.id}/downloads/${download.fileId}`);
    expect(removed.json().downloads).toEqual([]);
  });
});
