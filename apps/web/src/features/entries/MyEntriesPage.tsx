import { EditOutlined } from '@ant-design/icons';
import type { TEntryView } from '@casearena/contract';
import { Alert, Card, Empty, Flex, Grid, Skeleton, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMyEntries } from '../../api/entries.ts';
import { useMe } from '../../api/me.ts';
import { formatDateTime } from '../../components/format.ts';
import { LinkButton } from '../../components/LinkButton.tsx';
import { useLang } from '../../i18n/index.ts';
import { EntryStatusTag } from './EntryStatusTag.tsx';
import { ReturnNotice } from './ReturnNotice.tsx';

/** Returned entries first (they have a deadline), then drafts, then the rest by last change. */
const ORDER = { returned: 0, draft: 1, submitted: 2, passed: 3, excluded: 4, withdrawn: 5 } as const;

function EntryAction({ entry }: { entry: TEntryView }) {
  const { t } = useTranslation();
  // The server says what may be done (issue 8 item 3); a returned entry is the one to correct and resubmit.
  const editable = entry.abilities.edit === true;
  const label = !editable ? t('entries.open') : entry.status === 'returned' ? t('entries.editResubmit') : t('entries.continue');
  return (
    <LinkButton
      to={`/entries/${entry.id}`}
      size="small"
      type={entry.status === 'returned' ? 'primary' : 'default'}
      icon={editable ? <EditOutlined /> : undefined}
      data-testid={`entry-open-${entry.id}`}
    >
      {label}
    </LinkButton>
  );
}

function EntryCard({ entry }: { entry: TEntryView }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <Card size="small" data-testid={`entry-card-${entry.id}`}>
      <Flex vertical gap={6}>
        <Flex justify="space-between" align="start" gap={8}>
          <Link to={`/entries/${entry.id}`} style={{ fontWeight: 600, minWidth: 0, overflowWrap: 'anywhere' }}>
            {entry.title}
          </Link>
          <EntryStatusTag id={entry.id} status={entry.status} />
        </Flex>
        <Typography.Text type="secondary">
          {entry.theme.code} {entry.theme.title}
        </Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          {entry.number ?? t('entries.noNumber')} · {t('entries.updatedAt', { time: formatDateTime(entry.updatedAt, lang) })}
        </Typography.Text>
        <div>
          <EntryAction entry={entry} />
        </div>
      </Flex>
    </Card>
  );
}

/** 我的案例: every entry of my organization, what state it is in, and what to do next. */
export function MyEntriesPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const wide = Grid.useBreakpoint().md === true;
  const mine = useMyEntries();
  const { data: me } = useMe();
  const noOrganization = me ? !me.user.organization : false;
  const items = [...(mine.data?.items ?? [])].sort(
    (a, b) => ORDER[a.status] - ORDER[b.status] || b.updatedAt.localeCompare(a.updatedAt),
  );
  const returned = items.filter((e) => e.status === 'returned');

  return (
    <Flex vertical gap={16}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('entries.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('entries.intro')}
      </Typography.Paragraph>
      {noOrganization ? (
        <Alert
          type="warning"
          showIcon
          data-testid="needs-organization"
          title={t('entries.needsOrganization')}
          description={t('entries.needsOrganizationHint')}
          action={
            <LinkButton to="/account" type="primary" size="small">
              {t('entries.toMyOrganization')}
            </LinkButton>
          }
        />
      ) : null}
      {returned.map((e) => (
        <ReturnNotice
          key={e.id}
          entry={e}
          action={
            <Flex gap={8} wrap="wrap" align="center">
              <Typography.Text strong>
                {e.number ? `${e.number} · ` : ''}
                {e.title}
              </Typography.Text>
              <EntryAction entry={e} />
            </Flex>
          }
        />
      ))}
      {mine.isPending ? (
        <Card>
          <Skeleton active />
        </Card>
      ) : mine.isError ? (
        <Alert type="error" showIcon title={mine.error.message} />
      ) : items.length === 0 ? (
        <Card>
          <Empty description={t('entries.none')}>
            <Typography.Paragraph type="secondary">{t('entries.noneHint')}</Typography.Paragraph>
            <LinkButton to="/" type="primary">
              {t('entries.toCampaigns')}
            </LinkButton>
          </Empty>
        </Card>
      ) : wide ? (
        <Card styles={{ body: { padding: 0 } }}>
          <Table<TEntryView>
            rowKey="id"
            dataSource={items}
            pagination={false}
            columns={[
              {
                key: 'number',
                title: t('entries.number'),
                width: 140,
                render: (_, e) => e.number ?? <Typography.Text type="secondary">—</Typography.Text>,
              },
              {
                key: 'title',
                title: t('entries.caseTitle'),
                render: (_, e) => <Link to={`/entries/${e.id}`}>{e.title}</Link>,
              },
              { key: 'theme', title: t('entries.theme'), render: (_, e) => `${e.theme.code} ${e.theme.title}`, width: 240 },
              {
                key: 'status',
                title: t('screening.status'),
                width: 140,
                render: (_, e) => <EntryStatusTag id={e.id} status={e.status} />,
              },
              {
                key: 'updated',
                title: t('entries.lastChange'),
                width: 150,
                render: (_, e) => formatDateTime(e.submittedAt ?? e.updatedAt, lang),
              },
              { key: 'action', title: t('screening.actions'), width: 150, render: (_, e) => <EntryAction entry={e} /> },
            ]}
          />
        </Card>
      ) : (
        <Flex vertical gap={12}>
          {items.map((e) => (
            <EntryCard key={e.id} entry={e} />
          ))}
        </Flex>
      )}
    </Flex>
  );
}
