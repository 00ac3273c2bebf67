import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Client, startTestApp, type TestApp } from '../../../test/app.ts';
import { applicantOf, COMPLETE_ANSWERS, completeEntry, organizerMember, publishedCampaign } from '../../../test/entries.ts';
import { buildOrganization, signedInAs } from '../../../test/factories.ts';
import { organizerMembers } from '../campaigns/campaigns.tables.ts';
import { expireReturnedEntries } from './expire-returned.ts';

let t: TestApp;
let setup: Awaited<ReturnType<typeof publishedCampaign>>;
const theme = (i: number) => setup.campaign.themes[i]?.id ?? '';

beforeAll(async () => {
  t = await startTestApp();
  t.clock.set('2022-01-10T02:00:00.000Z'); // Monday, during submission (2021-12-01 .. 2022-03-15)
  setup = await publishedCampaign(t);
});
afterAll(() => t.close());
afterEach(() => t.clock.set('2022-01-10T02:00:00.000Z'));

async function entryOf(client: Client, themeIndex: number) {
  return client.post(`/api/campaigns/${setup.campaign.id}/entries`, { themeId: theme(themeIndex), title: '急诊胸痛一体化救治' });
}

/** A campaign a manager set up from the template, with rules changed before publishing. */
async function campaignWith(patch: object) {
  const organizer = await buildOrganization(t, { kind: 'health_commission', level: null, grade: null });
  const { client: manager } = await organizerMember(t, organizer.id, 'manager');
  const draft = (await manager.post('/api/campaigns', { templateKey: 'seed-000', organizerId: organizer.id })).json();
  const saved = await manager.patch(`/api/campaigns/${draft.id}`, patch);
  if (saved.statusCode !== 200) throw new Error(saved.body);
  const published = (await manager.post(`/api/campaigns/${draft.id}/publish`)).json();
  return { manager, campaign: published as { id: string; themes: Array<{ id: string }> } };
}

describe('eligibility, tracks and entry rules', () => {
  it('S0-1 prefecture level and above: a county-level hospital is refused, naming the rule', async () => {
    const county = await buildOrganization(t, { name: '禹州市人民医院测试', regionCode: '411081', isCountyLevel: true });
    const { client } = await applicantOf(t, county.id);
    const res = await entryOf(client, 0);
    expect([res.statusCode, res.json().error.message]).toEqual([
      409,
      '贵单位不符合本次活动的申报条件：本次活动面向地市级及以上医疗机构，县级医疗机构不在申报范围内',
    ]);
  });

  it('S2-1 county general, TCM and maternal-child hospitals of one province only; S1-2 they rank in the county track', async () => {
    const { campaign } = await campaignWith({
      eligibilityRules: {
        orgKinds: ['general_hospital', 'tcm_hospital', 'maternal_child_hospital'],
        countyLevel: 'only',
        provinceCodes: ['410000'],
      },
      tracks: [{ key: 'county', label: '县域专区', countyLevelOnly: true }],
    });
    const create = async (org: object) => {
      const { client } = await applicantOf(t, (await buildOrganization(t, org)).id);
      return client.post(`/api/campaigns/${campaign.id}/entries`, { themeId: campaign.themes[0]?.id, title: '县域医共体建设' });
    };
    const ok = await create({ regionCode: '411081', isCountyLevel: true, kind: 'tcm_hospital' });
    expect([ok.statusCode, ok.json().track]).toEqual([201, 'county']);
    expect((await create({ regionCode: '411000', isCountyLevel: false })).json().error.message).toBe(
      '贵单位不符合本次活动的申报条件：仅限县级医疗机构申报',
    );
    expect((await create({ regionCode: '130181', isCountyLevel: true })).json().error.message).toBe(
      '贵单位不符合本次活动的申报条件：贵单位所在省份不在本次活动的申报范围内',
    );
    expect((await create({ regionCode: '411081', isCountyLevel: true, kind: 'specialty_hospital' })).json().error.message).toBe(
      '贵单位不符合本次活动的申报条件：仅限综合医院、中医医院、妇幼保健院申报',
    );
  });

  it('S1-4 at most N entries per organization in a campaign when the organizer says so', async () => {
    const { campaign } = await campaignWith({ entryRules: { onePerOrganizationPerTheme: true, maxPerOrganization: 1 } });
    const { client } = await applicantOf(t, (await buildOrganization(t)).id);
    const first = await client.post(`/api/campaigns/${campaign.id}/entries`, {
      themeId: campaign.themes[0]?.id,
      title: '案例一',
    });
    const second = await client.post(`/api/campaigns/${campaign.id}/entries`, {
      themeId: campaign.themes[1]?.id,
      title: '案例一（换主题）',
    });
    expect([first.statusCode, second.statusCode, second.json().error.message]).toEqual([
      201,
      409,
      '贵单位不符合本次活动的申报条件：每家单位最多申报 1 个案例',
    ]);
  });

  it('S1-4 S2-3 one case is not entered twice: a reworded copy in another theme is refused, naming the first', async () => {
    const { client } = await applicantOf(t, (await buildOrganization(t)).id);
    const submit = async (themeIndex: number, title: string, summary: string) => {
      const entry = (
        await client.post(`/api/campaigns/${setup.campaign.id}/entries`, { themeId: theme(themeIndex), title })
      ).json();
      await client.patch(`/api/entries/${entry.id}`, { version: 1, summary });
      const version = await completeEntry(client, entry.id);
      return client.post(`/api/entries/${entry.id}/submit`, { version, consent: true });
    };
    const summary = '我院建立老年患者出入院一站式服务中心，整合入院登记、医保审核、费用结算，平均办理时间由45分钟缩短至12分钟。';
    const first = (await submit(0, '老年患者出入院一站式服务中心建设', summary)).json();
    const copy = await submit(2, '老年患者出入院“一站式”服务中心的建设', summary.replace('我院', '本院'));
    expect([copy.statusCode, copy.json().error.code, copy.json().error.params.number]).toEqual([
      409,
      'DUPLICATE_CASE',
      first.number,
    ]);
    expect(copy.json().error.message).toMatch(
      /^该案例与贵单位已申报的案例“老年患者出入院一站式服务中心建设”（2022-T01-\d{4}）高度相似（\d+%），同一案例不得重复申报或一稿多投$/,
    );
    const other = await submit(
      3,
      '胸痛中心区域协同救治网络',
      '以胸痛中心为核心，联合县级医院和120建立区域协同救治网络，D2B时间缩短至68分钟。',
    );
    expect(other.json().status).toBe('submitted');
  });

  it('at most N cases per department of a hospital when the organizer says so, by the form’s department answer', async () => {
    const { campaign } = await campaignWith({
      entryRules: { onePerOrganizationPerTheme: true, maxPerOrganization: null, maxPerDepartment: 1 },
    });
    const { client } = await applicantOf(t, (await buildOrganization(t)).id);
    const submit = async (themeIndex: number, title: string, summary: string, department = '医务部') => {
      const entry = (
        await client.post(`/api/campaigns/${campaign.id}/entries`, { themeId: campaign.themes[themeIndex]?.id, title })
      ).json();
      await client.patch(`/api/entries/${entry.id}`, { version: 1, summary });
      let version = await completeEntry(client, entry.id);
      version = (await client.patch(`/api/entries/${entry.id}`, { version, answers: { department } })).json().version;
      return client.post(`/api/entries/${entry.id}/submit`, { version, consent: true });
    };
    expect((await submit(0, '日间手术中心建设', '扩容日间手术中心，病种由20个增至120个。')).statusCode).toBe(200);
    const second = await submit(1, '智慧药房建设', '自动化发药系统使取药等待缩短到5分钟以内。');
    expect([second.statusCode, second.json().error.message]).toEqual([
      409,
      '贵单位不符合本次活动的申报条件：同一科室（医务部）最多申报 1 个案例',
    ]);
    expect((await submit(2, '护理随访平台', '出院患者线上随访覆盖率达到95%。', '护理部')).statusCode).toBe(200);
  });

  it('rules that decide who may enter are frozen once the campaign is published', async () => {
    const { manager, campaign } = await campaignWith({});
    const res = await manager.patch(`/api/campaigns/${campaign.id}`, {
      eligibilityRules: { orgKinds: [], countyLevel: 'only', provinceCodes: [] },
    });
    expect([res.statusCode, res.json().error.code]).toEqual([409, 'WRONG_STATUS']);
    const text = await manager.patch(`/api/campaigns/${campaign.id}`, {
      introduction: '<p>欢迎</p><script>alert(1)</script><a href="javascript:x">链接</a>',
    });
    expect(text.json().introduction).toBe('<p>欢迎</p><a rel="noopener noreferrer" target="_blank">链接</a>');
  });
});

describe('the form: required fields named on submission, drafts always kept', () => {
  it('S0-2 S0-4 names every missing field and the missing PPT; a draft with them missing is still saved', async () => {
    const { client } = await applicantOf(t, (await buildOrganization(t)).id);
    const entry = (await entryOf(client, 1)).json();
    const saved = await client.patch(`/api/entries/${entry.id}`, {
      version: 1,
      summary: '简介',
      answers: { contact: { name: '', phone: '123' } },
    });
    expect([saved.statusCode, saved.json().error.fields]).toEqual([
      400,
      [{ path: 'answers.contact.phone', code: 'PHONE_INVALID', message: '手机号格式不正确，应为 11 位中国大陆手机号' }],
    ]);
    const draft = await client.patch(`/api/entries/${entry.id}`, {
      version: 1,
      summary: '简介',
      answers: { contact: { name: '' } },
    });
    expect(draft.statusCode).toBe(200);
    const submit = await client.post(`/api/entries/${entry.id}/submit`, { version: 2, consent: true });
    expect(submit.json().error.fields).toEqual([
      { path: 'answers.department', code: 'REQUIRED', message: '此项必填' },
      { path: 'answers.contact.name', code: 'REQUIRED', message: '此项必填' },
      { path: 'answers.ppt', code: 'FILE_REQUIRED', message: '请上传此附件' },
    ]);
    const unknown = await client.patch(`/api/entries/${entry.id}`, { version: 2, answers: { poster: 'x' } });
    expect(unknown.json().error.fields).toEqual([{ path: 'answers.poster', code: 'UNKNOWN_FIELD', message: '表单中没有此项' }]);
  });

  it('forms are versioned: an entry keeps the version it was written under when the organizer edits the form', async () => {
    const { manager, campaign } = await campaignWith({});
    const { client } = await applicantOf(t, (await buildOrganization(t)).id);
    const before = (
      await client.post(`/api/campaigns/${campaign.id}/entries`, { themeId: campaign.themes[0]?.id, title: '旧版本' })
    ).json();
    const form = (await manager.get(`/api/campaigns/${campaign.id}/form`)).json();
    const fields = [
      ...form.fields,
      { kind: 'long_text', key: 'measures', label: '主要做法', required: true, maxChars: 20, sections: ['背景', '做法'] },
    ];
    const v2 = await manager.put(`/api/campaigns/${campaign.id}/form`, { fields });
    expect([v2.statusCode, v2.json().version]).toEqual([200, 2]);
    const after = (
      await client.post(`/api/campaigns/${campaign.id}/entries`, { themeId: campaign.themes[1]?.id, title: '新版本' })
    ).json();
    expect([before.formVersion, after.formVersion]).toEqual([1, 2]);
    expect((await client.get(`/api/campaigns/${campaign.id}/form?version=1`)).json().fields.length).toBe(4);
    // X-5 on the new field: Chinese characters count one each, whitespace not at all; sections are asked for.
    const long = await client.patch(`/api/entries/${after.id}`, { version: 1, answers: { measures: '背景 做法 '.repeat(6) } });
    expect(long.json().error.fields).toEqual([
      { path: 'answers.measures', code: 'CJK_TOO_LONG', params: { max: 20, count: 24 }, message: '不能超过 20 字（当前 24 字）' },
    ]);
    await client.patch(`/api/entries/${after.id}`, { version: 1, answers: { measures: '只写了背景' } });
    await completeEntry(client, after.id);
    const current = (await client.get(`/api/entries/${after.id}`)).json();
    const submit = await client.post(`/api/entries/${after.id}/submit`, { version: current.version, consent: true });
    expect(submit.json().error.fields).toEqual([
      { path: 'answers.measures', code: 'SECTIONS_MISSING', params: { sections: '做法' }, message: '缺少以下部分：做法' },
    ]);
    // The old entry is not asked for the new field.
    await completeEntry(client, before.id);
    const old = (await client.get(`/api/entries/${before.id}`)).json();
    expect((await client.post(`/api/entries/${before.id}/submit`, { version: old.version, consent: true })).json().status).toBe(
      'submitted',
    );
    const stale = await manager.put(`/api/campaigns/${campaign.id}/form`, { fields, baseVersion: 1 });
    expect([stale.statusCode, stale.json().error.code, stale.json().error.params]).toEqual([
      409,
      'STALE_VERSION',
      { current: 2, yours: 1 },
    ]);
    const duplicateKey = await manager.put(`/api/campaigns/${campaign.id}/form`, { fields: [...fields, fields[0]] });
    expect(duplicateKey.json().error.fields).toEqual([{ path: 'fields.5.key', code: 'DUPLICATE', message: '不能重复' }]);
    expect((await client.put(`/api/campaigns/${campaign.id}/form`, { fields })).statusCode).toBe(403);
  });
});

describe('joint entries (S1-3)', () => {
  it('units named as joint applicants read the entry and find it in their list; only the entering unit edits it', async () => {
    const { manager, campaign } = await campaignWith({});
    const form = (await manager.get(`/api/campaigns/${campaign.id}/form`)).json();
    await manager.put(`/api/campaigns/${campaign.id}/form`, {
      fields: [...form.fields, { kind: 'organization', key: 'partners', label: '联合申报单位', multiple: true, maxUnits: 3 }],
    });
    const lead = await buildOrganization(t);
    const partner = await buildOrganization(t, { kind: 'university', level: null, grade: null });
    const { client } = await applicantOf(t, lead.id);
    const { client: partnerClient } = await applicantOf(t, partner.id);
    const { client: stranger } = await applicantOf(t, (await buildOrganization(t)).id);
    const entry = (
      await client.post(`/api/campaigns/${campaign.id}/entries`, {
        themeId: campaign.themes[0]?.id,
        title: '医校协同的慢病管理',
        answers: { partners: [partner.id, lead.id] },
      })
    ).json();
    expect(entry.partnerIds).toEqual([partner.id]);
    expect((await partnerClient.get('/api/entries/mine')).json().items.map((e: { id: string }) => e.id)).toEqual([entry.id]);
    expect((await partnerClient.get(`/api/entries/${entry.id}`)).statusCode).toBe(200);
    expect((await partnerClient.patch(`/api/entries/${entry.id}`, { version: 1, title: '改' })).statusCode).toBe(403);
    expect((await partnerClient.post(`/api/entries/${entry.id}/screening`, { decision: 'pass' })).statusCode).toBe(403);
    expect((await stranger.get(`/api/entries/${entry.id}`)).statusCode).toBe(404);
    // Dropping the partner from the form takes its access away.
    await client.patch(`/api/entries/${entry.id}`, { version: 1, answers: { partners: null } });
    expect((await partnerClient.get(`/api/entries/${entry.id}`)).statusCode).toBe(404);
  });
});

describe('returns, deadlines, withdrawal and what the applicant is told', () => {
  async function submittedEntry(themeIndex: number) {
    const { client, user } = await applicantOf(t, (await buildOrganization(t)).id);
    const entry = (await entryOf(client, themeIndex)).json();
    const version = await completeEntry(client, entry.id);
    const res = await client.post(`/api/entries/${entry.id}/submit`, { version, consent: true });
    if (res.statusCode !== 200) throw new Error(`submit failed: ${res.body}`);
    return { client, user, entry: res.json() };
  }

  it('S3-5 a returned entry not corrected by its deadline is excluded, and the applicant is told in the app', async () => {
    const { client, entry } = await submittedEntry(2);
    await setup.staff.post(`/api/entries/${entry.id}/screening`, {
      decision: 'return',
      reasons: 'PPT 缺少量化效果',
      suggestions: '补充效果数据',
      correctionDeadline: '2022-01-12',
    });
    const bell = (await client.get('/api/notifications')).json();
    expect([bell.unread, bell.items[0].title, bell.items[0].link]).toEqual([
      1,
      'CaseArena 案例擂台：案例退回修改',
      `/entries/${entry.id}`,
    ]);
    expect(bell.items[0].body).toContain('修改建议：补充效果数据');
    t.clock.set('2022-01-12T15:59:00.000Z'); // 23:59 on the deadline day: still in time
    expect(await expireReturnedEntries(t.app.ctx)).toBe(0);
    t.clock.set('2022-01-12T16:00:01.000Z'); // 00:00:01 the day after, Shanghai
    const late = await client.post(`/api/entries/${entry.id}/submit`, { version: entry.version, consent: true });
    expect([late.statusCode, late.json().error.message]).toEqual([
      409,
      '修改期限已过（截止：2022-01-12 23:59，北京时间），该案例已不能再提交',
    ]);
    expect(await expireReturnedEntries(t.app.ctx)).toBe(1);
    expect(await expireReturnedEntries(t.app.ctx)).toBe(0);
    const after = (await client.get(`/api/entries/${entry.id}`)).json();
    expect([after.status, after.screening.reasons]).toEqual(['excluded', '逾期未修改，按规定不进入正式评审']);
    const notices = (await client.get('/api/notifications')).json();
    expect([notices.unread, notices.items[0].title]).toEqual([2, '案例逾期未修改']);
    expect((await client.post('/api/notifications/read-all')).json().unread).toBe(0);
    t.clock.set('2022-01-10T02:00:00.000Z');
  });

  it('S3-5 a returned entry may be corrected after the submission phase, within its own deadline', async () => {
    t.clock.set('2022-03-10T02:00:00.000Z'); // sessions last 14 days: everyone signs in within this story
    const { client, entry } = await submittedEntry(3);
    const { client: staff } = await signedInAs(t, 'staff');
    t.clock.set('2022-03-14T02:00:00.000Z');
    await staff.post(`/api/entries/${entry.id}/screening`, {
      decision: 'return',
      reasons: '请补充联系人',
      suggestions: '',
      correctionDeadline: '2022-03-20',
    });
    t.clock.set('2022-03-18T02:00:00.000Z'); // submission closed on 15 March
    const savedRes = await client.patch(`/api/entries/${entry.id}`, {
      version: entry.version,
      title: '急诊胸痛一体化救治（修改稿）',
    });
    expect(savedRes.statusCode, savedRes.body).toBe(200);
    const saved = savedRes.json();
    const resubmitted = await client.post(`/api/entries/${entry.id}/submit`, { version: saved.version, consent: true });
    expect(resubmitted.json()).toMatchObject({ status: 'submitted', number: entry.number, correctionDeadline: null });
    t.clock.set('2022-01-10T02:00:00.000Z');
  });

  it('withdraw: the entry leaves, its theme is free again for the hospital, the number is not reused', async () => {
    const { client, entry } = await submittedEntry(4);
    const withdrawn = await client.post(`/api/entries/${entry.id}/withdraw`, { reason: '改投其他主题' });
    expect(withdrawn.json()).toMatchObject({ status: 'withdrawn', number: entry.number });
    expect((await client.post(`/api/entries/${entry.id}/withdraw`, {})).json().error.code).toBe('WRONG_STATUS');
    const again = await entryOf(client, 4);
    expect(again.statusCode).toBe(201);
    expect((await setup.staff.post(`/api/entries/${entry.id}/screening`, { decision: 'pass' })).json().error.code).toBe(
      'WRONG_STATUS',
    );
  });

  it('S0-8 the screener sees what changed since the last round; every version is kept (X-6)', async () => {
    const { client, entry } = await submittedEntry(5);
    expect((await setup.staff.get(`/api/entries/${entry.id}/changes`)).json()).toEqual({
      fromVersion: null,
      toVersion: entry.version,
      changes: [],
    });
    await setup.staff.post(`/api/entries/${entry.id}/screening`, {
      decision: 'return',
      reasons: '联系人信息不全',
      suggestions: '',
      correctionDeadline: '2022-01-20',
    });
    t.clock.set('2022-01-11T02:00:00.000Z');
    const saved = (
      await client.patch(`/api/entries/${entry.id}`, {
        version: entry.version,
        answers: { department: '急诊科', contact: { ...COMPLETE_ANSWERS.contact, title: '护士长' } },
      })
    ).json();
    await client.post(`/api/entries/${entry.id}/submit`, { version: saved.version, consent: true });
    const changes = (await setup.staff.get(`/api/entries/${entry.id}/changes`)).json();
    expect(changes).toEqual({
      fromVersion: entry.version,
      toVersion: saved.version,
      changes: [
        { field: 'answers.department', label: '申报科室', before: '医务部', after: '急诊科' },
        {
          field: 'answers.contact',
          label: '联系人',
          before: COMPLETE_ANSWERS.contact,
          after: { ...COMPLETE_ANSWERS.contact, title: '护士长' },
        },
      ],
    });
    const queueItem = (await setup.staff.get(`/api/campaigns/${setup.campaign.id}/screening-queue`))
      .json()
      .items.find((i: { id: string }) => i.id === entry.id);
    expect(queueItem.resubmission).toBe(true);
    const versions = (await client.get(`/api/entries/${entry.id}/versions`)).json().items;
    expect(versions.map((v: { version: number }) => v.version)).toEqual([1, 2, 3]);
    t.clock.set('2022-01-10T02:00:00.000Z');
  });
});

describe('bulk screening: plan → preview → apply', () => {
  it('previews what would change and what is skipped, applies exactly that, and refuses a stale plan', async () => {
    const ids: string[] = [];
    const clients: Client[] = [];
    for (const i of [6, 7, 8]) {
      const { client } = await applicantOf(t, (await buildOrganization(t)).id);
      const entry = (await entryOf(client, i)).json();
      const version = await completeEntry(client, entry.id);
      await client.post(`/api/entries/${entry.id}/submit`, { version, consent: true });
      ids.push(entry.id);
      clients.push(client);
    }
    const { client: drafter } = await applicantOf(t, (await buildOrganization(t)).id);
    const draft = (await entryOf(drafter, 9)).json();
    const plan = await setup.staff.post(`/api/campaigns/${setup.campaign.id}/bulk-plans`, {
      entryIds: [...ids, draft.id],
      decision: { decision: 'pass' },
    });
    expect(plan.statusCode).toBe(201);
    expect([plan.json().willChange, plan.json().willSkip]).toEqual([3, 1]);
    expect(plan.json().items.find((i: { entryId: string }) => i.entryId === draft.id)).toMatchObject({
      from: 'draft',
      to: null,
      skip: 'WRONG_STATUS',
    });
    // Nothing changed yet.
    expect((await clients[0]?.get(`/api/entries/${ids[0]}`))?.json().status).toBe('submitted');
    const applied = await setup.staff.post(`/api/bulk-plans/${plan.json().id}/apply`);
    expect([applied.statusCode, applied.json().status]).toEqual([200, 'applied']);
    for (const [i, id] of ids.entries()) expect((await clients[i]?.get(`/api/entries/${id}`))?.json().status).toBe('passed');
    expect((await setup.staff.post(`/api/bulk-plans/${plan.json().id}/apply`)).json().error.code).toBe('WRONG_STATUS');

    // A plan whose entries changed after the preview applies nothing.
    const { client } = await applicantOf(t, (await buildOrganization(t)).id);
    const entry = (await entryOf(client, 9)).json();
    const version = await completeEntry(client, entry.id);
    await client.post(`/api/entries/${entry.id}/submit`, { version, consent: true });
    const stale = (
      await setup.staff.post(`/api/campaigns/${setup.campaign.id}/bulk-plans`, {
        entryIds: [entry.id],
        decision: { decision: 'return', reasons: '材料不全', suggestions: '', correctionDeadline: '2022-01-20' },
      })
    ).json();
    await client.post(`/api/entries/${entry.id}/withdraw`, { reason: '' });
    const refused = await setup.staff.post(`/api/bulk-plans/${stale.id}/apply`);
    expect([refused.statusCode, refused.json().error.message]).toEqual([
      409,
      '自预览以来有 1 个案例状态已变化，请重新预览后再执行',
    ]);
    expect((await client.get(`/api/entries/${entry.id}`)).json().status).toBe('withdrawn');
  });
});

describe('organizers’ own people', () => {
  it('X-4 recusal: a screener who belongs to the entering hospital cannot decide its entry', async () => {
    const { manager, campaign } = await campaignWith({});
    const hospital = await buildOrganization(t);
    const { client } = await applicantOf(t, hospital.id);
    const entry = (
      await client.post(`/api/campaigns/${campaign.id}/entries`, { themeId: campaign.themes[1]?.id, title: '院内会诊流程再造' })
    ).json();
    const version = await completeEntry(client, entry.id);
    await client.post(`/api/entries/${entry.id}/submit`, { version, consent: true });
    // The same person screens for the organizer and works at the hospital.
    const { user, client: screener } = await applicantOf(t, hospital.id);
    const organizerId = (await manager.get(`/api/campaigns/${campaign.id}`)).json().organizer.id;
    await t.app.ctx.db
      .insert(organizerMembers)
      .values({ organizationId: organizerId, userId: user.id, role: 'screener', createdAt: t.clock.now() });
    const res = await screener.post(`/api/entries/${entry.id}/screening`, { decision: 'pass' });
    expect([res.statusCode, res.json().error.code]).toEqual([403, 'FORBIDDEN']);
    expect((await manager.post(`/api/entries/${entry.id}/screening`, { decision: 'pass' })).json().status).toBe('passed');
  });

  it('a screener of the organizer screens its campaigns only; managers add and remove people; others cannot', async () => {
    const { client: screener } = await organizerMember(t, setup.organizer.id, 'screener');
    const other = await buildOrganization(t, { kind: 'media', level: null, grade: null });
    const { client: otherScreener } = await organizerMember(t, other.id, 'screener');
    const { client } = await applicantOf(t, (await buildOrganization(t)).id);
    const entry = (await entryOf(client, 0)).json();
    const version = await completeEntry(client, entry.id);
    await client.post(`/api/entries/${entry.id}/submit`, { version, consent: true });
    expect((await otherScreener.get(`/api/campaigns/${setup.campaign.id}/screening-queue`)).statusCode).toBe(403);
    expect((await otherScreener.get(`/api/entries/${entry.id}`)).statusCode).toBe(404);
    expect((await otherScreener.post(`/api/entries/${entry.id}/screening`, { decision: 'pass' })).statusCode).toBe(404);
    expect((await screener.post(`/api/entries/${entry.id}/screening`, { decision: 'pass' })).json().status).toBe('passed');
    // A screener does not manage: no form edits, no publishing, no people.
    expect((await screener.put(`/api/campaigns/${setup.campaign.id}/form`, { fields: [] })).statusCode).toBe(403);
    expect((await screener.get(`/api/organizations/${setup.organizer.id}/organizer-members`)).statusCode).toBe(403);
    const { client: manager } = await organizerMember(t, setup.organizer.id, 'manager');
    const { user: newcomer } = await signedInAs(t, 'user');
    const added = await manager.post(`/api/organizations/${setup.organizer.id}/organizer-members`, {
      identifier: newcomer.email,
      role: 'screener',
    });
    expect(
      added
        .json()
        .items.map((m: { role: string }) => m.role)
        .sort(),
    ).toEqual(['manager', 'screener', 'screener']);
    const unknown = await manager.post(`/api/organizations/${setup.organizer.id}/organizer-members`, {
      identifier: 'nobody@example.cn',
      role: 'screener',
    });
    expect(unknown.json().error.fields).toEqual([
      { path: 'identifier', code: 'ACCOUNT_NOT_FOUND', message: '没有使用该邮箱或手机号的账号，请对方先注册' },
    ]);
    const removed = await manager.delete(`/api/organizations/${setup.organizer.id}/organizer-members/${newcomer.id}`);
    expect(removed.json().items.length).toBe(2);
    expect((await manager.get('/api/campaigns/mine')).json().items.map((c: { id: string }) => c.id)).toEqual([setup.campaign.id]);
    expect((await new Client(t.app).get('/api/campaigns/mine')).statusCode).toBe(401);
  });
});
