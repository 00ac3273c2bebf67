import { describe, expect, it } from 'vitest';
import { errorMessage, LOCALES } from './errors.ts';
import { NOTICE_IDS, NOTICE_PARAMS, NOTICES, renderNotice, renderStoredNotice, sentence, systemReason } from './notices.ts';

describe('server text catalogue (issue 8 item 6)', () => {
  it('has a zh-CN and an en rendering with a title and a body for every notice id, and a params schema', () => {
    expect(NOTICE_IDS).toEqual(Object.keys(NOTICES));
    for (const id of NOTICE_IDS) {
      expect(Object.keys(NOTICES[id]).sort()).toEqual([...LOCALES].sort());
      expect(NOTICE_PARAMS[id].shape).toBeTypeOf('object');
    }
  });

  it('renders Chinese text in zh-CN and no Chinese in en for sample params of every id', () => {
    const samples = {
      'certification.approved': { name: 'Li Lei', kind: 'institution' },
      'certification.rejected': { name: 'Li Lei', kind: 'professional', reason: 'blurred photo' },
      'membership.invited': { name: 'Li Lei', inviter: 'Han Meimei', organization: 'Union Hospital' },
      'password.resetCode': { code: '123456', minutes: 15 },
      'entry.passed': { title: 'Fewer falls', number: 'A-001' },
      'entry.returned': { title: 'Fewer falls', number: 'A-001', reasons: 'too short', suggestions: null, deadline: null },
      'entry.excluded': { title: 'Fewer falls', number: 'A-001', reasons: 'off topic' },
      'entry.expired': { title: 'Fewer falls', number: 'A-001' },
      'judge.invited': { name: 'Li Lei', organizer: 'Health Daily', inviter: 'Han Meimei', link: 'https://x.test/j/abc' },
      'judge.deadlineReminder': { name: 'Li Lei', round: 'Preliminary', pending: 2, deadline: '2026-03-31T15:59:59.000Z' },
      'objection.received': { name: 'Li Lei', campaign: 'Season 7', entry: 'Fewer falls' },
      'objection.filed': { name: 'Han Meimei', objector: 'Li Lei', campaign: 'Season 7', entry: 'Fewer falls' },
      'objection.infoRequested': { name: 'Li Lei', campaign: 'Season 7', entry: 'Fewer falls', reason: 'send the ward log' },
      'objection.upheld': { name: 'Li Lei', campaign: 'Season 7', entry: 'Fewer falls', reason: 'data copied' },
      'objection.dismissed': { name: 'Li Lei', campaign: 'Season 7', entry: 'Fewer falls', reason: 'no evidence' },
    } as const;
    expect(Object.keys(samples).sort()).toEqual([...NOTICE_IDS].sort());
    for (const id of NOTICE_IDS) {
      const params = NOTICE_PARAMS[id].parse(samples[id]);
      const zh = renderStoredNotice(id, params, 'zh-CN');
      const en = renderStoredNotice(id, params, 'en');
      expect(`${zh?.subject}${zh?.body}`, id).toMatch(/[\u4e00-\u9fff]/u);
      expect(`${en?.subject}${en?.body}`, id).not.toMatch(/[\u4e00-\u9fff]/u);
      expect(zh?.subject.startsWith('CaseArena 案例擂台：'), id).toBe(true);
      expect(en?.subject.startsWith('CaseArena: '), id).toBe(true);
    }
  });

  it('ends an interpolated sentence exactly once', () => {
    expect(sentence('资料不全。', 'zh-CN')).toBe('资料不全。');
    expect(sentence('资料不全', 'zh-CN')).toBe('资料不全。');
    expect(sentence('资料不全。。 ', 'zh-CN')).toBe('资料不全。');
    expect(sentence('Photo blurred.', 'zh-CN')).toBe('Photo blurred。');
    expect(sentence('资料不全。', 'en')).toBe('资料不全.');
    expect(sentence('是否是本人？', 'zh-CN')).toBe('是否是本人？');
    expect(sentence('Is it you?', 'en')).toBe('Is it you?');
  });

  it('a rejection whose reason ends with 。 reads one 。 in zh-CN and one full stop in en', () => {
    const p = { name: '张三', kind: 'institution', reason: '执业许可证照片不清晰。' } as const;
    expect(renderNotice('certification.rejected', p, 'zh-CN')).toEqual({
      title: '机构认证未通过',
      subject: 'CaseArena 案例擂台：机构认证未通过',
      body: '张三，您好：您的机构认证申请未通过审核。原因：执业许可证照片不清晰。请修改后重新提交。',
    });
    expect(renderNotice('certification.rejected', p, 'en')).toEqual({
      title: 'Institution certification not approved',
      subject: 'CaseArena: Institution certification not approved',
      body: 'Hello 张三, your request for institution certification was not approved. Reason: 执业许可证照片不清晰. Please correct it and submit it again.',
    });
  });

  it('a return names the deadline in Beijing time and does not double the reasons’ or suggestions’ stops', () => {
    const p = {
      title: '降低跌倒率',
      number: 'A-007',
      reasons: '数据不完整。',
      suggestions: '补充对照组数据。',
      deadline: '2026-03-15T15:59:00.000Z',
    };
    expect(renderNotice('entry.returned', p, 'zh-CN').body).toBe(
      '您申报的案例“降低跌倒率”（A-007）需要修改：数据不完整。修改建议：补充对照组数据。请在 2026-03-15 23:59（北京时间）前修改并重新提交。',
    );
    expect(renderNotice('entry.returned', { ...p, reasons: 'Data missing.', suggestions: null }, 'en').body).toBe(
      'Your case “降低跌倒率” (A-007) needs changes: Data missing. Please correct it and submit it again before 2026-03-15 23:59 (Beijing time).',
    );
  });

  it('an unknown id or params that no longer fit render nothing, so the stored text is shown', () => {
    expect(renderStoredNotice('entry.nope', {}, 'en')).toBeNull();
    expect(renderStoredNotice(null, {}, 'en')).toBeNull();
    expect(renderStoredNotice('entry.passed', { title: 1 }, 'en')).toBeNull();
  });

  it('file-content reasons render per locale, with the type list joined for the language', () => {
    expect(errorMessage('FILE_CONTENT_INVALID', 'zh-CN', { kind: 'PPTX、PPT', rule: 'wordNotSlides' })).toBe(
      '文件内容无法识别为 PPTX、PPT：这是 Word 文档，不是演示文稿',
    );
    expect(errorMessage('FILE_CONTENT_INVALID', 'en', { kind: 'PPTX、PPT', rule: 'wordNotSlides' })).toBe(
      'The file is not a valid PPTX / PPT: this is a Word document, not a presentation',
    );
    expect(errorMessage('FILE_TYPE_NOT_ALLOWED', 'en', { allowed: 'PPTX、PPT' })).toBe(
      'File type not allowed: only PPTX / PPT accepted',
    );
  });
});

describe('reasons the server gives itself', () => {
  it('shows the stored correction-expired reason in the reader’s language and a screener’s text as written', () => {
    expect(systemReason('逾期未修改，按规定不进入正式评审', 'en')).toBe(
      'not corrected by the deadline, so under the rules it does not go on to the formal review',
    );
    expect(systemReason('逾期未修改，按规定不进入正式评审', 'zh-CN')).toBe('逾期未修改，按规定不进入正式评审');
    expect(systemReason('与主题无关', 'en')).toBe('与主题无关');
    expect(renderNotice('entry.expired', { title: '降低跌倒率', number: null }, 'zh-CN').body).toBe(
      '您申报的案例“降低跌倒率”未在修改期限内重新提交，逾期未修改，按规定不进入正式评审。',
    );
  });
});
