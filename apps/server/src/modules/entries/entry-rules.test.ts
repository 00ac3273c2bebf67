import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp } from '../../../test/app.ts';
import { applicantOf, campaignWith, completeEntry, publishedCampaign } from '../../../test/entries.ts';
import { buildOrganization } from '../../../test/factories.ts';

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
    const { campaign } = await campaignWith(t, {
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
    const { campaign } = await campaignWith(t, { entryRules: { onePerOrganizationPerTheme: true, maxPerOrganization: 1 } });
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
    const { campaign } = await campaignWith(t, {
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
    const { manager, campaign } = await campaignWith(t, {});
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
    const { manager, campaign } = await campaignWith(t, {});
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
    const { manager, campaign } = await campaignWith(t, {});
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
