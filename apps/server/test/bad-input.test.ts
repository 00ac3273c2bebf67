import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ZScreeningInput } from '@casearena/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, startTestApp, type TestApp } from './app.ts';
import { publishedCampaign } from './entries.ts';
import { buildOrganization, signedInAs } from './factories.ts';
import { multipart, SAMPLE } from './multipart.ts';

/** Issue 7 defect 6: each of these gave a 500 (or, for the 413, a connection that hung for 40 s). */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const NUL_FIELD = (path: string) => ({ path, code: 'NUL_CHARACTER', message: '不能包含空字符（U+0000）' });
const refused = (fields: unknown[]) => ({
  error: { code: 'VALIDATION_FAILED', message: '提交的内容有误，请按提示修改', fields },
});

describe('bad input gets a clear 400 VALIDATION_FAILED naming the field, never a 500', () => {
  it('refuses U+0000 in a sign-in identifier, a registration name and a public search', async () => {
    const c = new Client(t.app);
    const login = await c.post('/api/auth/login', { identifier: 'a\u0000b@example.cn', password: 'x1234567' });
    expect([login.statusCode, login.json()]).toEqual([400, refused([NUL_FIELD('identifier')])]);
    const register = await c.post('/api/auth/register', { email: 'nul@example.cn', password: 'abc12345', name: '王\u0000敏' });
    expect([register.statusCode, register.json()]).toEqual([400, refused([NUL_FIELD('name')])]);
    const { campaign } = await publishedCampaign(t);
    const search = await c.get(`/api/campaigns/${campaign.id}/entries?q=%00`);
    expect([search.statusCode, search.json()]).toEqual([400, refused([NUL_FIELD('q')])]);
  });

  it('refuses a non-UUID id before the route’s permission hook looks it up', async () => {
    const { client: staff } = await signedInAs(t, 'staff');
    const invalidId = refused([{ path: 'id', code: 'INVALID', message: '格式不正确' }]);
    for (const [method, url] of [
      ['PATCH', '/api/campaigns/not-a-uuid'],
      ['PUT', '/api/campaigns/not-a-uuid/form'],
      ['POST', '/api/campaigns/not-a-uuid/publish'],
      ['GET', '/api/campaigns/not-a-uuid/screening-queue'],
      ['POST', '/api/campaigns/not-a-uuid/bulk-plans'],
      ['POST', '/api/entries/not-a-uuid/screening'],
      ['POST', '/api/organizations/not-a-uuid/organizer-members'],
    ] as const) {
      const res = await staff.request({ method, url, payload: {} });
      expect([method, url, res.statusCode, res.json()]).toEqual([method, url, 400, invalidId]);
    }
  });

  it('refuses a whole number beyond 2^31 - 1, also to an anonymous caller (?version=2147483648)', async () => {
    const { campaign } = await publishedCampaign(t);
    const res = await new Client(t.app).get(`/api/campaigns/${campaign.id}/form?version=2147483648`);
    expect([res.statusCode, res.json()]).toEqual([
      400,
      refused([{ path: 'version', code: 'OUT_OF_RANGE', message: '数值超出范围' }]),
    ]);
  });

  it('refuses JSON nested 50,000 levels deep, and answers nested deeper than any field kind', async () => {
    const c = new Client(t.app);
    const deep = `{"identifier":${'['.repeat(50_000)}${']'.repeat(50_000)},"password":"x"}`;
    const res = await c.request({
      method: 'POST',
      url: '/api/auth/login',
      payload: deep,
      headers: { 'content-type': 'application/json' },
    });
    expect([res.statusCode, res.json()]).toEqual([
      400,
      refused([{ path: '', code: 'TOO_DEEP', params: { max: 32 }, message: '内容嵌套层级过深（最多 32 层）' }]),
    ]);
    const { campaign } = await publishedCampaign(t);
    const { client } = await signedInAs(t);
    const nested = { a: { b: { c: { d: { e: 1 } } } } };
    const created = await client.post(`/api/campaigns/${campaign.id}/entries`, {
      themeId: campaign.themes[0]?.id,
      title: '嵌套过深的答案',
      answers: { department: nested },
    });
    expect(created.statusCode).toBe(400);
    expect(created.json().error.fields).toContainEqual({
      path: 'answers.department',
      code: 'TOO_DEEP',
      params: { max: 4 },
      message: '内容嵌套层级过深（最多 4 层）',
    });
  });

  it('refuses impossible calendar dates: a phase from 2022-02-30, a correction deadline of 2023-02-29', async () => {
    const { staff, organizer } = await publishedCampaign(t);
    const draft = (await staff.post('/api/campaigns', { templateKey: 'seed-000', organizerId: organizer.id })).json();
    const res = await staff.patch(`/api/campaigns/${draft.id}`, {
      phases: [{ key: 'submission', label: '申报', start: '2022-02-30', end: '2022-03-10', capabilities: ['submit'] }],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toContainEqual({ path: 'phases.0.start', code: 'INVALID', message: '格式不正确' });
    const returned = { decision: 'return', reasons: '材料不全', correctionDeadline: '2023-02-29' };
    expect(ZScreeningInput.safeParse(returned).success).toBe(false);
    expect(ZScreeningInput.safeParse({ ...returned, correctionDeadline: '2024-02-29' }).success).toBe(true);
  });
});

describe('U+0000 in a multipart form (certification request)', () => {
  const send = async (fields: Record<string, string>, filename: string) => {
    const { client } = await signedInAs(t);
    const form = multipart(fields, [{ name: 'file', filename, content: SAMPLE.png, type: 'image/png' }]);
    return client.request({ method: 'POST', url: '/api/certifications', payload: form.payload, headers: form.headers });
  };

  it('refuses it in a text field, naming the field', async () => {
    const hospital = await buildOrganization(t);
    const res = await send({ kind: 'institution', organizationId: hospital.id, title: '主\u0000任' }, 'licence.png');
    expect([res.statusCode, res.json()]).toEqual([400, refused([NUL_FIELD('title')])]);
  });

  it('keeps the file and drops control characters from its name', async () => {
    const hospital = await buildOrganization(t);
    const res = await send({ kind: 'institution', organizationId: hospital.id }, '执业\u0000许可证\u0007.png');
    expect(res.statusCode).toBe(201);
    expect(res.json().file).toMatchObject({ name: '执业许可证.png', size: SAMPLE.png.length });
  });
});

describe('an upload refused while its body is still arriving', () => {
  it('is answered 413 at once and the connection closed, without the client sending the rest', async () => {
    const { client: applicant } = await signedInAs(t);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as AddressInfo;
    // A certification upload (limit 10 MB) declares 60 MB and sends only its first 12 MB.
    const { headers } = multipart({}, [{ name: 'file', filename: 'big.pdf', content: SAMPLE.pdf }]);
    const boundary = headers['content-type'].split('boundary=')[1];
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.7\n`,
    );
    const csrf = applicant.cookie('ca_csrf') ?? '';
    const session = applicant.cookie('ca_session') ?? '';
    const outcome = await new Promise<{ status: number; connection: string | undefined; closed: boolean }>((resolve, reject) => {
      const req = http.request({
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/api/certifications',
        headers: {
          ...headers,
          'content-length': String(60 * 1024 * 1024),
          cookie: `ca_csrf=${csrf}; ca_session=${session}`,
          'x-csrf-token': csrf,
        },
      });
      req.on('error', () => {}); // the server closing while we would still send is expected
      let status = 0;
      let connection: string | undefined;
      req.on('socket', (socket) => {
        socket.on('close', () => resolve({ status, connection, closed: true }));
      });
      req.on('response', (res) => {
        status = res.statusCode ?? 0;
        connection = res.headers.connection;
        res.resume();
      });
      req.write(head);
      req.write(Buffer.alloc(12 * 1024 * 1024, 32));
      setTimeout(() => reject(new Error('no answer while the body was incomplete')), 20_000).unref();
    });
    expect(outcome).toEqual({ status: 413, connection: 'close', closed: true });
  });
});
