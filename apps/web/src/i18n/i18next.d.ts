import 'i18next';
import type { AwardsResources } from './awards.zh-CN.ts';
import type { EntriesResources } from './entries.zh-CN.ts';
import type { JudgingJudgeResources } from './judging-judge.zh-CN.ts';
import type { JudgingOrganizerResources } from './judging-organizer.zh-CN.ts';
import type { JudgingRoundResources } from './judging-round.zh-CN.ts';
import type { OrganizerResources } from './organizer.zh-CN.ts';
import type { OutboxResources } from './outbox.zh-CN.ts';
import type { StageResources } from './stage.zh-CN.ts';
import type { VotingResources } from './voting.zh-CN.ts';
import type { VotingDashboardResources } from './voting-dashboard.zh-CN.ts';
import type { Resources } from './zh-CN.ts';

// Typed keys: a misspelt t('...') key fails the type check instead of showing the key to users.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: {
      translation: Resources &
        OrganizerResources &
        EntriesResources &
        OutboxResources &
        VotingResources &
        VotingDashboardResources &
        JudgingJudgeResources &
        JudgingOrganizerResources &
        JudgingRoundResources &
        StageResources &
        AwardsResources;
    };
  }
}
