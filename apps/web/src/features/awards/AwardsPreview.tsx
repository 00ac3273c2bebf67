import { MinusCircleOutlined } from '@ant-design/icons';
import type { TAward } from '@casearena/contract';
import { Button, Card, Empty, Flex, Grid, Table, Tag, Tooltip, Typography } from 'antd';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { useLang } from '../../i18n/index.ts';
import { groupByTheme } from './award-groups.ts';

const ORIGIN_COLORS = { computed: 'default', added: 'green', removed: 'red' } as const satisfies Record<TAward['origin'], string>;

/** The preview: who gets what and why (the rule's figures), honours, and where a row came from (adjusted, upheld). */
export function AwardsPreview({ awards, onRemove }: { awards: TAward[]; onRemove: ((a: TAward) => void) | null }) {
  const { t } = useTranslation();
  const lang = useLang();
  const wide = Grid.useBreakpoint().md === true;
  if (awards.length === 0)
    return (
      <Card>
        <Empty description={t('awards.preview.empty')} />
      </Card>
    );
  const origin = (a: TAward) => (
    <Tooltip title={a.reason ?? undefined}>
      <Tag color={ORIGIN_COLORS[a.origin]} data-testid={`award-origin-${a.id}`}>
        {t(`awards.origins.${a.origin}`)}
      </Tag>
    </Tooltip>
  );
  const remove = (a: TAward) =>
    onRemove && a.origin !== 'removed' ? (
      <Button size="small" danger icon={<MinusCircleOutlined />} onClick={() => onRemove(a)} data-testid={`award-remove-${a.id}`}>
        {t('awards.preview.remove')}
      </Button>
    ) : null;
  return (
    <Flex vertical gap={12} data-testid="awards-preview">
      {groupByTheme(awards).map((g) => (
        <Card key={g.key} size="small" title={g.title ?? t('awards.preview.campaignWide')} data-testid={`awards-theme-${g.key}`}>
          {wide ? (
            <Table<TAward>
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={g.awards}
              onRow={(a) =>
                ({
                  'data-testid': `award-row-${a.id}`,
                  style: a.origin === 'removed' ? { opacity: 0.55, textDecoration: 'line-through' } : undefined,
                }) as HTMLAttributes<HTMLElement>
              }
              columns={[
                {
                  title: t('awards.preview.label'),
                  key: 'label',
                  render: (_, a) => <Tag color="gold">{a.label[lang]}</Tag>,
                  width: 140,
                },
                {
                  title: t('awards.preview.entry'),
                  key: 'entry',
                  render: (_, a) => (a.entryTitle ? `${a.entryNumber ?? ''} ${a.entryTitle}` : '—'),
                },
                { title: t('awards.preview.hospital'), dataIndex: 'organizationName' },
                {
                  title: t('awards.preview.why'),
                  key: 'why',
                  render: (_, a) => (
                    <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                      {a.figures.why[lang]}
                      {a.figures.tied ? <Tag style={{ marginLeft: 4 }}>{t('awards.preview.tied')}</Tag> : null}
                    </Typography.Text>
                  ),
                },
                {
                  title: t('awards.preview.honour'),
                  key: 'honour',
                  render: (_, a) => (a.honour ? <Tag color="red">{a.honour[lang]}</Tag> : null),
                },
                { title: t('awards.preview.origin'), key: 'origin', render: (_, a) => origin(a), width: 90 },
                ...(onRemove ? [{ title: '', key: 'remove', render: (_: unknown, a: TAward) => remove(a), width: 90 }] : []),
              ]}
            />
          ) : (
            <Flex vertical gap={10}>
              {g.awards.map((a) => (
                <Flex
                  key={a.id}
                  vertical
                  gap={2}
                  data-testid={`award-row-${a.id}`}
                  style={{ opacity: a.origin === 'removed' ? 0.55 : 1 }}
                >
                  <span>
                    <Tag color="gold">{a.label[lang]}</Tag>
                    {a.honour ? <Tag color="red">{a.honour[lang]}</Tag> : null}
                    {origin(a)}
                  </span>
                  {a.entryTitle ? <Typography.Text strong>{`${a.entryNumber ?? ''} ${a.entryTitle}`}</Typography.Text> : null}
                  <Typography.Text type="secondary">{a.organizationName}</Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {a.figures.why[lang]}
                  </Typography.Text>
                  {remove(a)}
                </Flex>
              ))}
            </Flex>
          )}
        </Card>
      ))}
    </Flex>
  );
}
