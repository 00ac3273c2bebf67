import { describe, expect, it } from 'vitest';
import { SIMILARITY_LIMIT, similarity } from './similarity.ts';

describe('similarity of two cases (S2-3)', () => {
  it('is 1 for the same text, high for a light rewording, low for another case', () => {
    const a = '老年患者出入院一站式服务中心建设：整合入院登记、医保审核和费用结算';
    expect(similarity(a, a)).toBe(1);
    expect(similarity(a, a.replace('建设', '的建设').replace('和', '与'))).toBeGreaterThanOrEqual(SIMILARITY_LIMIT);
    expect(similarity(a, '胸痛中心区域协同救治网络：联合县级医院和120')).toBeLessThan(0.2);
    expect(similarity('', a)).toBe(0);
  });
});
