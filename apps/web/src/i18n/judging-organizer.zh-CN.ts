/** Strings of the organizer judging pages (`judgingOrganizer`, issue 10). */
export const judgingOrganizerZhCN = {
  judgingOrganizer: {
    title: '评审管理',
  },
};

export type JudgingOrganizerResources = typeof judgingOrganizerZhCN;
