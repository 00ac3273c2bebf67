import { ENTRY_ACTIONS, type EntryAction, type EntryStatus, ERROR_STATUS, type TEntryAbilities } from '@casearena/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client, TestApp } from '../../../test/app.ts';
import { startTestApp } from '../../../test/app.ts';
import { applicantOf, buildPptx, completeEntry, organizerMember, publishedCampaign, uploadFile } from '../../../test/entries.ts';
import { buildOrganization } from '../../../test/factories.ts';
import { organizerMembers } from '../campaigns/index.ts';

/**
 * Issue 8 item 3: the abilities an entry response carries are what the write routes do. For every status × role,
 * each action runs on a fresh entry: an ability reported `true` succeeds, a refusal is answered with exactly that code.
 */
type Role = 'owner' | 'colleague' | 'screener' | 'recused screener';
const ROLES: Role[] = ['owner', 'colleague', 'screener', 'recused screener'];
const STATUSES = ['draft', 'submitted', 'returned', 'passed', 'excluded', 'withdrawn'] as const satisfies EntryStatus[];

const APPLICANT: Record<(typeof STATUSES)[number], TEntryAbilities> = {
  draft: { edit: true, upload: true, submit: true, withdraw: true, screen: 'FORBIDDEN' },
  submitted: { edit: 'WRONG_STATUS', upload: 'WRONG_STATUS', submit: 'WRONG_STATUS', withdraw: true, screen: 'FORBIDDEN' },
  returned: { edit: true, upload: true, submit: true, withdraw: true, screen: 'FORBIDDEN' },
  passed: { edit: 'WRONG_STATUS', upload: 'WRONG_STATUS', submit: 'WRONG_STATUS', withdraw: 'WRONG_STATUS', screen: 'FORBIDDEN' },
  excluded: {
    edit: 'WRONG_STATUS',
    upload: 'WRONG_STATUS',
    submit: 'WRONG_STATUS',
    withdraw: 'WRONG_STATUS',
    screen: 'FORBIDDEN',
  },
  withdrawn: {
    edit: 'WRONG_STATUS',
    upload: 'WRONG_STATUS',
    submit: 'WRONG_STATUS',
    withdraw: 'WRONG_STATUS',
    screen: 'FORBIDDEN',
  },
};
const screenerSees = (status: EntryStatus): TEntryAbilities => ({
  edit: 'FORBIDDEN',
  upload: 'FORBIDDEN',
  submit: 'FORBIDDEN',
  withdraw: 'FORBIDDEN',
  screen: status === 'submitted' ? true : 'WRONG_STATUS',
});
// A screener of the organizer who belongs to the entering hospital is one of its applicants: they may edit it as
// their colleagues do, and may not screen it: RECUSED, whatever its status.
const EXPECTED = (role: Role, status: (typeof STATUSES)[number]): TEntryAbilities =>
  role === 'screener'
    ? screenerSees(status)
    : role === 'recused screener'
      ? { ...APPLICANT[status], screen: 'RECUSED' }
      : APPLICANT[status];

let t: TestApp;
let campaign: { id: string; themes: Array<{ id: string }> };
let organizerId: string;
let screener: Client;
let pptx: Buffer;

beforeAll(async () => {
  t = await startTestApp();
  t.clock.set('2022-03-11T07:00:00.000Z'); // Shanghai Friday 15:00: submission and screening both open for seed 000
  const setup = await publishedCampaign(t);
  campaign = setup.campaign;
  organizerId = setup.organizer.id;
  screener = (await organizerMember(t, organizerId, 'screener')).client;
  pptx = await buildPptx();
});
afterAll(() => t.close());

let n = 0;
const TITLES = ['急诊分诊提速', '日间手术闭环', '药品追溯管理', '护理排班优化', '院感监测预警'];
const SUMMARIES = [
  '以多学科协作缩短急诊患者等待时间。',
  '术前评估与术后随访一体化，当日出院率提高。',
  '扫码记录每一支药品从入库到使用的全过程。',
  '按病区工作量动态安排护士班次，加班减少。',
  '自动汇总体温与检验结果，提前发现聚集性感染。',
];
/** An entry of `owner`'s hospital brought to `status` through the routes. */
async function entryIn(owner: Client, themeId: string, status: EntryStatus): Promise<string> {
  n += 1;
  // One hospital's five entries are five different cases (S1-4 refuses a near copy on submission).
  const created = await owner.post(`/api/campaigns/${campaign.id}/entries`, {
    themeId,
    title: TITLES[n % TITLES.length] as string,
    summary: `${TITLES[n % TITLES.length]}：${SUMMARIES[n % SUMMARIES.length]}`,
  });
  if (created.statusCode !== 201) throw new Error(created.body);
  const id = created.json().id as string;
  const version = await completeEntry(owner, id);
  if (status === 'draft') return id;
  if (status === 'withdrawn') {
    expect((await owner.post(`/api/entries/${id}/withdraw`, { reason: '不再参加' })).statusCode).toBe(200);
    return id;
  }
  expect((await owner.post(`/api/entries/${id}/submit`, { version, consent: true })).statusCode).toBe(200);
  const decision = {
    submitted: null,
    returned: { decision: 'return', reasons: '请补充数据', correctionDeadline: '2022-03-25' },
    passed: { decision: 'pass' },
    excluded: { decision: 'exclude', reasons: '不符合主题' },
  }[status];
  if (decision) expect((await screener.post(`/api/entries/${id}/screening`, decision)).statusCode).toBe(200);
  return id;
}

/** Tries the action as `client`; answers the status code and, when refused, the error code. */
async function attempt(client: Client, id: string, action: EntryAction): Promise<[number, string | null]> {
  const { version } = (await client.get(`/api/entries/${id}`)).json();
  const res =
    action === 'edit'
      ? await client.patch(`/api/entries/${id}`, { version, title: '改过的标题' })
      : action === 'upload'
        ? await uploadFile(client, id, 'ppt', pptx)
        : action === 'submit'
          ? await client.post(`/api/entries/${id}/submit`, { version, consent: true })
          : action === 'withdraw'
            ? await client.post(`/api/entries/${id}/withdraw`, { reason: '不再参加' })
            : await client.post(`/api/entries/${id}/screening`, { decision: 'pass' });
  return [res.statusCode, res.statusCode >= 400 ? res.json().error.code : null];
}

describe('issue 8 item 3: entry abilities equal what the write routes allow', () => {
  for (const status of STATUSES) {
    for (const role of ROLES) {
      it(`${status} entry, ${role}: GET /api/entries/:id reports the expected abilities and each one holds`, async () => {
        const org = await buildOrganization(t);
        const owner = (await applicantOf(t, org.id)).client;
        let actor = owner;
        if (role === 'colleague') actor = (await applicantOf(t, org.id)).client;
        if (role === 'screener') actor = screener;
        if (role === 'recused screener') {
          const member = await applicantOf(t, org.id);
          await t.app.ctx.db
            .insert(organizerMembers)
            .values({ organizationId: organizerId, userId: member.user.id, role: 'screener', createdAt: t.clock.now() });
          actor = member.client;
        }
        const expected = EXPECTED(role, status);
        for (const [i, action] of ENTRY_ACTIONS.entries()) {
          const id = await entryIn(owner, campaign.themes[i]?.id as string, status);
          const seen = (await actor.get(`/api/entries/${id}`)).json().abilities;
          expect(seen).toEqual(expected);
          const ability = (seen as TEntryAbilities)[action];
          const outcome = await attempt(actor, id, action);
          const refused = ability as Exclude<typeof ability, true>;
          expect([action, ...outcome]).toEqual(ability === true ? [action, 200, null] : [action, ERROR_STATUS[refused], refused]);
        }
      });
    }
  }

  it('the applicant list GET /api/entries/mine carries the same abilities', async () => {
    const org = await buildOrganization(t);
    const owner = (await applicantOf(t, org.id)).client;
    const id = await entryIn(owner, campaign.themes[0]?.id as string, 'submitted');
    const item = (await owner.get('/api/entries/mine')).json().items.find((e: { id: string }) => e.id === id);
    expect(item.abilities).toEqual(APPLICANT.submitted);
  });
});
