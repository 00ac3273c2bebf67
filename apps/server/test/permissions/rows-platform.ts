import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { notify } from '../../src/modules/notifications/index.ts';
import type { Client } from '../app.ts';
import { everyone, only, type Row, row, signedIn } from './table.ts';
import type { Scene, World } from './world.ts';

/** A notice in the bell of the scene hospital's administrator ("owner"), found by its unique title. */
async function noticeForOwner(world: World, scene: Scene) {
  const owner = await scene.caller('owner');
  const title = `权限表通知${randomUUID()}`;
  await notify(world.t.app.ctx.db, {
    userId: owner.user?.id as string,
    kind: 'test',
    title,
    body: '',
    link: null,
    at: world.t.clock.now(),
  });
  const item = (await owner.client.get('/api/notifications')).json().items.find((n: { title: string }) => n.title === title);
  return { id: item.id as string, title, owner };
}
/** The notice's readAt (null while unread), or 'absent' when the bell does not list it. */
async function readAtOf(c: Client, title: string): Promise<string | null> {
  const item = (await c.get('/api/notifications')).json().items.find((n: { title: string }) => n.title === title);
  return item ? item.readAt : 'absent';
}

/** Notifications (each user's own bell) and the API's own description pages (public). */
export const platformRows: Row[] = [
  row({
    route: 'GET /api/notifications',
    expect: signedIn(200),
    writes: false,
    setup: noticeForOwner,
    call: (c) => c.get('/api/notifications'),
    effect: (res, { caller, state }) => {
      const titles = res.json().items.map((n: { title: string }) => n.title);
      if (caller.kind === 'owner') expect(titles).toContain(state.title);
      else expect(titles).not.toContain(state.title);
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
