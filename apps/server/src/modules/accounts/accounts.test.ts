import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, startTestApp, type TestApp } from '../../../test/app.ts';
import { buildUser, PASSWORD, signIn } from '../../../test/factories.ts';
import { auditEvents } from '../../platform/audit/audit.tables.ts';
import { users } from './accounts.tables.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const auditKinds = async (subjectId: string) =>
  (
    await t.app.ctx.db
      .select({ kind: auditEvents.kind })
      .from(auditEvents)
      .where(eq(auditEvents.subjectId, subjectId))
      .orderBy(asc(auditEvents.seq))
  ).map((r) => r.kind);

describe('registration', () => {
  it('registers with email, signs the user in and audits it', async () => {
    const c = new Client(t.app);
    const res = await c.post('/api/auth/register', { email: 'Li.Ming@Example.cn', password: 'abc12345', name: '李明' });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.user).toMatchObject({
      name: '李明',
      email: 'li.ming@example.cn',
      phone: null,
      role: 'user',
      certificationLevel: 'none',
      organization: null,
    });
    expect(body.abilities).toEqual(['requestCertification']);
    const session = res.cookies.find((k) => k.name === 'ca_session');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    const me = await c.get('/api/me');
    expect(me.statusCode).toBe(200);
    expect(me.json().user.id).toBe(body.user.id);
    expect(await auditKinds(body.user.id)).toEqual(['user.registered']);
  });

  it('registers with a mainland mobile number and signs in with it', async () => {
    const c = new Client(t.app);
    const res = await c.post('/api/auth/register', { phone: '13912345678', password: 'abc12345', name: '王芳' });
    expect(res.statusCode).toBe(201);
    const again = new Client(t.app);
    const login = await again.post('/api/auth/login', { identifier: '+86 139-1234-5678', password: 'abc12345' });
    expect(login.statusCode).toBe(200);
    expect(login.json().user.phone).toBe('13912345678');
  });

  it('refuses a duplicate email with EMAIL_TAKEN in zh-CN and writes nothing', async () => {
    const existing = await buildUser(t);
    const before = await t.app.ctx.db.select().from(users);
    const res = await new Client(t.app).post('/api/auth/register', {
      email: existing.email.toUpperCase(),
      password: 'abc12345',
      name: '重复',
    });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toEqual({
      error: {
        code: 'EMAIL_TAKEN',
        message: '该邮箱已注册，请直接登录或找回密码',
        fields: [{ path: 'email', code: 'TAKEN', message: '已被其他账号或机构使用' }],
      },
    });
    expect(await t.app.ctx.db.select().from(users)).toHaveLength(before.length);
  });

  it('refuses a duplicate phone with PHONE_TAKEN', async () => {
    await buildUser(t, { phone: '13700000001' });
    const res = await new Client(t.app).post('/api/auth/register', { phone: '13700000001', password: 'abc12345', name: '重复' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('PHONE_TAKEN');
  });

  it('explains every bad field in zh-CN', async () => {
    const res = await new Client(t.app).post('/api/auth/register', { phone: '1234', password: 'short', name: '' });
    expect(res.statusCode).toBe(400);
    const { error } = res.json();
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.message).toBe('提交的内容有误，请按提示修改');
    expect(error.fields).toEqual([
      { path: 'phone', code: 'PHONE_INVALID', message: '手机号格式不正确，应为 11 位中国大陆手机号' },
      { path: 'password', code: 'PASSWORD_WEAK', message: '密码至少 8 位，且需同时包含字母和数字' },
      { path: 'name', code: 'REQUIRED', message: '此项必填' },
    ]);
  });

  it('answers in English when the browser asks for it', async () => {
    const res = await new Client(t.app, { 'accept-language': 'en-US,en;q=0.9' }).post('/api/auth/register', {
      password: 'abc12345',
      name: 'Li',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual([
      { path: 'email', code: 'EMAIL_OR_PHONE_REQUIRED', message: 'Enter an email or a mobile number' },
    ]);
  });

  it('refuses an oversized body with BODY_TOO_LARGE', async () => {
    const res = await new Client(t.app).post('/api/auth/register', {
      email: 'big@example.cn',
      password: 'abc12345',
      name: 'x'.repeat(1_200_000),
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().error).toEqual({
      code: 'BODY_TOO_LARGE',
      message: '提交的内容过大（上限 1 MB）',
      params: { limit: '1 MB' },
    });
  });

  it('stores a scrypt hash, never the password', async () => {
    const u = await buildUser(t);
    const [row] = await t.app.ctx.db.select({ h: users.passwordHash }).from(users).where(eq(users.id, u.id));
    expect(row?.h).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(row?.h).not.toContain(PASSWORD);
  });
});

describe('sign-in, sessions and CSRF', () => {
  it('refuses a wrong password with one message for unknown and known accounts', async () => {
    const u = await buildUser(t);
    const wrong = await new Client(t.app).post('/api/auth/login', { identifier: u.email, password: 'nope1234' });
    const unknown = await new Client(t.app).post('/api/auth/login', { identifier: 'nobody@example.cn', password: 'nope1234' });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json().error).toEqual({ code: 'INVALID_CREDENTIALS', message: '账号或密码错误' });
  });

  it('locks the account after five wrong passwords, for 15 minutes, even for the right password', async () => {
    const u = await buildUser(t);
    const c = new Client(t.app);
    for (let i = 0; i < 4; i += 1) {
      expect((await c.post('/api/auth/login', { identifier: u.email, password: 'wrong999' })).statusCode).toBe(401);
    }
    const fifth = await c.post('/api/auth/login', { identifier: u.email, password: 'wrong999' });
    expect(fifth.statusCode).toBe(429);
    expect(fifth.json().error.message).toBe('密码错误次数过多，账号已临时锁定，请 15 分钟后再试或重置密码');
    const right = await c.post('/api/auth/login', { identifier: u.email, password: PASSWORD });
    expect(right.statusCode).toBe(429);
    expect(await auditKinds(u.id)).toEqual(['user.registered', 'user.locked_out']);
    t.clock.advance(15 * 60 * 1000 + 1);
    expect((await c.post('/api/auth/login', { identifier: u.email, password: PASSWORD })).statusCode).toBe(200);
  });

  it('refuses an unsafe request without the CSRF header', async () => {
    const { email } = await buildUser(t);
    const c = await signIn(t, { email });
    const res = await c.request({
      method: 'PATCH',
      url: '/api/me',
      payload: { name: '新名字' },
      headers: { 'x-csrf-token': 'forged-token-forged-token-forged-token' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('CSRF_FAILED');
  });

  it('refuses a request from a foreign origin', async () => {
    const res = await new Client(t.app).post(
      '/api/auth/login',
      { identifier: 'a@b.cn', password: 'x' },
      { origin: 'https://evil.example' },
    );
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('CSRF_FAILED');
  });

  it('logs out: the session no longer works', async () => {
    const { email } = await buildUser(t);
    const c = await signIn(t, { email });
    const token = c.cookie('ca_session');
    expect((await c.post('/api/auth/logout')).statusCode).toBe(200);
    const stale = new Client(t.app);
    const res = await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: `ca_session=${token}` } });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('UNAUTHENTICATED');
    expect((await stale.get('/api/me')).statusCode).toBe(401);
  });

  it('expires a session after 14 days', async () => {
    const { email } = await buildUser(t);
    const c = await signIn(t, { email });
    t.clock.advance(14 * 24 * 3600 * 1000 + 1000);
    expect((await c.get('/api/me')).statusCode).toBe(401);
  });
});

describe('password reset', () => {
  it('sends a code by email, sets the new password and ends old sessions', async () => {
    const u = await buildUser(t);
    const old = await signIn(t, u);
    const c = new Client(t.app);
    expect((await c.post('/api/auth/password-reset/request', { identifier: u.email })).statusCode).toBe(202);
    const msg = t.sent.at(-1);
    expect(msg).toMatchObject({ channel: 'email', to: u.email, subject: 'CaseArena 案例擂台：重置密码验证码' });
    const code = /(\d{6})/.exec(msg?.body ?? '')?.[1];
    expect(code).toMatch(/^\d{6}$/);
    const done = await c.post('/api/auth/password-reset/confirm', { identifier: u.email, code, newPassword: 'newpass123' });
    expect(done.statusCode).toBe(200);
    expect((await old.get('/api/me')).statusCode).toBe(401);
    expect((await c.post('/api/auth/login', { identifier: u.email, password: 'newpass123' })).statusCode).toBe(200);
    expect(await auditKinds(u.id)).toEqual(['user.registered', 'user.password_reset_requested', 'user.password_reset']);
  });

  it('sends the code by SMS to a phone account (outbox kept)', async () => {
    await buildUser(t, { phone: '15800000002' });
    expect((await new Client(t.app).post('/api/auth/password-reset/request', { identifier: '15800000002' })).statusCode).toBe(
      202,
    );
    expect(t.sent.at(-1)).toMatchObject({ channel: 'sms', to: '15800000002' });
  });

  it('answers the same for an unknown account and sends nothing', async () => {
    const before = t.sent.length;
    const res = await new Client(t.app).post('/api/auth/password-reset/request', { identifier: 'ghost@example.cn' });
    expect(res.statusCode).toBe(202);
    expect(t.sent.length).toBe(before);
  });

  it('kills the code after five wrong tries and refuses an expired one', async () => {
    const u = await buildUser(t);
    const c = new Client(t.app);
    await c.post('/api/auth/password-reset/request', { identifier: u.email });
    const code = /(\d{6})/.exec(t.sent.at(-1)?.body ?? '')?.[1] ?? '';
    const wrongCode = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i += 1) {
      const res = await c.post('/api/auth/password-reset/confirm', {
        identifier: u.email,
        code: wrongCode,
        newPassword: 'newpass123',
      });
      expect(res.json().error.code).toBe('RESET_CODE_INVALID');
    }
    const late = await c.post('/api/auth/password-reset/confirm', { identifier: u.email, code, newPassword: 'newpass123' });
    expect(late.statusCode).toBe(400);
    expect(late.json().error.message).toBe('验证码错误或已过期，请重新获取');

    t.clock.advance(61_000);
    await c.post('/api/auth/password-reset/request', { identifier: u.email });
    const code2 = /(\d{6})/.exec(t.sent.at(-1)?.body ?? '')?.[1] ?? '';
    t.clock.advance(16 * 60 * 1000);
    const expired = await c.post('/api/auth/password-reset/confirm', {
      identifier: u.email,
      code: code2,
      newPassword: 'newpass123',
    });
    expect(expired.json().error.code).toBe('RESET_CODE_INVALID');
  });
});

describe('profile', () => {
  it('updates name, department and professional title', async () => {
    const u = await buildUser(t);
    const c = await signIn(t, u);
    const res = await c.patch('/api/me', { name: '张三', department: '心内科', title: '副主任医师' });
    expect(res.statusCode).toBe(200);
    expect(res.json().user).toMatchObject({ name: '张三', department: '心内科', title: '副主任医师' });
    expect(await auditKinds(u.id)).toEqual(['user.registered', 'user.profile_updated']);
  });

  it('refuses an unknown professional title, and any organization (membership is not a profile field)', async () => {
    const c = await signIn(t, await buildUser(t));
    const bad = await c.patch('/api/me', { title: '院士' });
    expect(bad.json().error.fields).toEqual([{ path: 'title', code: 'INVALID_CHOICE', message: '请选择有效的选项' }]);
    const org = await c.patch('/api/me', { organizationId: '00000000-0000-4000-8000-000000000000' });
    expect(org.statusCode).toBe(400);
    expect(org.json().error.fields).toEqual([
      {
        path: 'organizationId',
        code: 'MEMBERSHIP_NOT_EDITABLE',
        message: '所在机构不能在个人资料中修改：请申请机构认证，或接受机构管理员的邀请',
      },
    ]);
  });

  it('refuses taking another account’s email', async () => {
    const other = await buildUser(t);
    const c = await signIn(t, await buildUser(t));
    const res = await c.patch('/api/me', { email: other.email });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('EMAIL_TAKEN');
  });

  it('requires sign-in', async () => {
    const res = await new Client(t.app).patch('/api/me', { name: 'x' });
    expect(res.statusCode).toBe(401);
  });
});
