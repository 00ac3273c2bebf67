import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { notify } from '../../src/modules/notifications/index.ts';
import { outbox } from '../../src/platform/outbox/outbox.tables.ts';
import type { Client } from '../app.ts';
import { everyone, only, type Row, row, signedIn } from './table.ts';
import type { Scene, World } from './world.ts';

/** A notice in the bell of the scene hospital's administrator ("owner"), found by the unique case title its body names. */
async function noticeForOwner(world: World, scene: Scene) {
  const owner = await scene.caller('owner');
  const title = `权限表通知${randomUUID()}`;
  await notify(world.t.app.ctx.db, {
    userId: owner.user?.id as string,
    kind: 'test',
    template: 'entry.passed',
    params: { title, number: null },
    locale: 'zh-CN',
    link: null,
    at: world.t.clock.now(),
  });
  const item = (await owner.client.get('/api/notifications')).json().items.find((n: { body: string }) => n.body.includes(title));
  return { id: item.id as string, title, owner };
}
/** The notice's readAt (null while unread), or 'absent' when the bell does not list it. */
async function readAtOf(c: Client, title: string): Promise<string | null> {
  const item = (await c.get('/api/notifications')).json().items.find((n: { body: string }) => n.body.includes(title));
  return item ? item.readAt : 'absent';
}

/**
 * A message that gave up after its last attempt. The test transport never fails, so the row is written as the
 * worker leaves it after the final failed attempt.
 */
async function failedMessage(world: World) {
  const recipient = `outbox-${randomUUID()}@example.cn`;
  const [row] = await world.t.app.ctx.db
    .insert(outbox)
    .values({
      channel: 'email',
      recipient,
      subject: '权限表测试邮件',
      body: '验证码 000000',
      createdAt: world.t.clock.now(),
      status: 'failed',
      attempts: 5,
      nextAttemptAt: world.t.clock.now(),
      lastError: 'connection refused',
    })
    .returning({ id: outbox.id });
  return { id: row?.id as string, recipient };
}
async function outboxStatus(world: World, id: string) {
  const [row] = await world.t.app.ctx.db.select({ status: outbox.status }).from(outbox).where(eq(outbox.id, id));
  return row?.status;
}
/** Delivery runs after commit: waits (bounded) for the message to reach the status. */
async function statusEventually(world: World, id: string, status: string) {
  for (let i = 0; i < 100; i++) {
    if ((await outboxStatus(world, id)) === status) return status;
    await new Promise((r) => setTimeout(r, 20));
  }
  return outboxStatus(world, id);
}

/** Notifications (each user's own bell), the outbox (staff) and the API's own description pages (public). */
export const platformRows: Row[] = [
  row({
    route: 'GET /api/notifications',
    expect: signedIn(200),
    writes: false,
    setup: noticeForOwner,
    call: (c) => c.get('/api/notifications'),
    effect: (res, { caller, state }) => {
      const mine = res.json().items.some((n: { body: string }) => n.body.includes(state.title));
      expect(mine).toBe(caller.kind === 'owner');
    },
  }),
  row({
    route: 'POST /api/notifications/read-all',
    expect: signedIn(200),
    writes: true,
    setup: noticeForOwner,
    call: (c) => c.post('/api/notifications/read-all'),
    effect: async (res, { caller, state }) => {
      expect(res.json().unread).toBe(0);
      // Only the caller's own bell: the owner's notice is read exactly when the owner called.
      const readAt = await readAtOf(state.owner.client, state.title);
      if (caller.kind === 'owner') expect(readAt).toEqual(expect.any(String));
      else expect(readAt).toBe(null);
    },
  }),
  row({
    route: 'POST /api/notifications/:id/read',
    expect: only(['owner'], 200, 404),
    writes: true,
    setup: noticeForOwner,
    call: (c, { state }) => c.post(`/api/notifications/${state.id}/read`),
    effect: async (_res, { state }) => expect(await readAtOf(state.owner.client, state.title)).toEqual(expect.any(String)),
    unchanged: async ({ state }) => expect(await readAtOf(state.owner.client, state.title)).toBe(null),
  }),

  // The outbox (platform staff): delivery state of mail and SMS, bodies never shown.
  row({
    route: 'GET /api/admin/outbox',
    expect: only(['admin'], 200, 403),
    writes: false,
    setup: (world) => failedMessage(world),
    call: (c) => c.get('/api/admin/outbox?status=failed'),
    effect: (res, { state }) => {
      const item = res.json().items.find((m: { id: string }) => m.id === state.id);
      expect([item?.recipient, item?.status, 'body' in (item ?? {})]).toEqual([state.recipient, 'failed', false]);
    },
  }),
  row({
    route: 'POST /api/admin/outbox/:id/retry',
    expect: only(['admin'], 200, 403),
    writes: true,
    setup: (world) => failedMessage(world),
    call: (c, { state }) => c.post(`/api/admin/outbox/${state.id}/retry`),
    effect: async (_res, { world, state }) => expect(await statusEventually(world, state.id, 'sent')).toBe('sent'),
    unchanged: async ({ world, state }) => expect(await outboxStatus(world, state.id)).toBe('failed'),
  }),

  // The API description, public like the API's own public routes.
  row({
    route: 'GET /api/docs/json',
    expect: everyone(200),
    writes: false,
    call: (c) => c.get('/api/docs/json'),
    effect: (res) => expect(res.json().paths['/api/entries/{id}'].get.operationId).toBe('getEntry'),
  }),
  row({
    route: 'GET /api/docs/yaml',
    expect: everyone(200),
    writes: false,
    call: (c) => c.get('/api/docs/yaml'),
    effect: (res) => expect(res.body).toContain('operationId: getEntry'),
  }),
  row({
    route: 'GET /api/docs/static/index.html',
    expect: everyone(302),
    writes: false,
    call: (c) => c.get('/api/docs/static/index.html'),
    effect: (res) => expect(res.headers.location).toBe('/api/docs/'),
  }),
  ...['/api/docs', '/api/docs/'].map((url) =>
    row({
      route: `GET ${url}`,
      expect: everyone(200),
      writes: false,
      call: (c) => c.get(url),
      effect: (res) => expect(res.body).toContain('swagger-ui'),
    }),
  ),
  row({
    route: 'GET /api/docs/static/swagger-initializer.js',
    expect: everyone(200),
    writes: false,
    call: (c) => c.get('/api/docs/static/swagger-initializer.js'),
    effect: (res) => expect(res.body).toContain('SwaggerUIBundle'),
  }),
  row({
    route: 'GET /api/docs/*',
    expect: everyone(200),
    writes: false,
    call: (c) => c.get('/api/docs/static/swagger-ui.css'),
    effect: (res) => expect(res.headers['content-type']).toMatch(/^text\/css/),
  }),
];
