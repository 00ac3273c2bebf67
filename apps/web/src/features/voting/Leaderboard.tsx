import type { TLeaderboard } from '@casearena/contract';
import { Alert, Flex, List, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useLeaderboard } from '../../api/voting.ts';
import { useLang } from '../../i18n/index.ts';

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
  const board = useLeaderboard(campaignId, themeId);
  if (board.isError) return <Alert type="warning" showIcon title={board.error.message} data-testid="leaderboard-error" />;
  const data: TLeaderboard | undefined = board.data;
  return (
    <>
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
    </>
  );
}
