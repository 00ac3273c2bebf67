import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATIONS } from '../src/openapi/operations.ts';
import { startTestApp, type TestApp } from './app.ts';
import { PERMISSION_TABLE } from './permissions/index.ts';
import { registeredRoutes } from './permissions/routes.ts';
import { rowName, runRow } from './permissions/table.ts';
import { buildWorld, type World } from './permissions/world.ts';

/**
 * Issue 7: every registered route × every kind of caller (anonymous, user, owner, colleague, another hospital,
 * screener, recused screener, organizer manager, another organizer's staff, platform admin). A refused cell names its
 * exact status (404 where the caller may not know the object exists) and leaves the objects as they were; an allowed
 * cell checks what the call did (the object changed, the right object returned), on fresh objects when it writes.
 */
let t: TestApp;
let world: World;

beforeAll(async () => {
  t = await startTestApp();
  world = await buildWorld(t);
}, 120_000);
afterAll(() => t.close());

describe('permission table (generated from the route list)', () => {
  it('every registered route has a row, and every row a registered route', () => {
    const routes = registeredRoutes(t.app);
    const covered = new Set(PERMISSION_TABLE.map((r) => r.route));
    const missing = routes.filter((r) => !covered.has(r));
    const stale = [...covered].filter((r) => !routes.includes(r));
    expect(
      { missing, stale },
      'add a row for each missing route to apps/server/test/permissions/rows-<area>.ts (exact "METHOD /path" as registered)',
    ).toEqual({ missing: [], stale: [] });
  });

  it('the OpenAPI access of each route agrees with its anonymous cell (401 exactly when a session is required)', () => {
    const disagree = PERMISSION_TABLE.filter((r) => r.route in OPERATIONS && !r.variant)
      .map((r) => ({
        route: r.route,
        anonymous: r.expect.anonymous,
        access: (OPERATIONS as Record<string, { access: string }>)[r.route]?.access,
      }))
      .filter((r) => (r.anonymous === 401) !== (r.access === 'session'));
    expect(disagree).toEqual([]);
  });

  for (const r of PERMISSION_TABLE) {
    it(rowName(r), async () => {
      const result = await runRow(world, r);
      expect(result).toEqual({ statuses: r.expect, failures: [] });
    }, 60_000);
  }
});
