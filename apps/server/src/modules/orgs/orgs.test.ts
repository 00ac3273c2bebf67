import { asc, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, startTestApp, type TestApp } from '../../../test/app.ts';
import { buildOrganization, signedInAs } from '../../../test/factories.ts';
import { auditEvents } from '../../platform/audit/audit.tables.ts';
import { ensureRegions } from './index.ts';
import { regions } from './orgs.tables.ts';

let t: TestApp;
let union: { id: string };
beforeAll(async () => {
  t = await startTestApp();
  union = await buildOrganization(t, { name: '北京协和医院', aliases: ['协和医院', 'PUMCH'], regionCode: '110101' });
  await buildOrganization(t, { name: '许昌市中心医院', regionCode: '411002' });
  await buildOrganization(t, { name: '禹州市人民医院', regionCode: '411081', isCountyLevel: true, level: 'level2' });
  await buildOrganization(t, {
    name: '长葛市中医院',
    kind: 'tcm_hospital',
    regionCode: '411082',
    isCountyLevel: true,
    level: 'level2',
  });
  await buildOrganization(t, { name: '河南省人民医院', regionCode: '410105' });
  await buildOrganization(t, { name: '百分之百_医院', regionCode: '410105' });
});
afterAll(() => t.close());

const names = (body: { items: Array<{ name: string }> }) => body.items.map((o) => o.name);

describe('regions (national administrative divisions)', () => {
  const region = (code: string, name: string, level: string, parentCode: string | null) => ({ code, name, level, parentCode });

  it('lists the 34 provincial units and walks 河南省 → 许昌市 → 禹州市', async () => {
    const c = new Client(t.app);
    const provinces = (await c.get('/api/regions')).json().items;
    expect(provinces).toHaveLength(34);
    expect(provinces[0]).toEqual(region('110000', '北京市', 'province', null));
    expect(provinces.slice(-3).map((r: { name: string }) => r.name)).toEqual(['台湾省', '香港特别行政区', '澳门特别行政区']);
    const henan = (await c.get('/api/regions?parentCode=410000')).json().items;
    expect(henan).toHaveLength(18);
    expect(henan[9]).toEqual(region('411000', '许昌市', 'city', '410000'));
    expect((await c.get('/api/regions?parentCode=411000')).json().items).toEqual([
      region('411002', '魏都区', 'county', '411000'),
      region('411003', '建安区', 'county', '411000'),
      region('411024', '鄢陵县', 'county', '411000'),
      region('411025', '襄城县', 'county', '411000'),
      region('411071', '许昌经济技术开发区', 'county', '411000'),
      region('411081', '禹州市', 'county', '411000'),
      region('411082', '长葛市', 'county', '411000'),
    ]);
    expect((await c.get('/api/regions?parentCode=411081')).json().items).toEqual([]);
  });

  it('hangs municipal districts and province-administered cities directly off the province', async () => {
    const c = new Client(t.app);
    const districts = (await c.get('/api/regions?parentCode=110000')).json().items;
    expect(districts).toHaveLength(16);
    expect(districts[0]).toEqual(region('110101', '东城区', 'county', '110000'));
    // 济源市 is administered by 河南省 itself; the data set's pseudo-city 419000 and 市辖区 placeholders are left out.
    expect((await c.get('/api/regions?parentCode=410000')).json().items.at(-1)).toEqual(
      region('419001', '济源市', 'county', '410000'),
    );
    expect((await c.get('/api/regions?parentCode=419000')).json().items).toEqual([]);
    const hubeiCounties = (await c.get('/api/regions?parentCode=420000'))
      .json()
      .items.filter((r: { level: string }) => r.level === 'county');
    expect(hubeiCounties.map((r: { name: string }) => r.name)).toEqual(['仙桃市', '潜江市', '天门市', '神农架林区']);
  });

  it('loads once, and brings a table from another version of the data set in line', async () => {
    const { db } = t.app.ctx;
    expect(await ensureRegions(db)).toBe(0);
    await db.insert(regions).values({ code: '419000', name: '河南省-省直辖县级行政区划', level: 'city', parentCode: '410000' });
    await db.update(regions).set({ parentCode: '419000' }).where(eq(regions.code, '419001'));
    expect(await ensureRegions(db)).toBe(3371);
    expect(
      await db
        .select()
        .from(regions)
        .where(inArray(regions.code, ['419000', '419001'])),
    ).toEqual([region('419001', '济源市', 'county', '410000')]);
    expect(await ensureRegions(db)).toBe(0);
  });

  it('refuses a malformed region code', async () => {
    const res = await new Client(t.app).get('/api/regions?parentCode=41');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual([{ path: 'parentCode', code: 'REGION_INVALID', message: '行政区划代码不存在' }]);
  });
});

describe('S0-2 organization search by Chinese substring of name or alias', () => {
  it('finds by a two-character substring and by alias', async () => {
    const c = new Client(t.app);
    expect(names((await c.get(`/api/orgs?q=${encodeURIComponent('协和')}`)).json())).toEqual(['北京协和医院']);
    expect(names((await c.get('/api/orgs?q=pumch')).json())).toEqual(['北京协和医院']);
    expect(names((await c.get(`/api/orgs?q=${encodeURIComponent('许昌市中心')}`)).json())).toEqual(['许昌市中心医院']);
  });

  it('finds by one character, and orders shorter names first', async () => {
    const body = (await new Client(t.app).get(`/api/orgs?q=${encodeURIComponent('州')}`)).json();
    expect(names(body)).toEqual(['禹州市人民医院']);
    const all = (await new Client(t.app).get(`/api/orgs?q=${encodeURIComponent('医院')}&pageSize=2`)).json();
    expect(all.total).toBe(6);
    expect(all.items).toHaveLength(2);
    expect(names(all)).toEqual(['北京协和医院', '长葛市中医院']);
    const second = (await new Client(t.app).get(`/api/orgs?q=${encodeURIComponent('医院')}&page=2&pageSize=2`)).json();
    expect([second.total, second.page, second.pageSize, names(second)]).toEqual([6, 2, 2, ['河南省人民医院', '百分之百_医院']]);
    const beyond = (await new Client(t.app).get(`/api/orgs?q=${encodeURIComponent('医院')}&page=4&pageSize=2`)).json();
    expect([beyond.total, beyond.items]).toEqual([6, []]);
  });

  it('normalizes the query like the names (NFKC, case, spaces)', async () => {
    const c = new Client(t.app);
    expect(names((await c.get(`/api/orgs?q=${encodeURIComponent('ＰＵＭＣＨ')}`)).json())).toEqual(['北京协和医院']);
    expect(names((await c.get(`/api/orgs?q=${encodeURIComponent('协和 医院')}`)).json())).toEqual(['北京协和医院']);
  });

  it('does not treat % or _ as wildcards', async () => {
    expect((await new Client(t.app).get(`/api/orgs?q=${encodeURIComponent('%')}`)).json().total).toBe(0);
    expect(names((await new Client(t.app).get(`/api/orgs?q=${encodeURIComponent('之百_')}`)).json())).toEqual(['百分之百_医院']);
  });

  it('does not match characters that are present but not adjacent', async () => {
    expect((await new Client(t.app).get(`/api/orgs?q=${encodeURIComponent('北协')}`)).json().total).toBe(0);
  });

  it('filters by region including descendants, and by kind', async () => {
    const c = new Client(t.app);
    expect(names((await c.get('/api/orgs?regionCode=411000')).json()).sort()).toEqual(
      ['禹州市人民医院', '许昌市中心医院', '长葛市中医院'].sort(),
    );
    expect(names((await c.get('/api/orgs?regionCode=410000&kind=tcm_hospital')).json())).toEqual(['长葛市中医院']);
    expect(names((await c.get('/api/orgs?regionCode=411081')).json())).toEqual(['禹州市人民医院']);
    expect((await c.get('/api/orgs?regionCode=420000')).json().total).toBe(0);
    expect(names((await c.get(`/api/orgs?q=${encodeURIComponent('医院')}&regionCode=110000`)).json())).toEqual(['北京协和医院']);
  });

  it('shows an organization with its region path and parent branch (S0-6)', async () => {
    const branch = await buildOrganization(t, { name: '北京协和医院西单院区', parentId: union.id, regionCode: '110102' });
    const res = await new Client(t.app).get(`/api/orgs/${branch.id}`);
    expect(res.json()).toEqual({
      id: branch.id,
      name: '北京协和医院西单院区',
      aliases: [],
      kind: 'general_hospital',
      level: 'level3',
      grade: 'A',
      regionCode: '110102',
      regionPath: ['北京市', '西城区'],
      isCountyLevel: false,
      parent: { id: union.id, name: '北京协和医院' },
      createdAt: '2026-03-02T02:00:00.000Z',
    });
    const county = (await new Client(t.app).get(`/api/orgs?q=${encodeURIComponent('禹州')}`)).json().items[0];
    expect(county).toMatchObject({ regionPath: ['河南省', '许昌市', '禹州市'], isCountyLevel: true, level: 'level2' });
  });

  it('lists an exact name first, even when a shorter name matches by alias', async () => {
    await buildOrganization(t, { name: '长葛中医', aliases: ['长葛市中医院东院区'], regionCode: '411082' });
    const body = (await new Client(t.app).get(`/api/orgs?q=${encodeURIComponent('长葛市中医院')}`)).json();
    expect(names(body)).toEqual(['长葛市中医院', '长葛中医']);
  });
});

describe('maintaining the registry', () => {
  const input = { name: '许昌市卫生健康委员会', kind: 'health_commission', regionCode: '411000' };

  it.each([
    ['anonymous', null, 401, 'UNAUTHENTICATED'],
    ['user', 'user', 403, 'FORBIDDEN'],
  ] as const)('refuses %s to create or update', async (_who, role, status, code) => {
    const c = role ? (await signedInAs(t, role)).client : new Client(t.app);
    const created = await c.post('/api/orgs', { ...input, name: `${input.name}${role}` });
    expect([created.statusCode, created.json().error.code]).toEqual([status, code]);
    const patched = await c.patch(`/api/orgs/${union.id}`, { aliases: ['x'] });
    expect([patched.statusCode, patched.json().error.code]).toEqual([status, code]);
  });

  it.each(['staff', 'admin'] as const)(
    'lets %s create and update, audited (S3-2 county commission under the city)',
    async (role) => {
      const { client, user } = await signedInAs(t, role);
      const city = await client.post('/api/orgs', { ...input, name: `${input.name}(${role})` });
      expect(city.statusCode).toBe(201);
      const county = await client.post('/api/orgs', {
        name: `禹州市卫生健康委员会(${role})`,
        kind: 'health_commission',
        regionCode: '411081',
        isCountyLevel: true,
        parentId: city.json().id,
      });
      expect(county.json()).toMatchObject({
        parent: { id: city.json().id },
        regionPath: ['河南省', '许昌市', '禹州市'],
        aliases: [],
        level: null,
      });
      const patched = await client.patch(`/api/orgs/${county.json().id}`, { aliases: [`禹州卫健委(${role})`] });
      expect(patched.json().aliases).toEqual([`禹州卫健委(${role})`]);
      const events = await t.app.ctx.db
        .select()
        .from(auditEvents)
        .where(eq(auditEvents.subjectId, county.json().id))
        .orderBy(asc(auditEvents.seq));
      expect(events.map((e) => [e.kind, e.actorId, e.data])).toEqual([
        ['org.created', user.id, { name: `禹州市卫生健康委员会(${role})` }],
        ['org.updated', user.id, { fields: ['aliases'] }],
      ]);
    },
  );

  it('refuses a duplicate canonical name, or another organization’s alias, with ORG_NAME_TAKEN', async () => {
    const { client } = await signedInAs(t, 'staff');
    const dup = await client.post('/api/orgs', { name: '北京协和医院', kind: 'general_hospital' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error).toMatchObject({ code: 'ORG_NAME_TAKEN', message: '已有同名机构“北京协和医院”，请勿重复创建' });
    const alias = await client.post('/api/orgs', { name: '协和医院', kind: 'general_hospital' });
    expect([alias.statusCode, alias.json().error.params]).toEqual([409, { name: '协和医院' }]);
    const aliasOfName = await client.post('/api/orgs', {
      name: '中国医学科学院北京协和医院',
      aliases: ['北京协和医院'],
      kind: 'general_hospital',
    });
    expect([aliasOfName.statusCode, aliasOfName.json().error.params]).toEqual([409, { name: '北京协和医院' }]);
    const other = await buildOrganization(t);
    const rename = await client.patch(`/api/orgs/${other.id}`, { name: '许昌市中心医院' });
    expect([rename.statusCode, rename.json().error.code]).toEqual([409, 'ORG_NAME_TAKEN']);
    // Its own name and aliases are no clash.
    expect(
      (await client.patch(`/api/orgs/${union.id}`, { name: '北京协和医院', aliases: ['协和医院', 'PUMCH'] })).statusCode,
    ).toBe(200);
  });

  it('refuses an unknown region, an unknown parent and a parent cycle', async () => {
    const { client } = await signedInAs(t, 'staff');
    const region = await client.post('/api/orgs', { name: '某医院甲', kind: 'general_hospital', regionCode: '999999' });
    expect(region.json().error.fields).toEqual([{ path: 'regionCode', code: 'REGION_INVALID', message: '行政区划代码不存在' }]);
    const parent = await client.post('/api/orgs', {
      name: '某医院乙',
      kind: 'general_hospital',
      parentId: '00000000-0000-4000-8000-000000000000',
    });
    expect(parent.json().error.fields[0]).toMatchObject({ path: 'parentId', code: 'INVALID_CHOICE' });
    const child = await buildOrganization(t, { parentId: union.id });
    const cycle = await client.patch(`/api/orgs/${union.id}`, { parentId: child.id });
    expect(cycle.json().error.fields[0]).toMatchObject({ path: 'parentId', code: 'INVALID_CHOICE' });
  });

  it('answers NOT_FOUND for an unknown organization', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    const res = await new Client(t.app).get(`/api/orgs/${missing}`);
    expect([res.statusCode, res.json().error.code]).toEqual([404, 'NOT_FOUND']);
    const { client } = await signedInAs(t, 'staff');
    const patched = await client.patch(`/api/orgs/${missing}`, { aliases: [] });
    expect([patched.statusCode, patched.json().error.code]).toEqual([404, 'NOT_FOUND']);
  });
});
