import type { JudgingJudgeResources } from './judging-judge.zh-CN.ts';

export const judgingJudgeEn: JudgingJudgeResources = {
  judgingJudge: {
    title: 'Expert review',
  },
};
