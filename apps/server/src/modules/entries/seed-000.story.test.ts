import { SEED_000_TEMPLATE } from '@casearena/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, startTestApp, type TestApp } from '../../../test/app.ts';
import { applicantOf, buildPptx, COMPLETE_ANSWERS, organizerMember, uploadFile } from '../../../test/entries.ts';
import { buildOrganization } from '../../../test/factories.ts';
import { expireReturnedEntries } from './expire-returned.ts';

/**
 * The national hospital contest (seed 000) from the call to screened entries, as its people live it: the organizer
 * sets it up and publishes it, hospitals enter cases with their PPT, a screener works the queue within two working
 * days, a returned case is corrected, passed cases appear on the theme pages, the deadline closes the door.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('story: seed 000 from the call to screened entries', () => {
  it('walks every phase up to screening', async () => {
    // December 2021: 健康界's manager creates the call from the template and brings a screener in.
    t.clock.set('2021-11-25T02:00:00.000Z');
    const organizer = await buildOrganization(t, { name: '健康界传媒', kind: 'media', level: null, grade: null });
    const { client: manager } = await organizerMember(t, organizer.id, 'manager');
    const draft = (await manager.post('/api/campaigns', { templateKey: 'seed-000', organizerId: organizer.id })).json();
    expect(draft.themes.map((th: { title: string }) => th.title)).toEqual(SEED_000_TEMPLATE.themes.map((th) => th.title)); // S0-3
    expect(draft.attachments.map((a: { key: string; maxBytes: number }) => [a.key, a.maxBytes])).toEqual([
      ['ppt', 30 * 1024 * 1024], // S0-4
      ['video', 700 * 1024 * 1024], // S0-5
    ]);
    expect((await new Client(t.app).get(`/api/campaigns/${draft.id}`)).statusCode).toBe(404); // not public yet
    expect((await manager.post(`/api/campaigns/${draft.id}/publish`)).json().status).toBe('published');
    const landing = (await new Client(t.app).get(`/api/campaigns/${draft.id}`)).json();
    expect([landing.currentPhase, landing.consent]).toEqual([null, SEED_000_TEMPLATE.consent]); // before 1 December

    // Hospitals enter during the window (S0-7), Friday 2022-03-11 afternoon in Shanghai.
    t.clock.set('2022-03-11T07:00:00.000Z');
    const { client: screener } = await organizerMember(t, organizer.id, 'screener'); // signs in today
    const hospital = await buildOrganization(t, { name: '故事市第一人民医院' });
    const branch = await buildOrganization(t, { name: '故事市第一人民医院东院区', parentId: hospital.id });
    const { client: main } = await applicantOf(t, hospital.id);
    const { client: east } = await applicantOf(t, branch.id);
    const enter = async (client: Client, theme: number, title: string) => {
      const entry = (
        await client.post(`/api/campaigns/${draft.id}/entries`, { themeId: landing.themes[theme].id, title })
      ).json();
      const saved = (
        await client.patch(`/api/entries/${entry.id}`, {
          version: 1,
          summary: `${title}：背景、做法与成效。`,
          answers: COMPLETE_ANSWERS,
        })
      ).json();
      expect((await uploadFile(client, entry.id, 'ppt', await buildPptx({ slides: 18 }))).json().complete).toBe(true);
      return (await client.post(`/api/entries/${entry.id}/submit`, { version: saved.version, consent: true })).json(); // S0-9
    };
    const a = await enter(main, 0, '老年患者一站式出入院服务');
    const b = await enter(main, 1, '胸痛中心一体化救治');
    const c = await enter(east, 0, '东院区适老化就医环境改造'); // S0-6: a branch enters the same theme
    const duplicate = await main.post(`/api/campaigns/${draft.id}/entries`, { themeId: landing.themes[0].id, title: '第二个' });
    expect(duplicate.json().error.code).toBe('DUPLICATE_ENTRY');
    expect([a.number, b.number, c.number]).toEqual(['2022-T01-0001', '2022-T02-0001', '2022-T01-0002']);

    // S0-8: due by the end of the second working day: Friday afternoon → Tuesday 23:59:59 Shanghai.
    const queue = (await screener.get(`/api/campaigns/${draft.id}/screening-queue`)).json().items;
    expect(queue.map((q: { number: string; dueAt: string }) => [q.number, q.dueAt])).toEqual([
      ['2022-T01-0001', '2022-03-15T15:59:59.999Z'],
      ['2022-T01-0002', '2022-03-15T15:59:59.999Z'],
      ['2022-T02-0001', '2022-03-15T15:59:59.999Z'],
    ]);
    t.clock.set('2022-03-14T02:00:00.000Z'); // Monday
    await screener.post(`/api/entries/${a.id}/screening`, { decision: 'pass' });
    await screener.post(`/api/entries/${c.id}/screening`, {
      decision: 'return',
      reasons: 'PPT 缺少模板版权声明页',
      suggestions: '请保留版权声明页后重新提交',
      correctionDeadline: '2022-03-18',
    });
    // Wednesday: what is left is overdue and stands out.
    t.clock.set('2022-03-16T02:00:00.000Z');
    const late = (await screener.get(`/api/campaigns/${draft.id}/screening-queue`)).json().items;
    expect(late.map((q: { number: string; overdue: boolean }) => [q.number, q.overdue])).toEqual([['2022-T02-0001', true]]);
    await screener.post(`/api/entries/${b.id}/screening`, { decision: 'exclude', reasons: '案例实施时间不足' });

    // The branch reads the reasons, corrects within its deadline (after the submission window closed), resubmits.
    const mine = (await east.get('/api/entries/mine')).json().items[0];
    expect(mine).toMatchObject({
      status: 'returned',
      screening: { reasons: 'PPT 缺少模板版权声明页' },
      correctionDeadline: '2022-03-18T15:59:59.999Z',
    });
    const notice = (await east.get('/api/notifications')).json().items[0];
    expect(notice.title).toBe('案例退回修改');
    expect((await uploadFile(east, c.id, 'ppt', await buildPptx({ slides: 19 }))).json().attachment.pptx).toEqual({
      slides: 19,
      copyrightPage: true,
      animatedSlides: 0,
    });
    const resubmitted = (await east.post(`/api/entries/${c.id}/submit`, { version: mine.version, consent: true })).json();
    expect([resubmitted.status, resubmitted.number]).toEqual(['submitted', '2022-T01-0002']);
    const changes = (await screener.get(`/api/entries/${c.id}/changes`)).json().changes;
    expect(changes.map((ch: { field: string }) => ch.field)).toEqual(['answers.ppt']);
    await screener.post(`/api/entries/${c.id}/screening`, { decision: 'pass' });

    // The public theme page lists passed cases, searchable by name, hospital or number (S0-8, S0-14).
    const public1 = (await new Client(t.app).get(`/api/campaigns/${draft.id}/entries?themeId=${landing.themes[0].id}`)).json();
    expect(public1.items.map((e: { number: string; organization: string }) => [e.number, e.organization])).toEqual([
      ['2022-T01-0001', '故事市第一人民医院'],
      ['2022-T01-0002', '故事市第一人民医院东院区'],
    ]);
    const byNumber = (await new Client(t.app).get(`/api/campaigns/${draft.id}/entries?q=T01-0002`)).json();
    expect(byNumber.items.map((e: { title: string }) => e.title)).toEqual(['东院区适老化就医环境改造']);
    const page = (await new Client(t.app).get(`/api/public/entries/${a.id}`)).json();
    expect([page.title, page.theme.code]).toEqual(['老年患者一站式出入院服务', 'T01']);
    expect((await new Client(t.app).get(`/api/public/entries/${b.id}`)).statusCode).toBe(404); // excluded: not public

    // After the deadline: no new entries (S0-7); nothing is left returned past its correction deadline (S3-5).
    t.clock.set('2022-03-19T02:00:00.000Z');
    const { client: latecomer } = await applicantOf(t, (await buildOrganization(t)).id);
    const refused = await latecomer.post(`/api/campaigns/${draft.id}/entries`, {
      themeId: landing.themes[2].id,
      title: '迟到的案例',
    });
    expect(refused.json().error.message).toBe('当前不在申报时间内（申报截止：2022-03-15 23:59，北京时间）');
    expect(await expireReturnedEntries(t.app.ctx)).toBe(0);
  });
});
