import type { JudgingRoundResources } from './judging-round.zh-CN.ts';

export const judgingRoundEn: JudgingRoundResources = {
  judgingRound: {
    title: 'Judging round',
  },
};
