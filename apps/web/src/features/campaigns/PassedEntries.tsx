import type { TCampaign } from '@casearena/contract';
import { Card, Flex, Input, List, Select, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePublicEntries } from '../../api/campaigns.ts';

/** Entries that passed screening, by theme, searchable by case name, hospital or entry number (S0-8). */
export function PassedEntries({ campaign }: { campaign: TCampaign }) {
  const { t, i18n } = useTranslation();
  const [themeId, setThemeId] = useState<string | undefined>();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const { data, isFetching } = usePublicEntries(campaign.id, { themeId, q, page });
  return (
    <Card title={t('campaigns.passed')}>
      <Flex gap={8} wrap="wrap" style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder={t('campaigns.allThemes')}
          aria-label={t('campaigns.themeFilter')}
          style={{ minWidth: 220, maxWidth: '100%' }}
          value={themeId}
          onChange={(v: string | undefined) => {
            setThemeId(v);
            setPage(1);
          }}
          options={campaign.themes.map((th) => ({ value: th.id, label: `${th.code} ${th.title}` }))}
        />
        <Input.Search
          allowClear
          placeholder={t('campaigns.searchEntries')}
          style={{ width: 320, maxWidth: '100%' }}
          onSearch={(v) => {
            setQ(v);
            setPage(1);
          }}
          data-testid="entry-search-input"
        />
      </Flex>
      {q && data && data.total > 0 ? (
        // A search counts at most 1,000 matches (the server says when it stopped): "1,000+" then.
        <Typography.Paragraph type="secondary" data-testid="entry-search-count">
          {t(data.totalCapped ? 'campaigns.searchFoundCapped' : 'campaigns.searchFound', {
            n: data.total.toLocaleString(i18n.language),
          })}
        </Typography.Paragraph>
      ) : null}
      <List
        loading={isFetching}
        locale={{ emptyText: t(q ? 'campaigns.noMatch' : 'campaigns.noPassed') }}
        dataSource={data?.items ?? []}
        pagination={{
          current: page,
          pageSize: 20,
          total: data?.total ?? 0,
          onChange: setPage,
          showSizeChanger: false,
          size: 'small',
        }}
        renderItem={(e) => (
          <List.Item>
            <List.Item.Meta
              title={
                <Link to={`/campaigns/${campaign.id}/entries/${e.id}`} data-testid={`public-entry-${e.id}`}>
                  <Tag>{e.number}</Tag>
                  {e.title}
                </Link>
              }
              description={
                <Typography.Text type="secondary">
                  {e.organization} · {e.theme.code} {e.theme.title}
                </Typography.Text>
              }
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
