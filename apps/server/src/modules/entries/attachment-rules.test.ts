import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp } from '../../../test/app.ts';
import { applicantOf, publishedCampaign } from '../../../test/entries.ts';
import { buildOrganization } from '../../../test/factories.ts';
import { buildMp4, ftyp } from '../../../test/mp4s.ts';
import { buildDeck, GOOD_DECK } from '../../../test/pptx.ts';
import { uploadFile } from '../../../test/tus.ts';
import { bigBomb, buildZip, presentationParts, zeroPart } from '../../../test/zips.ts';

let t: TestApp;
let campaignId: string;
let themeIds: string[];
let themeIndex = 0;

beforeAll(async () => {
  t = await startTestApp();
  t.clock.set('2022-01-10T02:00:00.000Z'); // during submission
  const setup = await publishedCampaign(t);
  campaignId = setup.campaign.id;
  themeIds = setup.campaign.themes.map((th) => th.id);
  // Starting an app with a fresh database takes long on a loaded machine; the default hook timeout is too short.
}, 180_000);
afterAll(() => t.close());

async function draft(): Promise<{ client: Client; entryId: string }> {
  const org = await buildOrganization(t);
  const { client } = await applicantOf(t, org.id);
  const entry = (
    await client.post(`/api/campaigns/${campaignId}/entries`, { themeId: themeIds[themeIndex++ % 10], title: '日间手术中心建设' })
  ).json();
  return { client, entryId: entry.id };
}

const attachments = async (client: Client, entryId: string) => (await client.get(`/api/entries/${entryId}`)).json().attachments;
const errorOf = (res: { statusCode: number; json: () => { error: { code: string; message: string } } }) => [
  res.statusCode,
  res.json().error.code,
  res.json().error.message,
];

describe('attachment rules over HTTP: archive limits, S0-4 and S0-5 from the template (issue 7 #4, #10; issue 8 #8)', () => {
  it('issue 7 #4: a 4.7 GiB presentation bomb is refused with 422 ARCHIVE_TOO_LARGE, not a 500; the slot stays empty', async () => {
    const { client, entryId } = await draft();
    const res = await uploadFile(client, entryId, 'ppt', bigBomb(), 'bomb.pptx', 1024 * 1024);
    expect(errorOf(res)).toEqual([
      422,
      'ARCHIVE_TOO_LARGE',
      '文件已拒收：其中“ppt/media/image1.png”解压后为 963 MB，单个部分不能超过 256 MB',
    ]);
    const forged = buildZip([...presentationParts(), zeroPart('ppt/media/image1.png', 200, 4096)]);
    const lie = await uploadFile(client, entryId, 'ppt', forged, 'forged.pptx', 1024 * 1024);
    expect([lie.statusCode, lie.json().error.code, lie.json().error.params.rule]).toEqual([422, 'ARCHIVE_TOO_LARGE', 'mismatch']);
    expect(await attachments(client, entryId)).toEqual([]);
    // The next honest file goes through.
    expect((await uploadFile(client, entryId, 'ppt', await buildDeck(GOOD_DECK), '案例.pptx')).statusCode).toBe(200);
  });

  it('S0-4 seed 000 refuses a PPT without the template’s copyright page with 422 FILE_RULES_FAILED', async () => {
    const { client, entryId } = await draft();
    const deck = await buildDeck(GOOD_DECK.slice(1));
    const res = await uploadFile(client, entryId, 'ppt', deck, '案例.pptx');
    expect(errorOf(res)).toEqual([
      422,
      'FILE_RULES_FAILED',
      '文件不符合本活动的要求：未找到含“版权”的版权声明页，请保留模板中的版权声明页',
    ]);
    expect(await attachments(client, entryId)).toEqual([]);
  });

  it('S0-4 warnings are kept with the attachment: animated slides and small text by slide number, missing parts', async () => {
    const { client, entryId } = await draft();
    const slides = GOOD_DECK.slice(0, 4).map((s, i) => ({ ...s, animated: i === 1, pt: i === 3 ? 12 : 18 }));
    const res = await uploadFile(client, entryId, 'ppt', await buildDeck(slides), '案例.pptx');
    expect(res.statusCode).toBe(200);
    const [a] = await attachments(client, entryId);
    expect(a.pptx).toEqual({ slides: 4, copyrightPage: true, animatedSlides: 1 });
    expect(a.checks.problems).toEqual([
      { rule: 'noAnimations', level: 'warn', slides: [2] },
      { rule: 'minFontPt', level: 'warn', slides: [4], limit: 14, found: 12 },
      { rule: 'requiredParts', level: 'warn', missing: ['量化效果与价值（2~3页）', '经验总结或注意事项（1~2页）'] },
    ]);
  });

  it('S0-5 a 16:9 720p video of 2 minutes is kept with its facts; 4 minutes is refused with the length found', async () => {
    const { client, entryId } = await draft();
    const good = buildMp4({ width: 1280, height: 720, seconds: 120 }, { moovLast: true, mediaBytes: 200_000 });
    expect((await uploadFile(client, entryId, 'video', good, '短视频.mp4')).statusCode).toBe(200);
    const [video] = await attachments(client, entryId);
    expect([video.type, video.checks]).toEqual([
      'video/mp4',
      { kind: 'mp4', durationSeconds: 120, width: 1280, height: 720, codec: 'avc1.64001f', problems: [] },
    ]);
    const long = buildMp4({ width: 1280, height: 720, seconds: 240 });
    expect(errorOf(await uploadFile(client, entryId, 'video', long, '长视频.mp4'))).toEqual([
      422,
      'FILE_RULES_FAILED',
      '文件不符合本活动的要求：视频时长 240 秒，超过 180 秒',
    ]);
  });

  it('issue 7 #10: a QuickTime movie and a HEIC photo are not MP4 and are refused with 415', async () => {
    const { client, entryId } = await draft();
    const mov = buildMp4({ width: 1920, height: 1080, seconds: 30 }, { major: 'qt  ', compatible: ['qt  '] });
    const heic = Buffer.concat([ftyp('heic', ['mif1', 'heic']), Buffer.alloc(2000)]);
    for (const [bytes, name] of [
      [mov, 'iphone.mp4'],
      [heic, 'photo.mp4'],
    ] as const) {
      const res = await uploadFile(client, entryId, 'video', bytes, name);
      expect([res.statusCode, res.json().error.code]).toEqual([415, 'FILE_TYPE_NOT_ALLOWED']);
    }
  });
});
