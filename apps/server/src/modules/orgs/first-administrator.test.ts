import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp } from '../../../test/app.ts';
import { buildOrganization, signedInAs } from '../../../test/factories.ts';
import { blockedOrFinished } from '../../../test/lock-wait.ts';
import { multipart, SAMPLE } from '../../../test/multipart.ts';
import type { Actor } from '../../platform/context.ts';
import { inTransaction } from '../../platform/db/tx.ts';
import { users } from '../accounts/index.ts';
import { transitionCertification } from './transition-certification.ts';

// S0-14: the first approved institution representative becomes the organization's administrator. Two approvals
// for one organization at once must make exactly one administrator. The first approval's transaction is held open
// (its change made, not committed) while the second arrives over HTTP; on PostgreSQL the test waits until the
// second is blocked on a lock (the old code, with no lock on the organization, finished it and made a second
// administrator). PGlite runs one transaction at a time, so there the second simply waits.

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
}, 600_000);
afterAll(() => t.close());

async function requestInstitution(client: Client, organizationId: string): Promise<string> {
  const body = multipart({ kind: 'institution', organizationId }, [
    { name: 'file', filename: '医疗机构执业许可证.png', content: SAMPLE.png },
  ]);
  const res = await client.request({ method: 'POST', url: '/api/certifications', ...body });
  expect(res.statusCode).toBe(201);
  return res.json().id;
}

describe('S0-14 two institution approvals for one organization at once', () => {
  it('make exactly one administrator: the first approved; the second applicant becomes a member', async () => {
    const hospital = await buildOrganization(t, { name: '漯河市中心医院' });
    const first = await signedInAs(t);
    const second = await signedInAs(t);
    const firstId = await requestInstitution(first.client, hospital.id);
    const secondId = await requestInstitution(second.client, hospital.id);
    const { client: staff, user: reviewer } = await signedInAs(t, 'staff');
    const actor: Actor = { id: reviewer.id, name: reviewer.name, role: 'staff', locale: 'zh-CN', organizationId: null };

    let release = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let reached = () => {};
    const changed = new Promise<void>((resolve) => {
      reached = resolve;
    });
    const held = inTransaction(t.app.ctx.db, async (tx, afterCommit) => {
      await transitionCertification({
        ctx: t.app.ctx,
        tx,
        afterCommit,
        id: firstId,
        from: 'pending',
        to: 'approved',
        actor,
        at: t.clock.now(),
      });
      reached();
      await released;
    });
    held.catch(() => reached());
    await changed;

    const approval = staff.post(`/api/admin/certifications/${secondId}/approve`);
    await blockedOrFinished(t, approval);
    release();
    await held;
    expect((await approval).statusCode).toBe(200);

    const roles = await t.app.ctx.db
      .select({ id: users.id, role: users.organizationRole })
      .from(users)
      .where(eq(users.organizationId, hospital.id));
    expect(Object.fromEntries(roles.map((r) => [r.id, r.role]))).toEqual({
      [first.user.id]: 'admin',
      [second.user.id]: 'member',
    });
  }, 600_000);
});
