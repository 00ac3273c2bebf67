import type { RoundStatus } from '@casearena/contract';
import { Alert, Button, Flex, Skeleton, Tabs, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { useRoundRanking } from '../../../api/judging-round.ts';
import { useLang } from '../../../i18n/index.ts';
import { AssignmentTab } from './round/AssignmentTab.tsx';
import { ProgressTab } from './round/ProgressTab.tsx';
import { RankingTab } from './round/RankingTab.tsx';
import { ResultsTab } from './round/ResultsTab.tsx';
import { roundErrorText } from './round/round-errors.ts';

const TABS = ['assign', 'progress', 'ranking', 'results'] as const;
type TabKey = (typeof TABS)[number];
const isTab = (v: string | null): v is TabKey => (TABS as readonly (string | null)[]).includes(v);

export const ROUND_STATUS_COLORS = {
  draft: 'default',
  open: 'processing',
  closed: 'warning',
  frozen: 'success',
} as const satisfies Record<RoundStatus, string>;

/**
 * The organizer's page of one judging round (issue 10 items 3, 5-7): assign judges (plan -> preview -> apply),
 * watch the panel's progress, read the ranking with its breakdowns and panel quality, then freeze and publish the
 * results. The tab sits in the address so a reload or a shared link opens the same one.
 */
export function RoundPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const navigate = useNavigate();
  const { roundId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const tabParam = params.get('tab');
  const tab: TabKey = isTab(tabParam) ? tabParam : 'assign';
  // The ranking carries the round's label, status and formula: the header reads it rather than a round route.
  const ranking = useRoundRanking(roundId);
  const round = ranking.data;

  return (
    <Flex vertical gap={16} style={{ minWidth: 0 }} data-testid="round-page">
      <Flex align="center" gap={8} wrap>
        <Button type="link" style={{ paddingInline: 0 }} onClick={() => navigate(-1)}>
          ← {t('judgingRound.back')}
        </Button>
      </Flex>
      {ranking.isPending ? (
        <Skeleton active paragraph={{ rows: 1 }} />
      ) : ranking.isError ? (
        <Alert type="error" showIcon title={roundErrorText(ranking.error, lang)} data-testid="round-load-error" />
      ) : (
        <Flex align="center" gap={8} wrap>
          <Typography.Title level={3} style={{ margin: 0 }} data-testid="round-title">
            {round?.label ?? t('judgingRound.title')}
          </Typography.Title>
          {round ? (
            <Tag color={ROUND_STATUS_COLORS[round.status]} data-testid="round-status">
              {t(`judgingRound.status.${round.status}`)}
            </Tag>
          ) : null}
        </Flex>
      )}
      <Tabs
        activeKey={tab}
        onChange={(key) =>
          setParams(
            (p) => {
              p.set('tab', key);
              return p;
            },
            { replace: true },
          )
        }
        destroyOnHidden
        items={[
          { key: 'assign', label: t('judgingRound.tabs.assign'), children: <AssignmentTab roundId={roundId} /> },
          { key: 'progress', label: t('judgingRound.tabs.progress'), children: <ProgressTab roundId={roundId} /> },
          { key: 'ranking', label: t('judgingRound.tabs.ranking'), children: <RankingTab roundId={roundId} /> },
          { key: 'results', label: t('judgingRound.tabs.results'), children: <ResultsTab roundId={roundId} /> },
        ]}
      />
    </Flex>
  );
}
