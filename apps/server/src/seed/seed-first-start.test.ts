import { sql } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { Client, startTestApp, type TestApp } from '../../test/app.ts';
import { DEMO_ORGANIZATIONS } from './demo-organizations.ts';
import { DEMO_ACCOUNTS, seedIfEmpty } from './seed.ts';

/**
 * The demo seed's first start when it skips the generated entries or fails half-way — each on a database of its
 * own (seed.test.ts checks the demo data on one seeded database shared by its tests).
 */
describe('demo data: a first start that fails or skips the generated entries', () => {
  const count = async (app: TestApp, table: string) => {
    const result = (await app.app.ctx.db.execute(sql.raw(`select count(*)::int as n from ${table}`))) as unknown as {
      rows: Array<{ n: number }>;
    };
    return result.rows[0]?.n;
  };

  // A whole demo seed takes tens of seconds on PGlite on a loaded machine: a generous allowance, not a speed claim.
  const SEED_TIMEOUT = 180_000;

  it(
    'DEMO_ENTRIES=0 seeds everything but the live call’s generated entries (it used to crash half-way)',
    async () => {
      const fresh = await startTestApp();
      vi.stubEnv('DEMO_ENTRIES', '0');
      try {
        expect(await seedIfEmpty(fresh.app.ctx)).toBe(true);
      } finally {
        vi.unstubAllEnvs();
      }
      const result = (await fresh.app.ctx.db.execute(
        sql`select c.title, count(e.id)::int as n from campaigns c left join entries e on e.campaign_id = c.id
          group by c.title order by c.title`,
      )) as unknown as { rows: Array<{ title: string; n: number }> };
      expect(result.rows).toEqual([
        { title: '第七季改善医疗服务行动全国医院擂台赛', n: 10 },
        { title: '第七季改善医疗服务行动全国医院擂台赛（演示·专家初评进行中）', n: 16 },
        // Eight generated cases and the demo applicant's two, past the 专家初评 (issue 10's round materials).
        { title: '第七季改善医疗服务行动全国医院擂台赛（演示·专家复评材料提交中）', n: 10 },
        // Ten generated hospitals' cases in each of four themes, past their frozen 专家初评, on the final's first day.
        { title: '第七季改善医疗服务行动全国医院擂台赛（演示·全国总决赛）', n: 40 },
        // The demo applicant's own two cases (a returned one and a draft), none generated.
        { title: '第七季改善医疗服务行动全国医院擂台赛（演示·申报进行中）', n: 2 },
        // The voting call's entries are not the live call's: DEMO_ENTRIES leaves them.
        { title: '第七季改善医疗服务行动全国医院擂台赛（演示·网络投票进行中）', n: 80 },
        // Like the final's call, three weeks on: awarded, noticed, final.
        { title: '第七季改善医疗服务行动全国医院擂台赛（演示·颁奖与公示）', n: 40 },
      ]);
      // The voting call's 80 entries come from 20 generated hospitals (the judging call's 16 from four of them, the
      // final's 40 from ten).
      expect(await count(fresh, 'organizations')).toBe(DEMO_ORGANIZATIONS.length + 20);
      const c = new Client(fresh.app);
      const login = await c.post('/api/auth/login', { identifier: DEMO_ACCOUNTS.applicant.email, password: 'Demo12345' });
      expect(login.json().user.organization?.name).toBe('许昌市中心医院');
      await fresh.close();
    },
    SEED_TIMEOUT,
  );

  it(
    'a seed that fails midway leaves nothing behind, and the next start seeds from scratch',
    async () => {
      const fresh = await startTestApp();
      // Fault injection in the database itself: naming the live demo call fails, after the organizations, the
      // accounts, the historic call and its ten cases were written.
      await fresh.app.ctx.db.execute(
        sql.raw(`create function fail_live_demo() returns trigger language plpgsql as $$
        begin if new.title like '%演示%' then raise exception 'injected seed failure'; end if; return new; end $$`),
      );
      await fresh.app.ctx.db.execute(
        sql.raw('create trigger fail_live_demo before update on campaigns for each row execute function fail_live_demo()'),
      );
      await expect(seedIfEmpty(fresh.app.ctx, { liveEntries: 5 })).rejects.toThrow(/injected seed failure|Failed query/);
      for (const table of [
        'organizations',
        'users',
        'campaigns',
        'entries',
        'certification_requests',
        'audit_events',
        'outbox',
      ]) {
        expect([table, await count(fresh, table)]).toEqual([table, 0]);
      }
      await fresh.app.ctx.db.execute(sql.raw('drop trigger fail_live_demo on campaigns'));
      expect(await seedIfEmpty(fresh.app.ctx, { liveEntries: 5 })).toBe(true);
      // 10 historic cases, 5 generated ones and the demo applicant's own 2 in the live call, 80 in the voting call,
      // 16 in the judging call, 10 in the call whose 专家复评 asks for materials, 40 in the national final's call and
      // 40 in the awards call.
      expect([await count(fresh, 'campaigns'), await count(fresh, 'entries')]).toEqual([7, 203]);
      expect(await count(fresh, 'organizations')).toBeGreaterThan(DEMO_ORGANIZATIONS.length);
      await fresh.close();
    },
    SEED_TIMEOUT,
  );
});
