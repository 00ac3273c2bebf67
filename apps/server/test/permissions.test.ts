import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, startTestApp, type TestApp } from './app.ts';
import { buildOrganization, signedInAs } from './factories.ts';
import { multipart, SAMPLE } from './multipart.ts';

type Role = 'anonymous' | 'user' | 'owner' | 'staff' | 'admin';
const ROLES: Role[] = ['anonymous', 'user', 'owner', 'staff', 'admin'];

let t: TestApp;
let clients: Record<Role, Client>;
let orgId: string;
let certId: string;

beforeAll(async () => {
  t = await startTestApp();
  orgId = (await buildOrganization(t)).id;
  clients = {
    anonymous: new Client(t.app),
    user: (await signedInAs(t, 'user')).client,
    owner: (await signedInAs(t, 'user')).client,
    staff: (await signedInAs(t, 'staff')).client,
    admin: (await signedInAs(t, 'admin')).client,
  };
  const body = multipart({ kind: 'institution', organizationId: orgId }, [
    { name: 'file', filename: 'a.png', content: SAMPLE.png },
  ]);
  const res = await clients.owner.request({
    method: 'POST',
    url: '/api/certifications',
    payload: body.payload,
    headers: body.headers,
  });
  certId = res.json().id;
});
afterAll(() => t.close());

/**
 * Every protected endpoint against every kind of caller: the expected status, where "not found" and
 * "not allowed" look the same for objects the caller may not know about.
 */
const table: Array<{ name: string; call: (c: Client) => Promise<{ statusCode: number }>; expect: Record<Role, number> }> = [
  {
    name: 'GET /api/me',
    call: (c) => c.get('/api/me'),
    expect: { anonymous: 401, user: 200, owner: 200, staff: 200, admin: 200 },
  },
  {
    name: 'GET /api/certifications/mine',
    call: (c) => c.get('/api/certifications/mine'),
    expect: { anonymous: 401, user: 200, owner: 200, staff: 200, admin: 200 },
  },
  {
    name: 'GET /api/certifications/:id/file',
    call: (c) => c.get(`/api/certifications/${certId}/file`),
    expect: { anonymous: 401, user: 404, owner: 200, staff: 200, admin: 200 },
  },
  {
    name: 'GET /api/admin/certifications',
    call: (c) => c.get('/api/admin/certifications'),
    expect: { anonymous: 401, user: 403, owner: 403, staff: 200, admin: 200 },
  },
  {
    name: 'POST /api/orgs',
    call: (c) => c.post('/api/orgs', { name: `权限测试医院${Math.random()}`, kind: 'general_hospital' }),
    expect: { anonymous: 401, user: 403, owner: 403, staff: 201, admin: 201 },
  },
  {
    name: 'PATCH /api/orgs/:id',
    call: (c) => c.patch(`/api/orgs/${orgId}`, { isCountyLevel: false }),
    expect: { anonymous: 401, user: 403, owner: 403, staff: 200, admin: 200 },
  },
  {
    name: 'GET /api/orgs',
    call: (c) => c.get('/api/orgs'),
    expect: { anonymous: 200, user: 200, owner: 200, staff: 200, admin: 200 },
  },
  {
    name: 'GET /api/regions',
    call: (c) => c.get('/api/regions'),
    expect: { anonymous: 200, user: 200, owner: 200, staff: 200, admin: 200 },
  },
];

describe('permission table: every protected endpoint × every kind of caller', () => {
  for (const row of table) {
    it(row.name, async () => {
      const actual: Record<string, number> = {};
      for (const role of ROLES) actual[role] = (await row.call(clients[role])).statusCode;
      expect(actual).toEqual(row.expect);
    });
  }

  it('decisions on a pending request: only reviewers; the owner may only withdraw', async () => {
    const reject = (c: Client) => c.post(`/api/admin/certifications/${certId}/reject`, { reason: '材料不清晰' });
    expect((await reject(clients.anonymous)).statusCode).toBe(401);
    expect((await reject(clients.user)).statusCode).toBe(403);
    expect((await reject(clients.owner)).statusCode).toBe(403);
    expect((await clients.user.post(`/api/certifications/${certId}/withdraw`)).statusCode).toBe(404);
    expect((await clients.staff.post(`/api/certifications/${certId}/withdraw`)).statusCode).toBe(403);
    expect((await reject(clients.staff)).statusCode).toBe(200);
    expect((await reject(clients.admin)).statusCode).toBe(409);
  });
});
