/** Strings of the judge judging pages (`judgingJudge`, issue 10). */
export const judgingJudgeZhCN = {
  judgingJudge: {
    title: '专家评审',
  },
};

export type JudgingJudgeResources = typeof judgingJudgeZhCN;
