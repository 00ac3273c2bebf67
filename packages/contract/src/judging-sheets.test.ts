import { describe, expect, it } from 'vitest';
import { checkSheet, decimalsOf, type SheetSpecRules } from './judging-sheets.ts';

// Seed 001 §三(二): five criteria, 20 points each; one allows quarter points, one asks for a comment.
const spec: SheetSpecRules = {
  criteria: [
    { key: 'demonstration', max: 20, decimals: 2 },
    { key: 'deployment', max: 20, decimals: 1 },
    { key: 'potential', max: 20, decimals: 0 },
    { key: 'innovation', max: 20, decimals: 0, commentRequired: true },
    { key: 'value', max: 20, decimals: 0 },
  ],
};
const full = { demonstration: 8.25, deployment: 15.5, potential: 20, innovation: 0, value: 12 };

describe('decimalsOf: decimals as typed, not as stored in binary', () => {
  it('X-4 counts 8.25 as 2 decimals and 8.255 as 3 although neither is exact in binary', () => {
    expect([decimalsOf(8.25), decimalsOf(8.255), decimalsOf(20), decimalsOf(0.1), decimalsOf(1e-7), decimalsOf(1e21)]).toEqual([
      2, 3, 0, 1, 7, 0,
    ]);
    expect(decimalsOf(0.1 + 0.2)).toBe(17);
  });
});

describe('checkSheet (X-4: a precise refusal for each bad score)', () => {
  it('X-4 accepts a complete sheet with 8.25 at 2 decimals and the bounds 0 and max', () => {
    expect(checkSheet(spec, { scores: full, comment: '创新性突出' }, 'submit')).toEqual([]);
  });

  it('X-4 a draft may miss scores and the required comment; the submit names each missing one in sheet order', () => {
    const sheet = { scores: { demonstration: 8.25, potential: null } };
    expect(checkSheet(spec, sheet, 'draft')).toEqual([]);
    expect(checkSheet(spec, sheet, 'submit')).toEqual([
      { code: 'SCORE_MISSING', params: { criterion: 'deployment' } },
      { code: 'SCORE_MISSING', params: { criterion: 'potential' } },
      { code: 'SCORE_MISSING', params: { criterion: 'innovation' } },
      { code: 'SCORE_MISSING', params: { criterion: 'value' } },
      { code: 'COMMENT_REQUIRED', params: { criterion: 'innovation' } },
    ]);
  });

  it('X-4 refuses scores below 0 or above the criterion maximum, in a draft too, with the range', () => {
    expect(checkSheet(spec, { scores: { demonstration: -0.25, value: 20.5, potential: 21 } }, 'draft')).toEqual([
      { code: 'SCORE_OUT_OF_RANGE', params: { criterion: 'demonstration', min: 0, max: 20 } },
      { code: 'SCORE_OUT_OF_RANGE', params: { criterion: 'potential', min: 0, max: 20 } },
      { code: 'SCORE_OUT_OF_RANGE', params: { criterion: 'value', min: 0, max: 20 } },
    ]);
  });

  it('X-4 refuses more decimals than the criterion allows: 8.255 at 2, 15.25 at 1, 7.5 at 0', () => {
    expect(checkSheet(spec, { scores: { demonstration: 8.255, deployment: 15.25, potential: 7.5 } }, 'draft')).toEqual([
      { code: 'SCORE_TOO_PRECISE', params: { criterion: 'demonstration', decimals: 2 } },
      { code: 'SCORE_TOO_PRECISE', params: { criterion: 'deployment', decimals: 1 } },
      { code: 'SCORE_TOO_PRECISE', params: { criterion: 'potential', decimals: 0 } },
    ]);
  });

  it('X-4 refuses a score for a criterion the sheet does not have, and a non-finite number', () => {
    expect(checkSheet(spec, { scores: { teamwork: 5, value: Number.NaN } }, 'draft')).toEqual([
      { code: 'VALIDATION_FAILED', params: { field: 'scores.teamwork', reason: 'UNKNOWN_FIELD' } },
      { code: 'SCORE_OUT_OF_RANGE', params: { criterion: 'value', min: 0, max: 20 } },
    ]);
  });

  it('X-4 the sheet-wide required comment: blank or whitespace is missing on submit, fine in a draft', () => {
    const wide: SheetSpecRules = { criteria: [{ key: 'total', max: 100, decimals: 1 }], commentRequired: true };
    expect(checkSheet(wide, { scores: { total: 88.5 }, comment: '  ' }, 'draft')).toEqual([]);
    expect(checkSheet(wide, { scores: { total: 88.5 }, comment: '  ' }, 'submit')).toEqual([
      { code: 'COMMENT_REQUIRED', params: { criterion: '' } },
    ]);
    expect(checkSheet(wide, { scores: { total: 88.5 }, comment: '整体规范' }, 'submit')).toEqual([]);
  });

  it('X-4 a recommendation must be one the round offers, and is asked for on submit when it offers some', () => {
    const rec: SheetSpecRules = { criteria: [{ key: 'total', max: 100, decimals: 0 }], recommendation: ['推荐', '不推荐'] };
    expect(checkSheet(rec, { scores: { total: 90 }, recommendation: '强烈推荐' }, 'draft')).toEqual([
      { code: 'VALIDATION_FAILED', params: { field: 'recommendation', reason: 'INVALID_CHOICE' } },
    ]);
    expect(checkSheet(rec, { scores: { total: 90 } }, 'draft')).toEqual([]);
    expect(checkSheet(rec, { scores: { total: 90 } }, 'submit')).toEqual([
      { code: 'VALIDATION_FAILED', params: { field: 'recommendation', reason: 'REQUIRED' } },
    ]);
    expect(checkSheet(rec, { scores: { total: 90 }, recommendation: '推荐' }, 'submit')).toEqual([]);
    expect(checkSheet(spec, { scores: full, comment: 'x', recommendation: '推荐' }, 'submit')).toEqual([
      { code: 'VALIDATION_FAILED', params: { field: 'recommendation', reason: 'INVALID_CHOICE' } },
    ]);
  });
});
