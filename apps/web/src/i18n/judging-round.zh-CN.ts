/** Strings of the organizer's round page: assignment, progress, ranking, results (`judgingRound`, issue 10). */
export const judgingRoundZhCN = {
  judgingRound: {
    title: '评审轮次',
  },
};

export type JudgingRoundResources = typeof judgingRoundZhCN;
