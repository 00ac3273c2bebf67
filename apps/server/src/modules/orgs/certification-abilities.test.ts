import { ERROR_STATUS, type TCertificationAbilities } from '@casearena/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp } from '../../../test/app.ts';
import { buildOrganization, signedInAs } from '../../../test/factories.ts';
import { SAMPLE } from '../../../test/multipart.ts';

/**
 * Issue 8 item 3, certification requests (S0-14): every response that returns a request carries the caller's
 * abilities (withdraw, decide), and the routes then do exactly that: `true` → 200, a refusal → its code and status.
 */
let t: TestApp;
let hospital: { id: string };
let reviewer: Client;

beforeAll(async () => {
  t = await startTestApp();
  hospital = await buildOrganization(t, { name: '许昌市第二人民医院' });
  reviewer = (await signedInAs(t, 'staff')).client;
}, 120_000);
afterAll(() => t.close());

function fileRequest(c: Client) {
  const boundary = '----casearena-abilities';
  const part = (head: string, body: Buffer | string) => [
    Buffer.from(`--${boundary}\r\n${head}\r\n\r\n`),
    Buffer.from(body),
    Buffer.from('\r\n'),
  ];
  const payload = Buffer.concat([
    ...part('Content-Disposition: form-data; name="kind"', 'institution'),
    ...part('Content-Disposition: form-data; name="organizationId"', hospital.id),
    ...part(
      'Content-Disposition: form-data; name="file"; filename="licence.png"\r\nContent-Type: application/octet-stream',
      SAMPLE.png,
    ),
    Buffer.from(`--${boundary}--\r\n`),
  ]);
  return c.request({
    method: 'POST',
    url: '/api/certifications',
    payload,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  });
}

/** A fresh applicant with a pending request; answers both and the request's id. */
async function pendingRequest() {
  const { client } = await signedInAs(t);
  const res = await fileRequest(client);
  expect(res.statusCode).toBe(201);
  return { applicant: client, id: res.json().id as string, created: res.json() };
}

const outcome = (res: { statusCode: number; json(): { error: { code: string } } }) => [
  res.statusCode,
  res.statusCode >= 400 ? res.json().error.code : null,
];
const expected = (ability: true | string) =>
  ability === true ? [200, null] : [ERROR_STATUS[ability as keyof typeof ERROR_STATUS], ability];

const mine = async (c: Client, id: string) =>
  (await c.get('/api/certifications/mine')).json().items.find((i: { id: string }) => i.id === id).abilities;
const queued = async (id: string) =>
  (await reviewer.get('/api/admin/certifications?status=pending&pageSize=100'))
    .json()
    .items.find((i: { id: string }) => i.id === id)?.abilities;

describe('issue 8 item 3: certification abilities equal what the routes allow', () => {
  it('S0-14 the applicant: withdraw=true on a pending request and it answers 200; then WRONG_STATUS and 409', async () => {
    const { applicant, id, created } = await pendingRequest();
    const pending: TCertificationAbilities = { withdraw: true, decide: 'FORBIDDEN' };
    expect(created.abilities).toEqual(pending);
    expect(await mine(applicant, id)).toEqual(pending);
    // The applicant may not decide their own request: FORBIDDEN, as reported.
    expect(outcome(await applicant.post(`/api/admin/certifications/${id}/approve`))).toEqual(expected(pending.decide));
    const withdrawn = await applicant.post(`/api/certifications/${id}/withdraw`);
    expect(outcome(withdrawn)).toEqual(expected(pending.withdraw));
    expect(withdrawn.json().abilities).toEqual({ withdraw: 'WRONG_STATUS', decide: 'FORBIDDEN' });
    expect(await mine(applicant, id)).toEqual({ withdraw: 'WRONG_STATUS', decide: 'FORBIDDEN' });
    expect(outcome(await applicant.post(`/api/certifications/${id}/withdraw`))).toEqual([409, 'WRONG_STATUS']);
  }, 120_000);

  it('S0-14 the reviewer: decide=true on a pending request and approve answers 200; then WRONG_STATUS and 409', async () => {
    const { id } = await pendingRequest();
    const pending = await queued(id);
    expect(pending).toEqual({ withdraw: 'FORBIDDEN', decide: true });
    // A reviewer sees the request but may not withdraw it.
    expect(outcome(await reviewer.post(`/api/certifications/${id}/withdraw`))).toEqual(expected(pending.withdraw));
    const approved = await reviewer.post(`/api/admin/certifications/${id}/approve`);
    expect(outcome(approved)).toEqual(expected(pending.decide));
    expect(approved.json().abilities).toEqual({ withdraw: 'FORBIDDEN', decide: 'WRONG_STATUS' });
    const listed = (await reviewer.get('/api/admin/certifications?status=approved&pageSize=100'))
      .json()
      .items.find((i: { id: string }) => i.id === id);
    expect(listed.abilities).toEqual({ withdraw: 'FORBIDDEN', decide: 'WRONG_STATUS' });
    expect(outcome(await reviewer.post(`/api/admin/certifications/${id}/reject`, { reason: '执照不清晰' }))).toEqual([
      409,
      'WRONG_STATUS',
    ]);
  }, 120_000);

  it('S0-14 a withdrawn request: the reviewer sees decide=WRONG_STATUS and rejecting answers 409', async () => {
    const { applicant, id } = await pendingRequest();
    expect((await applicant.post(`/api/certifications/${id}/withdraw`)).statusCode).toBe(200);
    const listed = (await reviewer.get('/api/admin/certifications?status=withdrawn&pageSize=100'))
      .json()
      .items.find((i: { id: string }) => i.id === id);
    expect(listed.abilities).toEqual({ withdraw: 'FORBIDDEN', decide: 'WRONG_STATUS' });
    expect(outcome(await reviewer.post(`/api/admin/certifications/${id}/reject`, { reason: '执照不清晰' }))).toEqual(
      expected(listed.abilities.decide),
    );
  }, 120_000);
});
