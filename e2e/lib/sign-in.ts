import type { Page } from 'playwright-core';

export interface Account {
  email: string;
  password: string;
}

/**
 * Signs in through the login page as a user does, and returns once the server has accepted the password and the
 * page has left /login (to `landing`, when given, exactly). Fails with the server's answer when the sign-in is refused,
 * rather than timing out on a URL that never changes.
 */
export async function signIn(page: Page, baseUrl: string, account: Account, options: { landing?: string } = {}) {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('邮箱或手机号').fill(account.email);
  await page.getByLabel('密码', { exact: true }).fill(account.password);
  const answer = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/auth/login');
  await page.getByTestId('login-submit').click();
  const res = await answer;
  if (!res.ok()) throw new Error(`sign-in as ${account.email} refused: ${res.status()} ${await res.text()}`);
  if (options.landing) await page.waitForURL(`${baseUrl}${options.landing}`);
  else await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}
