import type { TStageList } from '@casearena/contract';
import { useQueries } from '@tanstack/react-query';
import { Card, Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCampaigns } from '../../api/campaigns.ts';
import { api } from '../../api/client.ts';
import { useMyJudges } from '../../api/judging-judge.ts';
import { useMe } from '../../api/me.ts';
import { stageKeys } from './stage-api.ts';
import { STATE_COLORS, StageOpen } from './stage-links.tsx';

/**
 * On the judges' 评审 page: the live-final stages this judge sits on, in the calls of their rounds and of the
 * organizers whose pool they are in.
 * Nothing is shown when there are none (most judges never judge a final); a campaign whose list is refused is
 * skipped, not an error on the judge's page.
 */
export function MyStagesCard({ campaignIds }: { campaignIds: readonly string[] }) {
  const { t } = useTranslation();
  const { data: me } = useMe();
  // A stage's judges come from its organizer's pool: the calls of the organizers whose pool the judge is active in
  // are where their stages can be (a final's judges often have no open round in that call).
  const pools = useMyJudges(me?.user.id ?? null);
  const campaigns = useCampaigns();
  const organizers = new Set((pools.data?.items ?? []).filter((j) => j.status === 'active').map((j) => j.organizer.id));
  const fromPools = (organizers.size > 0 ? (campaigns.data?.items ?? []) : [])
    .filter((c) => organizers.has(c.organizer.id))
    .map((c) => c.id);
  const lists = useQueries({
    queries: [...new Set([...campaignIds, ...fromPools])].map((campaignId) => ({
      queryKey: stageKeys.list(campaignId),
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        api<TStageList>('GET', `/api/campaigns/${encodeURIComponent(campaignId)}/stages`, undefined, signal),
      retry: false,
    })),
  });
  const mine = lists.flatMap((q) => q.data?.stages ?? []).filter((s) => s.role === 'judge');
  if (mine.length === 0) return null;
  return (
    <Card title={t('stage.list.mine')} data-testid="my-stages">
      <Flex vertical gap={8}>
        <Typography.Text type="secondary">{t('stage.list.mineHint')}</Typography.Text>
        {mine.map((s) => (
          <Flex key={s.id} justify="space-between" align="center" gap={8} wrap="wrap" data-testid={`my-stage-${s.id}`}>
            <Flex vertical gap={0} style={{ minWidth: 0 }}>
              <Typography.Text strong>{s.label}</Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                {s.themeLabel}
              </Typography.Text>
            </Flex>
            <Flex gap={8} align="center">
              <Tag color={STATE_COLORS[s.state]}>{t(`stage.states.${s.state}`)}</Tag>
              <StageOpen stage={s} />
            </Flex>
          </Flex>
        ))}
      </Flex>
    </Card>
  );
}
