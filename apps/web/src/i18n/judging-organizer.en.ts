import type { JudgingOrganizerResources } from './judging-organizer.zh-CN.ts';

export const judgingOrganizerEn: JudgingOrganizerResources = {
  judgingOrganizer: {
    title: 'Judging',
  },
};
