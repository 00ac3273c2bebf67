import { randomBytes } from 'node:crypto';
import { registerUser } from '../src/modules/accounts/index.ts';
import { createOrganization } from '../src/modules/orgs/index.ts';
import { Client, type TestApp } from './app.ts';

export const PASSWORD = 'Passw0rd-test';

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}${randomBytes(2).toString('hex')}`;

export interface TestUser {
  id: string;
  email: string;
  name: string;
  role: 'user' | 'staff' | 'admin';
}

/** A registered account in the given role; the password is PASSWORD. */
export async function buildUser(
  t: TestApp,
  overrides: Partial<{ role: TestUser['role']; name: string; email: string; phone: string }> = {},
): Promise<TestUser> {
  const email = overrides.email ?? `u-${unique()}@example.cn`;
  const user = await registerUser(t.app.ctx, {
    email,
    ...(overrides.phone ? { phone: overrides.phone } : {}),
    password: PASSWORD,
    name: overrides.name ?? '测试用户',
    role: overrides.role ?? 'user',
  });
  return { id: user.id, email, name: user.name, role: user.role };
}

/** A client signed in as the user. */
export async function signIn(t: TestApp, user: Pick<TestUser, 'email'>): Promise<Client> {
  const client = new Client(t.app);
  const res = await client.post('/api/auth/login', { identifier: user.email, password: PASSWORD });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  return client;
}

export async function signedInAs(t: TestApp, role: TestUser['role'] = 'user') {
  const user = await buildUser(t, { role });
  return { user, client: await signIn(t, user) };
}

let orgCounter = 0;

/** An organization in the registry (defaults: a tertiary grade-A general hospital in 许昌市). */
export async function buildOrganization(
  t: TestApp,
  overrides: Partial<import('@casearena/contract').TOrganizationInput> = {},
): Promise<import('@casearena/contract').TOrganization> {
  orgCounter += 1;
  return createOrganization(t.app.ctx, null, {
    name: `测试医院${orgCounter}号${unique()}`,
    aliases: [],
    kind: 'general_hospital',
    level: 'level3',
    grade: 'A',
    regionCode: '411000',
    isCountyLevel: false,
    parentId: null,
    ...overrides,
  });
}
