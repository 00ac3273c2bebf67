import type { TOrganization } from '@casearena/contract';
import { Card, Empty, Flex, Grid, Pagination, Table, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { orgKindLabel, orgRating } from '../../components/format.ts';
import { useLang } from '../../i18n/index.ts';

interface Props {
  items: TOrganization[];
  total: number;
  page: number;
  pageSize: number;
  loading: boolean;
  onPage: (page: number) => void;
  onOpen: (org: TOrganization) => void;
  /** Extra buttons per row (edit, for those who manage the registry). */
  actions?: (org: TOrganization) => ReactNode;
}

/** A table on a desk; on a phone the same rows as cards, which need no sideways scrolling. */
export function OrgResults({ items, total, page, pageSize, loading, onPage, onOpen, actions }: Props) {
  const { t } = useTranslation();
  const lang = useLang();
  const wide = Grid.useBreakpoint().md === true;
  const pager = (
    <Pagination
      current={page}
      pageSize={pageSize}
      total={total}
      onChange={onPage}
      showSizeChanger={false}
      showTotal={(n) => t('orgs.total', { total: n })}
      size={wide ? 'medium' : 'small'}
      simple={!wide}
      style={{ marginTop: 16, textAlign: 'right' }}
    />
  );

  if (wide) {
    return (
      <>
        <Table<TOrganization>
          rowKey="id"
          dataSource={items}
          loading={loading}
          pagination={false}
          locale={{ emptyText: <Empty description={t('orgs.empty')} /> }}
          onRow={(org) => ({ onClick: () => onOpen(org), style: { cursor: 'pointer' } })}
          columns={[
            {
              key: 'name',
              title: t('orgs.name'),
              render: (_, o) => (
                <Flex vertical>
                  <Typography.Link onClick={() => onOpen(o)}>{o.name}</Typography.Link>
                  {o.aliases.length > 0 ? <Typography.Text type="secondary">{o.aliases.join('、')}</Typography.Text> : null}
                </Flex>
              ),
            },
            { key: 'kind', title: t('orgs.kind'), render: (_, o) => orgKindLabel(o.kind, lang), width: 150 },
            { key: 'level', title: t('orgs.level'), render: (_, o) => orgRating(o, lang), width: 120 },
            { key: 'region', title: t('orgs.region'), render: (_, o) => o.regionPath.join(' / '), width: 220 },
            ...(actions
              ? [
                  {
                    key: 'actions',
                    title: '',
                    width: 90,
                    render: (_: unknown, o: TOrganization) => (
                      // Clicks on the actions must not also open the detail drawer.
                      // biome-ignore lint/a11y/noStaticElementInteractions: only stops propagation; the buttons inside are the controls.
                      // biome-ignore lint/a11y/useKeyWithClickEvents: same as above.
                      <span onClick={(e) => e.stopPropagation()}>{actions(o)}</span>
                    ),
                  },
                ]
              : []),
          ]}
        />
        {total > pageSize ? pager : null}
      </>
    );
  }

  return (
    <Flex vertical gap={12}>
      {items.length === 0 && !loading ? <Empty description={t('orgs.empty')} /> : null}
      {items.map((o) => (
        <Card key={o.id} size="small" hoverable onClick={() => onOpen(o)}>
          <Flex vertical gap={4}>
            <Typography.Text strong>{o.name}</Typography.Text>
            <Flex gap={4} wrap="wrap">
              <Tag>{orgKindLabel(o.kind, lang)}</Tag>
              {orgRating(o, lang) ? <Tag color="blue">{orgRating(o, lang)}</Tag> : null}
              {o.isCountyLevel ? <Tag color="green">{t('orgs.county')}</Tag> : null}
            </Flex>
            {o.regionPath.length > 0 ? <Typography.Text type="secondary">{o.regionPath.join(' / ')}</Typography.Text> : null}
            {actions ? (
              // biome-ignore lint/a11y/noStaticElementInteractions: only stops propagation; the buttons inside are the controls.
              // biome-ignore lint/a11y/useKeyWithClickEvents: same as above.
              <div onClick={(e) => e.stopPropagation()}>{actions(o)}</div>
            ) : null}
          </Flex>
        </Card>
      ))}
      {total > pageSize ? pager : null}
    </Flex>
  );
}
