import type { TMyAssignments } from '@casearena/contract';
import { Alert, Card, Empty, Flex, Grid, Progress, Skeleton, Table, Tag, Typography } from 'antd';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMyAssignments } from '../../../api/judging-judge.ts';
import { formatDateTime } from '../../../components/format.ts';
import { LinkButton } from '../../../components/LinkButton.tsx';
import { useLang } from '../../../i18n/index.ts';
import { MyStagesCard } from '../../stage/MyStagesCard.tsx';
import { RoundDeadline } from './RoundDeadline.tsx';

type RoundGroup = TMyAssignments['rounds'][number];
type Item = RoundGroup['items'][number];
export type SheetProgress = 'notStarted' | 'draft' | 'submitted' | 'abstained';

/** A draft never saved is still to do (the list's `notStarted`). */
export const progressOf = (sheet: Item['sheet']): SheetProgress =>
  sheet.status === 'draft' ? (sheet.version === 0 ? 'notStarted' : 'draft') : sheet.status;

const COLORS = { notStarted: 'default', draft: 'orange', submitted: 'green', abstained: 'default' } as const;
/** What needs the judge first: to do, then drafts, then the finished ones. */
const ORDER = { notStarted: 0, draft: 1, submitted: 2, abstained: 3 } as const;

export function ProgressTag({ progress, testId }: { progress: SheetProgress; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={COLORS[progress]} data-testid={testId} data-progress={progress}>
      {t(`judgingJudge.status.${progress}`)}
    </Tag>
  );
}

function OpenButton({ item }: { item: Item }) {
  const { t } = useTranslation();
  const p = progressOf(item.sheet);
  const editable = item.abilities.save === true;
  const label = !editable
    ? t('judgingJudge.actions.view')
    : p === 'notStarted'
      ? t('judgingJudge.actions.start')
      : t('judgingJudge.actions.continue');
  return (
    <LinkButton
      to={`/judging/assignments/${item.assignmentId}`}
      size="small"
      type={editable ? 'primary' : 'default'}
      data-testid={`assignment-open-${item.assignmentId}`}
    >
      {label}
    </LinkButton>
  );
}

function AssignmentCard({ item }: { item: Item }) {
  const { t } = useTranslation();
  const lang = useLang();
  const p = progressOf(item.sheet);
  return (
    <Card size="small" data-testid={`assignment-card-${item.assignmentId}`} data-progress={p}>
      <Flex vertical gap={6}>
        <Flex justify="space-between" align="start" gap={8}>
          <Link
            to={`/judging/assignments/${item.assignmentId}`}
            style={{ fontWeight: 600, minWidth: 0, overflowWrap: 'anywhere' }}
          >
            {item.entry.title}
          </Link>
          <ProgressTag progress={p} testId={`assignment-status-${item.assignmentId}`} />
        </Flex>
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          {item.entry.number ?? t('judgingJudge.noNumber')} · {item.entry.theme.code} {item.entry.theme.title}
          {item.entry.track ? ` · ${item.entry.track}` : ''}
        </Typography.Text>
        <Flex justify="space-between" align="center" gap={8} wrap="wrap">
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            {item.sheet.total !== null ? `${t('judgingJudge.total', { total: item.sheet.total })} · ` : ''}
            {item.sheet.submittedAt
              ? t('judgingJudge.submittedAt', { time: formatDateTime(item.sheet.submittedAt, lang) })
              : item.sheet.savedAt
                ? t('judgingJudge.savedAt', { time: formatDateTime(item.sheet.savedAt, lang) })
                : ''}
          </Typography.Text>
          <OpenButton item={item} />
        </Flex>
      </Flex>
    </Card>
  );
}

function AssignmentTable({ items }: { items: Item[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <Table<Item>
      rowKey="assignmentId"
      size="middle"
      pagination={false}
      dataSource={items}
      onRow={(item) => ({ 'data-testid': `assignment-card-${item.assignmentId}` }) as HTMLAttributes<HTMLElement>}
      columns={[
        {
          title: t('judgingJudge.columns.entry'),
          key: 'entry',
          render: (_, item) => (
            <Flex vertical gap={2}>
              <Link to={`/judging/assignments/${item.assignmentId}`} style={{ fontWeight: 600 }}>
                {item.entry.title}
              </Link>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {item.entry.number ?? t('judgingJudge.noNumber')}
              </Typography.Text>
            </Flex>
          ),
        },
        {
          title: t('judgingJudge.columns.theme'),
          key: 'theme',
          render: (_, item) =>
            `${item.entry.theme.code} ${item.entry.theme.title}${item.entry.track ? ` · ${item.entry.track}` : ''}`,
        },
        {
          title: t('judgingJudge.columns.status'),
          key: 'status',
          width: 100,
          render: (_, item) => (
            <ProgressTag progress={progressOf(item.sheet)} testId={`assignment-status-${item.assignmentId}`} />
          ),
        },
        { title: t('judgingJudge.columns.total'), key: 'total', width: 90, render: (_, item) => item.sheet.total ?? '—' },
        {
          title: t('judgingJudge.columns.updated'),
          key: 'updated',
          width: 170,
          render: (_, item) => formatDateTime(item.sheet.submittedAt ?? item.sheet.savedAt, lang) || '—',
        },
        { title: t('judgingJudge.columns.action'), key: 'action', width: 120, render: (_, item) => <OpenButton item={item} /> },
      ]}
    />
  );
}

function RoundSection({ group, wide }: { group: RoundGroup; wide: boolean }) {
  const { t } = useTranslation();
  const { progress } = group;
  const done = progress.submitted + progress.abstained;
  const items = [...group.items].sort((a, b) => ORDER[progressOf(a.sheet)] - ORDER[progressOf(b.sheet)]);
  return (
    <Card
      data-testid={`judge-round-${group.round.id}`}
      title={<span style={{ whiteSpace: 'normal' }}>{group.round.label}</span>}
      styles={{ body: { padding: wide ? undefined : 12 } }}
    >
      <Flex vertical gap={12}>
        <RoundDeadline round={group.round} testId={`judge-round-deadline-${group.round.id}`} />
        <Flex vertical gap={2}>
          <Flex justify="space-between" gap={8}>
            <Typography.Text strong data-testid={`judge-round-progress-${group.round.id}`}>
              {t('judgingJudge.progress', { done, total: progress.total })}
            </Typography.Text>
          </Flex>
          <Progress percent={progress.total ? Math.round((done / progress.total) * 100) : 0} showInfo={false} size="small" />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('judgingJudge.progressParts', progress)}
          </Typography.Text>
        </Flex>
        {wide ? (
          <AssignmentTable items={items} />
        ) : (
          <Flex vertical gap={8}>
            {items.map((item) => (
              <AssignmentCard key={item.assignmentId} item={item} />
            ))}
          </Flex>
        )}
      </Flex>
    </Card>
  );
}

/** 专家评审: the judge's rounds and entries with progress, deadlines in Beijing time; cards on a phone, a table on a desk. */
export function JudgeHomePage() {
  const { t } = useTranslation();
  const wide = Grid.useBreakpoint().md === true;
  const mine = useMyAssignments();
  return (
    <Flex vertical gap={16}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('judgingJudge.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('judgingJudge.intro')}
      </Typography.Paragraph>
      {/* A live final, when the judge sits on one, comes first: it happens now, in the hall. */}
      <MyStagesCard campaignIds={mine.data?.rounds.map((g) => g.round.campaignId) ?? []} />
      {mine.isPending ? (
        <Card>
          <Skeleton active />
        </Card>
      ) : mine.isError ? (
        <Alert type="error" showIcon title={t('judgingJudge.loadFailed')} description={mine.error.message} />
      ) : mine.data.rounds.length === 0 ? (
        <Card>
          <Empty description={t('judgingJudge.none')}>
            <Typography.Paragraph type="secondary">{t('judgingJudge.noneHint')}</Typography.Paragraph>
          </Empty>
        </Card>
      ) : (
        mine.data.rounds.map((group) => <RoundSection key={group.round.id} group={group} wide={wide} />)
      )}
    </Flex>
  );
}
