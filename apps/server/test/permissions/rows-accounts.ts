import { expect } from 'vitest';
import { Client } from '../app.ts';
import { buildUser, PASSWORD, type TestUser } from '../factories.ts';
import { detached, everyone, type Row, row, signedIn } from './table.ts';

const me = (c: Client) => c.get('/api/me');

/** The reset code mailed to an address; delivery runs after commit, so it is waited for (bounded). */
async function codeSentTo(sent: Array<{ to: string; body: string }>, to: string): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const message = sent.findLast((m) => m.to === to);
    const code = message && /(\d{6})/.exec(message.body)?.[1];
    if (code) return code;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`no reset code was sent to ${to}`);
}

/** Accounts: sign-up, sign-in, sessions, the caller's own profile. Everyone may sign up and in; `me` is one's own. */
export const accountRows: Row[] = [
  row({
    route: 'GET /api/health',
    expect: everyone(200),
    writes: false,
    call: (c) => c.get('/api/health'),
    effect: (res) => expect(res.json().status).toBe('ok'),
  }),
  row({
    route: 'GET /api/auth/csrf',
    expect: everyone(200),
    writes: false,
    call: (c) => c.get('/api/auth/csrf'),
    effect: (res, { caller }) => {
      // The token is the caller's own cookie (or the one this answer sets).
      const set = res.cookies.find((k) => k.name === 'ca_csrf')?.value;
      expect(res.json().csrfToken).toBe(set ?? caller.client.cookie('ca_csrf'));
      expect(res.json().csrfToken).toMatch(/^[A-Za-z0-9_-]{32,64}$/);
    },
  }),
  row({
    route: 'POST /api/auth/register',
    expect: everyone(201),
    writes: true,
    setup: async () => ({ email: `reg-${Math.random().toString(36).slice(2)}@example.cn` }),
    call: (c, { world, state }) =>
      detached(world.t.app, c, 'POST', '/api/auth/register', { email: state.email, password: PASSWORD, name: '新注册用户' }),
    effect: async (res, { state, world }) => {
      expect(res.json().user.email).toBe(state.email);
      // The answer's session cookie is the new account's.
      const session = res.cookies.find((k) => k.name === 'ca_session')?.value;
      const own = await world.t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: `ca_session=${session}` } });
      expect(own.json().user.id).toBe(res.json().user.id);
    },
  }),
  row({
    route: 'POST /api/auth/login',
    expect: everyone(200),
    writes: true,
    // Each caller signs in as its own account; anonymous as a fresh one.
    setup: async () => ({ anonymousAs: null as TestUser | null }),
    call: async (c, { world, caller, state }) => {
      if (!caller.user) state.anonymousAs = await buildUser(world.t);
      const user = (caller.user ?? state.anonymousAs) as TestUser;
      return detached(world.t.app, c, 'POST', '/api/auth/login', { identifier: user.email, password: PASSWORD });
    },
    effect: async (res, { caller, state }) => {
      expect(res.json().user.id).toBe((caller.user ?? state.anonymousAs)?.id);
      expect(res.cookies.some((k) => k.name === 'ca_session' && k.value.length > 20)).toBe(true);
    },
  }),
  row({
    route: 'POST /api/auth/logout',
    expect: everyone(200),
    writes: true,
    scene: { freshSessions: true },
    call: (c) => c.post('/api/auth/logout'),
    effect: async (res, { caller }) => {
      expect(res.json()).toEqual({ ok: true });
      expect((await me(caller.client)).statusCode).toBe(401);
    },
  }),
  row({
    route: 'POST /api/auth/password-reset/request',
    expect: everyone(202),
    writes: true,
    // Each caller asks for its own account's code; anonymous for a fresh account's.
    setup: async () => ({ target: null as TestUser | null }),
    call: async (c, { world, caller, state }) => {
      state.target = caller.user ?? (await buildUser(world.t));
      return c.post('/api/auth/password-reset/request', { identifier: state.target.email });
    },
    effect: async (_res, { world, state }) => {
      expect(await codeSentTo(world.t.sent, state.target?.email as string)).toMatch(/^\d{6}$/);
    },
  }),
  row({
    route: 'POST /api/auth/password-reset/confirm',
    expect: everyone(200),
    writes: true,
    setup: async (world) => {
      const user = await buildUser(world.t);
      await new Client(world.t.app).post('/api/auth/password-reset/request', { identifier: user.email });
      return { user, code: await codeSentTo(world.t.sent, user.email) };
    },
    call: (c, { state }) =>
      c.post('/api/auth/password-reset/confirm', {
        identifier: state.user.email,
        code: state.code,
        newPassword: 'Nieuw-pass-2026',
      }),
    effect: async (_res, { world, state }) => {
      const c = new Client(world.t.app);
      const res = await c.post('/api/auth/login', { identifier: state.user.email, password: 'Nieuw-pass-2026' });
      expect(res.json().user.id).toBe(state.user.id);
    },
  }),
  row({
    route: 'GET /api/me',
    expect: signedIn(200),
    writes: false,
    call: (c) => me(c),
    effect: (res, { caller }) => expect(res.json().user.id).toBe(caller.user?.id),
  }),
  row({
    route: 'PATCH /api/me',
    expect: signedIn(200),
    writes: true,
    call: (c) => c.patch('/api/me', { name: '改过的名字' }),
    effect: async (res, { caller }) => {
      expect(res.json().user.id).toBe(caller.user?.id);
      expect((await me(caller.client)).json().user.name).toBe('改过的名字');
    },
  }),
  row({
    route: 'PATCH /api/me',
    variant: 'naming another organization (issue 7 defect 1)',
    // Nobody joins a hospital by naming it in the profile: refused as invalid (before the session is even asked
    // for), and membership is unchanged.
    expect: everyone(400),
    writes: true,
    call: (c, { world }) => c.patch('/api/me', { organizationId: world.otherHospital.id }),
    effect: () => {},
    unchanged: async ({ scene }) => {
      const owner = await scene.caller('owner');
      const user = await scene.caller('user');
      expect((await me(owner.client)).json().user.organization?.id).toBe(scene.hospital.id);
      expect((await me(user.client)).json().user.organization).toBe(null);
    },
  }),
];
