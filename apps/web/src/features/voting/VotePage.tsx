import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Input, List, Spin, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { useCampaign, usePublicEntries } from '../../api/campaigns.ts';
import { useVoteRules } from '../../api/voting.ts';
import { useLang } from '../../i18n/index.ts';
import { Leaderboard } from './Leaderboard.tsx';
import { windowRanges } from './refusal-text.ts';
import { hasVoting, type VotingStage, votingStage } from './voting-campaign.ts';

const STAGE_COLORS = { upcoming: 'blue', open: 'green', closed: 'default' } as const satisfies Record<VotingStage, string>;

/** Search by case name, hospital or entry number: the public entry search the campaign page uses (S0-8, S0-14). */
function VoteSearchResults({ campaignId, q, onClear }: { campaignId: string; q: string; onClear: () => void }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const { data, isFetching } = usePublicEntries(campaignId, { q, page });
  return (
    <Card
      title={t('voting.searchResults')}
      extra={
        <Button type="link" onClick={onClear} data-testid="vote-search-clear">
          {t('voting.clearSearch')}
        </Button>
      }
      styles={{ body: { paddingBlock: 4 } }}
    >
      <List
        loading={isFetching}
        locale={{ emptyText: t('voting.noMatch') }}
        dataSource={data?.items ?? []}
        pagination={
          (data?.total ?? 0) > 20
            ? { current: page, pageSize: 20, total: data?.total ?? 0, onChange: setPage, showSizeChanger: false, size: 'small' }
            : false
        }
        renderItem={(e) => (
          <List.Item style={{ paddingInline: 0 }}>
            <Link
              to={`/campaigns/${encodeURIComponent(campaignId)}/entries/${encodeURIComponent(e.id)}`}
              data-testid={`vote-search-result-${e.id}`}
              style={{ display: 'flex', gap: 12, alignItems: 'center', width: '100%', color: 'inherit' }}
            >
              <Flex vertical style={{ minWidth: 0, flex: 1 }}>
                <Typography.Text strong style={{ overflowWrap: 'anywhere' }}>
                  <Tag>{e.number}</Tag>
                  {e.title}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                  {e.organization} · {e.theme.code} {e.theme.title}
                </Typography.Text>
              </Flex>
              <Typography.Link style={{ flex: 'none' }}>{t('voting.toVote')}</Typography.Link>
            </Link>
          </List.Item>
        )}
      />
    </Card>
  );
}

/** `/campaigns/:campaignId/vote?theme=`: the public voting page (phone first): search, theme tabs, leaderboards. */
export function VotePage() {
  const { campaignId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const { t } = useTranslation();
  const lang = useLang();
  const campaign = useCampaign(campaignId);
  const rules = useVoteRules(campaignId);
  const [q, setQ] = useState(params.get('q') ?? '');
  if (campaign.isPending) return <Spin size="large" style={{ display: 'block', margin: '64px auto' }} />;
  if (campaign.isError) return <Alert type="error" showIcon title={campaign.error.message} />;
  const c = campaign.data;
  const back = (
    <Link to={`/campaigns/${encodeURIComponent(c.id)}`} data-testid="vote-back">
      <ArrowLeftOutlined /> {t('voting.back')}
    </Link>
  );
  if (!hasVoting(c) || rules.data?.rules.enabled === false)
    return (
      <Flex vertical gap={16}>
        {back}
        <Alert type="info" showIcon title={t('voting.notEnabled')} data-testid="voting-not-enabled" />
      </Flex>
    );
  const votable = rules.data?.rules.themeIds ?? [];
  const themes = votable.length > 0 ? c.themes.filter((th) => votable.includes(th.id)) : c.themes;
  const requested = params.get('theme');
  const themeId = themes.find((th) => th.id === requested)?.id ?? themes[0]?.id;
  const windows = rules.data?.windows ?? c.phases.filter((p) => p.capabilities.includes('canVote'));
  const weights = rules.data?.rules.weights;
  const stage = votingStage(c);
  const search = (v: string) => {
    const next = v.trim();
    setQ(next);
    setParams(
      (p) => {
        if (next) p.set('q', next);
        else p.delete('q');
        return p;
      },
      { replace: true },
    );
  };

  return (
    <Flex vertical gap={12} style={{ maxWidth: 920, width: '100%', margin: '0 auto' }}>
      {back}
      <div>
        <Flex align="center" gap={8} wrap="wrap">
          <Typography.Title level={3} style={{ margin: 0 }} data-testid="vote-page-title">
            {t('voting.publicVoting')}
          </Typography.Title>
          <Tag color={STAGE_COLORS[stage]} data-testid="vote-stage" data-stage={stage}>
            {t(`voting.stages.${stage}`)}
          </Tag>
        </Flex>
        <Typography.Text type="secondary" style={{ overflowWrap: 'anywhere' }} data-testid="vote-page-campaign">
          {c.title}
        </Typography.Text>
        {windows.length > 0 ? (
          <Typography.Paragraph strong style={{ margin: '8px 0 0' }} data-testid="vote-windows">
            {t('voting.windows', { ranges: windowRanges(windows, lang) })}
          </Typography.Paragraph>
        ) : null}
        {weights ? (
          <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0', fontSize: 13 }} data-testid="vote-weights">
            {t('voting.weightsHint', weights)}
          </Typography.Paragraph>
        ) : null}
      </div>
      <Input.Search
        allowClear
        size="large"
        enterButton
        defaultValue={q}
        placeholder={t('voting.search')}
        aria-label={t('voting.search')}
        onSearch={search}
        data-testid="vote-search-input"
      />
      {q ? <VoteSearchResults key={q} campaignId={c.id} q={q} onClear={() => search('')} /> : null}
      <Card styles={{ body: { paddingTop: 4 } }} title={t('voting.leaderboard')}>
        <Tabs
          activeKey={themeId}
          onChange={(key) =>
            setParams(
              (p) => {
                p.set('theme', key);
                return p;
              },
              { replace: true },
            )
          }
          destroyOnHidden
          data-testid="vote-theme-tabs"
          items={themes.map((th) => ({
            key: th.id,
            label: <span data-testid={`vote-theme-${th.id}`}>{`${th.code} ${th.title}`}</span>,
            children: <Leaderboard campaignId={c.id} themeId={th.id} />,
          }))}
        />
      </Card>
    </Flex>
  );
}
