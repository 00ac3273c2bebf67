import { Writable } from 'node:stream';
import { CERTIFICATE_LAYOUTS, errorMessage } from '@casearena/contract';
import { and, eq } from 'drizzle-orm';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, startTestApp, type TestApp } from '../../../test/app.ts';
import { awardSetWith, pdfQrText, pdfText, sealPng, setAwardState } from '../../../test/certificates.ts';
import { applicantOf } from '../../../test/entries.ts';
import { buildOrganization } from '../../../test/factories.ts';
import { ok, type StoryCall, type StoryEntry, storyCall, storyEntry } from '../../../test/judging-story.ts';
import { multipart, SAMPLE } from '../../../test/multipart.ts';
import { auditEvents } from '../../platform/audit/audit.tables.ts';
import { certificates } from './awards.tables.ts';
import { certificateKey, certificateNumber, checkLetter, validNumber, verificationCode } from './certificate-number.ts';
import { renderCertificatePdf } from './certificate-pdf.ts';
import { prepareSeal } from './certificate-seal.ts';
import { writeCertificatesZip } from './certificate-zip.ts';

/**
 * Certificates (issue 12 item 4; X-7 exports: certificates as PDF with a verification link; S0-15 certificates of
 * the published honours): a final award set's live awards get one certificate each, numbered CA<year>-<serial>-<check>,
 * verifiable by a short HMAC code, revocable with a reason (audited).
 */
let t: TestApp;
let call: StoryCall;
let entries: StoryEntry[];
let hospitals: Array<{ id: string; name: string }>;
let campaignTitle: string;

interface Cert {
  id: string;
  number: string;
  recipient: string;
  entryTitle: string | null;
  awardLabel: string;
  themeTitle: string | null;
  verifyUrl: string;
  revokedAt: string | null;
  abilities: { revoke: true | string };
}
const list = async () =>
  ok<{ certificates: Cert[]; pending: number; abilities: { issue: true | string } }>(
    await call.manager.get(`/api/campaigns/${call.campaign.id}/certificates`),
  );
const verifyPath = (cert: Cert) => {
  const ref = cert.verifyUrl.split('/v/')[1] as string;
  const [number, code] = ref.split('.') as [string, string];
  return `/api/public/certificates/${number}?code=${code}`;
};

const SAMPLE_CONTENT = {
  number: 'CA2026-000123-K',
  text: '北京协和医院：\n你单位申报的案例《智慧病房全流程管理实践》在2026年案例擂台赛中荣获卓越案例。特发此证，以资鼓励。',
  campaignTitle: '2026年案例擂台赛',
  issuer: '国家卫生健康委医院管理研究所',
  signatureCaption: '主办单位（盖章）',
  issuedOn: '2026年3月2日',
};

beforeAll(async () => {
  t = await startTestApp();
  call = await storyCall(t);
  hospitals = await Promise.all([buildOrganization(t), buildOrganization(t)]);
  campaignTitle = ok<{ title: string }>(await call.manager.get(`/api/campaigns/${call.campaign.id}`)).title;
  entries = [
    await storyEntry(t, call, {
      themeIndex: 0,
      hospital: hospitals[0] as { id: string; name: string },
      title: '智慧病房全流程管理实践',
    }),
    await storyEntry(t, call, {
      themeIndex: 1,
      hospital: hospitals[1] as { id: string; name: string },
      title: '日间手术中心的精益管理',
    }),
  ];
  await awardSetWith(
    t,
    call.campaign.id,
    [
      { organizationId: hospitals[0]?.id as string, entry: entries[0] },
      { organizationId: hospitals[1]?.id as string, entry: entries[1], level: 'excellent', labelZh: '优秀案例' },
      { organizationId: hospitals[0]?.id as string },
    ],
    'frozen',
  );
}, 120_000);
afterAll(() => t.close());

describe('certificate numbers (X-7)', () => {
  it('are CA, the year, a six-digit serial and a check letter that every one-digit change and adjacent swap alters', () => {
    expect(certificateNumber(2026, 123)).toBe(`CA2026-000123-${checkLetter(2026, 123)}`);
    expect(certificateNumber(2026, 123)).toMatch(/^CA2026-000123-[A-Z]$/);
    expect(validNumber(certificateNumber(2026, 123))).toBe(true);
    const digits = '2026000123';
    const variants = new Set<string>();
    for (let i = 0; i < digits.length; i += 1) {
      for (let d = 0; d <= 9; d += 1) if (String(d) !== digits[i]) variants.add(digits.slice(0, i) + d + digits.slice(i + 1));
      if (i + 1 < digits.length && digits[i] !== digits[i + 1])
        variants.add(digits.slice(0, i) + digits[i + 1] + digits[i] + digits.slice(i + 2));
    }
    const letter = checkLetter(2026, 123);
    const passing = [...variants].filter((v) => checkLetter(Number(v.slice(0, 4)), Number(v.slice(4))) === letter);
    expect(passing).toEqual([]);
    expect(validNumber(`CA2026-000123-${letter === 'A' ? 'B' : 'A'}`)).toBe(false);
    expect(validNumber('CA2026-000000-A')).toBe(false);
  });
});

describe('issuing (X-7, S0-15)', () => {
  it('is refused with WRONG_STATUS while the award set is not final, and nothing is issued', async () => {
    const res = await call.manager.post(`/api/campaigns/${call.campaign.id}/certificates/issue`);
    expect([res.statusCode, res.json().error.code]).toEqual([409, 'WRONG_STATUS']);
    expect(await t.app.ctx.db.select().from(certificates).where(eq(certificates.campaignId, call.campaign.id))).toEqual([]);
    expect((await list()).abilities.issue).toBe('WRONG_STATUS');
  });

  it('issues one certificate per live award once final, copying what it says; a second call issues none', async () => {
    await setAwardState(t, call.campaign.id, 'final');
    expect((await list()).pending).toBe(3);
    const first = await call.manager.post(`/api/campaigns/${call.campaign.id}/certificates/issue`);
    expect(first.json()).toEqual({ issued: 3, existing: 0 });
    const again = await call.manager.post(`/api/campaigns/${call.campaign.id}/certificates/issue`);
    expect(again.json()).toEqual({ issued: 0, existing: 3 });
    const { certificates: certs, pending } = await list();
    const year = new Date(t.clock.now()).getUTCFullYear();
    expect(pending).toBe(0);
    expect(certs.map((c) => [c.number, c.recipient, c.entryTitle, c.awardLabel])).toEqual([
      [certificateNumber(year, 1), hospitals[0]?.name, '智慧病房全流程管理实践', '卓越案例'],
      [certificateNumber(year, 2), hospitals[1]?.name, '日间手术中心的精益管理', '优秀案例'],
      [certificateNumber(year, 3), hospitals[0]?.name, null, '最佳组织奖'],
    ]);
    const code = verificationCode(certificateKey(t.app.ctx.config), certificateNumber(year, 1));
    expect(certs[0]?.verifyUrl).toBe(`http://localhost:3000/v/${certificateNumber(year, 1)}.${code}`);
    const [row] = await t.app.ctx.db
      .select()
      .from(certificates)
      .where(eq(certificates.number, certificateNumber(year, 1)));
    expect(row?.wording).toBe(
      `${hospitals[0]?.name}：\n你单位申报的案例《智慧病房全流程管理实践》在${campaignTitle}中荣获“${row?.themeTitle}”主题卓越案例。特发此证，以资鼓励。`,
    );
    const events = await t.app.ctx.db
      .select({ data: auditEvents.data })
      .from(auditEvents)
      .where(and(eq(auditEvents.kind, 'certificates.issued'), eq(auditEvents.campaignId, call.campaign.id)));
    expect(events.map((e) => e.data)).toEqual([
      { count: 3, first: certificateNumber(year, 1), last: certificateNumber(year, 3), designVersion: 1 },
    ]);
  });

  it('counts the serials of a year over every campaign of that year: a second call of the year goes on from the first', async () => {
    const other = await storyCall(t);
    const hospital = await buildOrganization(t);
    const entry = await storyEntry(t, other, { themeIndex: 0, hospital, title: '第二个大赛的获奖案例' });
    await awardSetWith(t, other.campaign.id, [{ organizationId: hospital.id, entry }], 'final');
    const issued = await other.manager.post(`/api/campaigns/${other.campaign.id}/certificates/issue`);
    expect([issued.statusCode, issued.json()]).toEqual([200, { issued: 1, existing: 0 }]);
    const year = new Date(t.clock.now()).getUTCFullYear();
    const listed = ok<{ certificates: Cert[] }>(await other.manager.get(`/api/campaigns/${other.campaign.id}/certificates`));
    expect(listed.certificates.map((c) => c.number)).toEqual([certificateNumber(year, 4)]);
  });
});

describe('verification (X-7)', () => {
  it('shows what the certificate says to anyone with the QR link', async () => {
    const cert = (await list()).certificates[0] as Cert;
    const res = await new Client(t.app).get(verifyPath(cert));
    expect(res.statusCode).toBe(200);
    const { issuedAt, ...body } = res.json();
    expect(body).toEqual({
      number: cert.number,
      status: 'valid',
      campaignTitle: campaignTitle,
      recipient: cert.recipient,
      entryTitle: '智慧病房全流程管理实践',
      awardLabel: '卓越案例',
      themeTitle: cert.themeTitle,
      issuer: expect.any(String),
      revokedAt: null,
      revokeReason: null,
    });
    expect(issuedAt).toBe(t.clock.now().toISOString());
  });

  it('refuses a forged code, an altered number and a number never issued alike: CERTIFICATE_INVALID 404, nothing else', async () => {
    const cert = (await list()).certificates[0] as Cert;
    const key = certificateKey(t.app.ctx.config);
    const unissued = certificateNumber(2026, 999_999);
    const anonymous = new Client(t.app);
    const answers = await Promise.all(
      [
        `/api/public/certificates/${cert.number}?code=00000000`,
        `/api/public/certificates/${cert.number}`,
        `/api/public/certificates/${cert.number.replace(/-.$/, '-Z')}?code=${verificationCode(key, cert.number)}`,
        `/api/public/certificates/${unissued}?code=${verificationCode(key, unissued)}`,
        '/api/public/certificates/not-a-number?code=abc',
      ].map((url) => anonymous.get(url)),
    );
    // The same answer, word for word, whatever was wrong.
    const invalid = { error: { code: 'CERTIFICATE_INVALID', message: errorMessage('CERTIFICATE_INVALID', 'zh-CN') } };
    expect(answers.map((a) => [a.statusCode, a.json()])).toEqual(Array(5).fill([404, invalid]));
  });
});

describe('PDF (X-7)', () => {
  it('embeds the Chinese font as a subset and prints the wording, the issuer, the number and the link', async () => {
    const cert = (await list()).certificates[0] as Cert;
    const res = await call.manager.get(`/api/certificates/${cert.id}/pdf`);
    expect([res.statusCode, res.headers['content-type']]).toEqual([200, 'application/pdf']);
    const pdf = res.rawPayload;
    const raw = pdf.toString('latin1');
    expect(raw.startsWith('%PDF-')).toBe(true);
    expect(raw.match(/\/BaseFont \/[A-Z]{6}\+NotoSerifSC-SemiBold/g)?.length).toBeGreaterThan(0);
    expect(raw.includes('/FontFile2')).toBe(true);
    expect(pdf.length).toBeLessThan(80_000);
    const text = pdfText(pdf);
    expect(text).toContain('荣誉证书');
    expect(text).toContain(`${cert.recipient}：`);
    expect(text).toContain(`证书编号：${cert.number}`);
    expect(text.join('')).toContain(cert.verifyUrl);
    expect(text.join('')).toContain('你单位申报的案例《智慧病房全流程管理实践》');
  });

  it('carries a QR code that reads as the verification link, in each of the three layouts', async () => {
    const cert = (await list()).certificates[0] as Cert;
    expect(pdfQrText((await call.manager.get(`/api/certificates/${cert.id}/pdf`)).rawPayload)).toBe(cert.verifyUrl);
    const read: Record<string, string | null> = {};
    for (const layout of CERTIFICATE_LAYOUTS) {
      const content = { ...SAMPLE_CONTENT, layout, verifyUrl: `https://example.cn/v/${cert.number}.${layout}` };
      read[layout] = pdfQrText(await renderCertificatePdf(content, prepareSeal(sealPng())));
    }
    expect(read).toEqual(Object.fromEntries(CERTIFICATE_LAYOUTS.map((l) => [l, `https://example.cn/v/${cert.number}.${l}`])));
  });

  it('is the recipient hospital’s to download too, and nobody else’s', async () => {
    const cert = (await list()).certificates[0] as Cert;
    const member = (await applicantOf(t, hospitals[0]?.id as string)).client;
    const other = (await applicantOf(t, hospitals[1]?.id as string)).client;
    const mine = await member.get(`/api/certificates/${cert.id}/pdf`);
    const theirs = await other.get(`/api/certificates/${cert.id}/pdf`);
    expect([mine.statusCode, theirs.statusCode, theirs.json().error.code]).toEqual([200, 404, 'NOT_FOUND']);
  });
});

describe('design and seal', () => {
  it('saves the layout, issuer and wording (audited certificates.design_updated) and a PNG seal; refuses a non-PNG', async () => {
    const design = {
      layout: 'modern',
      issuer: '国家卫生健康委医院管理研究所',
      signatureCaption: '主办单位（盖章）',
      wording: { tiers: '{recipient}：\n《{entry}》荣获{award}。' },
    };
    const saved = await call.manager.put(`/api/campaigns/${call.campaign.id}/certificates/design`, design);
    expect(saved.json()).toEqual({ ...design, campaignId: call.campaign.id, hasSeal: false, version: 2 });
    const url = `/api/campaigns/${call.campaign.id}/certificates/seal`;
    const png = multipart({}, [{ name: 'file', filename: 'seal.png', content: sealPng(), type: 'image/png' }]);
    const sealed = await call.manager.request({ method: 'PUT', url, ...png });
    expect([sealed.statusCode, sealed.json().hasSeal, sealed.json().version]).toEqual([200, true, 3]);
    const pdf = multipart({}, [{ name: 'file', filename: 'seal.png', content: SAMPLE.pdf, type: 'image/png' }]);
    const refused = await call.manager.request({ method: 'PUT', url, ...pdf });
    expect([refused.statusCode, refused.json().error.code]).toEqual([415, 'FILE_TYPE_NOT_ALLOWED']);
    const big = multipart({}, [
      { name: 'file', filename: 'seal.png', content: Buffer.concat([SAMPLE.png, Buffer.alloc(1024 * 1024)]) },
    ]);
    const tooBig = await call.manager.request({ method: 'PUT', url, ...big });
    expect([tooBig.statusCode, tooBig.json().error.code]).toEqual([413, 'FILE_TOO_LARGE']);
    const events = await t.app.ctx.db
      .select({ data: auditEvents.data })
      .from(auditEvents)
      .where(and(eq(auditEvents.kind, 'certificates.design_updated'), eq(auditEvents.campaignId, call.campaign.id)));
    expect(events.map((e) => (e.data as { version: number }).version)).toEqual([2, 3]);
  });
});

describe('zip (X-7)', () => {
  it('holds one PDF per certificate not revoked, named by number and recipient', async () => {
    const { certificates: certs } = await list();
    const res = await call.manager.get(`/api/campaigns/${call.campaign.id}/certificates.zip`);
    expect([res.statusCode, res.headers['content-type']]).toEqual([200, 'application/zip']);
    const zip = await JSZip.loadAsync(res.rawPayload);
    const names = Object.keys(zip.files).sort();
    expect(names).toEqual(
      certs
        .filter((c) => !c.revokedAt)
        .map((c) => `${c.number}-${c.recipient}.pdf`)
        .sort(),
    );
    for (const name of names) {
      const pdf = Buffer.from(await (zip.files[name] as JSZip.JSZipObject).async('uint8array'));
      expect(pdfText(pdf)).toContain(`证书编号：${name.slice(0, 15)}`);
    }
  });
});

describe('zip streaming', () => {
  it('stops, without error and before the end, when the reader goes away', async () => {
    const out = new Writable({
      highWaterMark: 1,
      write() {
        out.destroy(); // the client closed the connection: this write never completes
      },
    });
    const written = await writeCertificatesZip(t.app.ctx, call.campaign.id, out);
    expect([out.destroyed, written < 3]).toEqual([true, true]);
  });
});

describe('revocation (X-7)', () => {
  it('needs a reason; is audited certificate.revoked; the page then says revoked with the day and the reason', async () => {
    const cert = (await list()).certificates[1] as Cert;
    const url = `/api/certificates/${cert.id}/revoke`;
    const bare = await call.manager.post(url, { reason: '' });
    const fields = bare.json().error.fields.map((f: { path: string; code: string }) => [f.path, f.code]);
    expect([bare.statusCode, fields]).toEqual([400, [['reason', 'REASON_REQUIRED']]]);
    const revoked = await call.manager.post(url, { reason: '异议成立，奖项撤销' });
    expect([revoked.statusCode, revoked.json().revokedAt, revoked.json().abilities]).toEqual([
      200,
      t.clock.now().toISOString(),
      { revoke: 'WRONG_STATUS' },
    ]);
    const twice = await call.manager.post(url, { reason: '再次撤销' });
    expect([twice.statusCode, twice.json().error.code]).toEqual([409, 'WRONG_STATUS']);
    const page = (await new Client(t.app).get(verifyPath(cert))).json();
    expect([page.status, page.revokedAt, page.revokeReason]).toEqual([
      'revoked',
      t.clock.now().toISOString(),
      '异议成立，奖项撤销',
    ]);
    const events = await t.app.ctx.db
      .select({ actorId: auditEvents.actorId, subjectId: auditEvents.subjectId, data: auditEvents.data })
      .from(auditEvents)
      .where(eq(auditEvents.kind, 'certificate.revoked'));
    expect(events).toEqual([
      { actorId: call.managerId, subjectId: cert.id, data: { number: cert.number, reason: '异议成立，奖项撤销' } },
    ]);
    const pdf = await call.manager.get(`/api/certificates/${cert.id}/pdf`);
    expect([pdf.statusCode, pdf.json().error.code]).toEqual([409, 'WRONG_STATUS']);
    const zip = await JSZip.loadAsync((await call.manager.get(`/api/campaigns/${call.campaign.id}/certificates.zip`)).rawPayload);
    expect(Object.keys(zip.files).some((n) => n.startsWith(cert.number))).toBe(false);
    expect(Object.keys(zip.files)).toHaveLength(2);
  });
});

describe('the design at issue (X-7)', () => {
  it('a certificate keeps the signature caption and issuer it was issued with when the design changes; one issued after prints the new caption', async () => {
    const other = await storyCall(t);
    const hospital = await buildOrganization(t);
    const base = `/api/campaigns/${other.campaign.id}/certificates`;
    const designOf = (signatureCaption: string, issuer: string) => ({ layout: 'classic', issuer, signatureCaption, wording: {} });
    const certs = async () => ok<{ certificates: Cert[] }>(await other.manager.get(base)).certificates;
    const printed = async (cert: Cert) => pdfText((await other.manager.get(`/api/certificates/${cert.id}/pdf`)).rawPayload);
    const zipped = async (cert: Cert) => {
      const zip = await JSZip.loadAsync((await other.manager.get(`${base}.zip`)).rawPayload);
      const file = zip.file(`${cert.number}-${cert.recipient}.pdf`) as JSZip.JSZipObject;
      return pdfText(Buffer.from(await file.async('uint8array')));
    };

    expect((await other.manager.put(`${base}/design`, designOf('大赛组委会（盖章）', '甲省医院管理研究所'))).statusCode).toBe(
      200,
    );
    const first = await storyEntry(t, other, { themeIndex: 0, hospital, title: '落款说明先发的案例' });
    await awardSetWith(t, other.campaign.id, [{ organizationId: hospital.id, entry: first }], 'final');
    expect((await other.manager.post(`${base}/issue`)).json()).toEqual({ issued: 1, existing: 0 });
    const [issued] = (await certs()) as [Cert];
    const anonymous = new Client(t.app);
    const pageBefore = (await anonymous.get(verifyPath(issued))).json();
    expect(pageBefore.issuer).toBe('甲省医院管理研究所');
    const [row] = await t.app.ctx.db.select().from(certificates).where(eq(certificates.id, issued.id));
    expect([row?.signatureCaption, row?.issuer]).toEqual(['大赛组委会（盖章）', '甲省医院管理研究所']);

    expect((await other.manager.put(`${base}/design`, designOf('评审委员会（签章）', '乙省医院管理研究所'))).statusCode).toBe(
      200,
    );
    for (const text of [await printed(issued), await zipped(issued)]) {
      expect(text).toContain('大赛组委会（盖章）');
      expect(text).toContain('甲省医院管理研究所');
      expect(text).not.toContain('评审委员会（签章）');
      expect(text).not.toContain('乙省医院管理研究所');
    }
    expect((await anonymous.get(verifyPath(issued))).json()).toEqual(pageBefore);

    // Issue is one certificate per award not yet certified: an award added to the set later is issued under the
    // design as it is then, and the first certificate is not issued again.
    const second = await storyEntry(t, other, { themeIndex: 1, hospital, title: '落款说明后发的案例' });
    await awardSetWith(t, other.campaign.id, [{ organizationId: hospital.id, entry: second }], 'final');
    expect((await other.manager.post(`${base}/issue`)).json()).toEqual({ issued: 1, existing: 1 });
    const [again, later] = (await certs()) as [Cert, Cert];
    expect(again.number).toBe(issued.number);
    const laterText = await printed(later);
    expect(laterText).toContain('评审委员会（签章）');
    expect(laterText).toContain('乙省医院管理研究所');
    expect(laterText).not.toContain('大赛组委会（盖章）');
    expect((await anonymous.get(verifyPath(later))).json().issuer).toBe('乙省医院管理研究所');
    expect(await printed(issued)).toContain('大赛组委会（盖章）');
  });
});
