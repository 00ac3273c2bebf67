import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, startTestApp, type TestApp } from '../../test/app.ts';
import { DEMO_ORGANIZATIONS } from './demo-organizations.ts';
import { DEMO_ACCOUNTS, seedIfEmpty } from './seed.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('demo data', () => {
  it('loads once into an empty database: organizations with valid regions, the hierarchy, accounts', async () => {
    expect(await seedIfEmpty(t.app.ctx)).toBe(true);
    expect(await seedIfEmpty(t.app.ctx)).toBe(false);
    const result = (await t.app.ctx.db.execute(sql`select count(*)::int as n from organizations`)) as unknown as {
      rows: Array<{ n: number }>;
    };
    const [count] = result.rows;
    expect(count?.n).toBe(DEMO_ORGANIZATIONS.length);
    const c = new Client(t.app);
    const county = (await c.get(`/api/orgs?q=${encodeURIComponent('禹州市卫健委')}`)).json().items[0];
    expect(county).toMatchObject({
      name: '禹州市卫生健康委员会',
      parent: { name: '许昌市卫生健康委员会' },
      regionPath: ['河南省', '许昌市', '禹州市'],
    });
    const login = await c.post('/api/auth/login', {
      identifier: DEMO_ACCOUNTS.staff.email,
      password: DEMO_ACCOUNTS.staff.password,
    });
    expect(login.json().abilities).toEqual([
      'reviewCertifications',
      'manageOrganizations',
      'manageCampaigns',
      'requestCertification',
    ]);
    const queue = (await c.get('/api/admin/certifications?status=pending')).json();
    const campaigns = (await c.get('/api/campaigns')).json().items;
    expect(campaigns.map((x: { title: string; status: string }) => [x.title, x.status])).toEqual([
      ['第七季改善医疗服务行动全国医院擂台赛', 'published'],
    ]);
    const passed = (await c.get(`/api/campaigns/${campaigns[0].id}/entries`)).json();
    expect(passed.items.map((e: { number: string; organization: string }) => [e.number, e.organization])).toEqual([
      ['2022-T01-0001', '北京协和医院'],
      ['2022-T01-0002', '四川大学华西医院'],
      ['2022-T02-0001', '许昌市中心医院'],
      ['2022-T04-0001', '浙江大学医学院附属第一医院'],
      ['2022-T06-0001', '中南大学湘雅医院'],
    ]);
    expect(queue.items.map((q: { user: { name: string }; title: string }) => [q.user.name, q.title])).toEqual([
      ['李医生', '主治医师'],
    ]);
  });
});
