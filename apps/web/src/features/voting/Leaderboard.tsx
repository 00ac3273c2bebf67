import type { TLeaderboard } from '@casearena/contract';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Flex, List, Tag, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useLeaderboard, votingKeys } from '../../api/voting.ts';
import { useLang } from '../../i18n/index.ts';
import { applyCount } from './leaderboard-live.ts';
import { useVoteStream } from './use-vote-stream.ts';

/** Rows per step of "show more"; the server answers at most 200 at once. */
const PAGE = 50;
const MAX = 200;

const MEDALS = ['#d4a017', '#9e9e9e', '#b87333'];

function RankBadge({ rank }: { rank: number }) {
  const medal = MEDALS[rank - 1];
  return (
    <span
      style={{
        display: 'inline-flex',
        alignItems: 'center',
        justifyContent: 'center',
        minWidth: 32,
        height: 32,
        borderRadius: 16,
        fontWeight: 700,
        color: medal ? '#fff' : '#595959',
        background: medal ?? '#f0f0f0',
        flex: 'none',
      }}
    >
      {rank}
    </span>
  );
}

/** One theme's leaderboard: rank, title, hospital, weighted total; each row opens the entry's page with its card. */
export function Leaderboard({ campaignId, themeId }: { campaignId: string; themeId: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const queryClient = useQueryClient();
  const [limit, setLimit] = useState(PAGE);
  const key = votingKeys.leaderboardPage(campaignId, themeId, limit);
  // A count for an entry shown moves its row; one for an entry below the rows shown reloads them (coalesced).
  const reloadSoon = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(reloadSoon.current), []);
  const stream = useVoteStream(campaignId, { themeId }, (event) => {
    const old = queryClient.getQueryData<TLeaderboard>(key);
    const next = old ? applyCount(old, event) : null;
    if (next) queryClient.setQueryData(key, next);
    else if (reloadSoon.current === undefined)
      reloadSoon.current = setTimeout(() => {
        reloadSoon.current = undefined;
        void queryClient.invalidateQueries({ queryKey: votingKeys.leaderboard(campaignId, themeId) });
      }, 1000);
  });
  const board = useLeaderboard(campaignId, themeId, limit, !stream.live);
  if (board.isError) return <Alert type="warning" showIcon title={board.error.message} data-testid="leaderboard-error" />;
  const data: TLeaderboard | undefined = board.data;
  return (
    <>
      {stream.live && data?.countsShown ? (
        <Tag color="green" data-testid="leaderboard-live" style={{ marginBottom: 8 }}>
          {t('voting.live')}
        </Tag>
      ) : null}
      {data && !data.countsShown ? (
        <Typography.Paragraph type="secondary" data-testid="leaderboard-counts-hidden">
          {t('voting.countHidden')}
        </Typography.Paragraph>
      ) : null}
      <List
        loading={board.isPending}
        data-testid="leaderboard"
        locale={{ emptyText: t('voting.noRows') }}
        dataSource={data?.rows ?? []}
        renderItem={(r) => (
          <List.Item data-testid={`leaderboard-row-${r.entryId}`} style={{ paddingInline: 0 }}>
            <Link
              to={`/campaigns/${encodeURIComponent(campaignId)}/entries/${encodeURIComponent(r.entryId)}`}
              style={{ display: 'flex', gap: 12, alignItems: 'center', width: '100%', color: 'inherit' }}
              data-testid={`leaderboard-link-${r.entryId}`}
            >
              {data?.countsShown ? <RankBadge rank={r.rank} /> : null}
              <Flex vertical style={{ minWidth: 0, flex: 1 }}>
                <Typography.Text strong style={{ overflowWrap: 'anywhere' }}>
                  {r.title}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                  {r.number} · {r.organizationName}
                </Typography.Text>
              </Flex>
              {data?.countsShown ? (
                <Flex vertical align="end" style={{ flex: 'none' }}>
                  <span
                    data-testid={`leaderboard-weight-${r.entryId}`}
                    style={{ fontSize: 18, fontWeight: 700, color: '#0f6cbd', fontVariantNumeric: 'tabular-nums' }}
                  >
                    {r.weight.toLocaleString(lang)}
                  </span>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('voting.weight')}
                  </Typography.Text>
                </Flex>
              ) : null}
            </Link>
          </List.Item>
        )}
      />
      {data && data.rows.length === limit && limit < MAX ? (
        <Button
          block
          onClick={() => setLimit((n) => Math.min(n + PAGE, MAX))}
          loading={board.isFetching}
          data-testid="leaderboard-more"
        >
          {t('voting.more')}
        </Button>
      ) : null}
    </>
  );
}
