import { DeleteOutlined, RedoOutlined, SafetyOutlined } from '@ant-design/icons';
import { type JudgeStatus, professionalTitleLabel, type TJudgeView } from '@casearena/contract';
import { App, Button, Card, Flex, Grid, Popconfirm, Table, Tag, Tooltip, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../../api/client.ts';
import { refetchPool, useReinviteJudge, useRemoveJudge } from '../../../../api/judging-setup.ts';
import { useLang } from '../../../../i18n/index.ts';
import { abilityText, errorText } from './refusals.ts';

export const JUDGE_STATUS_COLORS = {
  invited: 'processing',
  active: 'success',
  declined: 'default',
  removed: 'error',
} as const satisfies Record<JudgeStatus, string>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface Props {
  organizerId: string;
  judges: TJudgeView[];
  onEditConflicts: (judge: TJudgeView) => void;
}

function Specialties({ judge }: { judge: TJudgeView }) {
  const { t } = useTranslation();
  if (judge.specialties.length === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Flex gap={4} wrap="wrap">
      {judge.specialties.map((s) =>
        // A specialty may be a theme of one of the organizer's calls, stored by its id.
        UUID.test(s) ? (
          <Tag key={s} color="blue">
            {t('judgingOrganizer.pool.themeSpecialty')}
          </Tag>
        ) : (
          <Tag key={s}>{s}</Tag>
        ),
      )}
    </Flex>
  );
}

function Conflicts({ judge }: { judge: TJudgeView }) {
  const { t } = useTranslation();
  if (judge.conflicts.length === 0)
    return <Typography.Text type="secondary">{t('judgingOrganizer.pool.noConflicts')}</Typography.Text>;
  return (
    <Flex vertical gap={2}>
      {judge.conflicts.map((c) => (
        <Typography.Text key={c.organization.id}>
          {c.organization.name}
          {c.note ? <Typography.Text type="secondary">（{c.note}）</Typography.Text> : null}
        </Typography.Text>
      ))}
    </Flex>
  );
}

/** The buttons a judge's abilities allow; a manager-only refusal (a screener's FORBIDDEN) shows as a disabled button. */
function Actions({
  organizerId,
  judge,
  onEditConflicts,
}: { organizerId: string; judge: TJudgeView } & Pick<Props, 'onEditConflicts'>) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const remove = useRemoveJudge(organizerId);
  const reinvite = useReinviteJudge(organizerId);
  const { declareConflicts, remove: canRemove, reinvite: canReinvite } = judge.abilities;
  const refused = (err: unknown) => {
    if (err instanceof ApiError && err.code === 'STALE_VERSION') {
      void refetchPool(organizerId);
      message.error(t('judgingOrganizer.pool.stale'));
    } else message.error(errorText('pool', err));
  };
  const button = (ability: TJudgeView['abilities']['remove'], node: ReactNode) => {
    if (ability === 'WRONG_STATUS') return null;
    const why = abilityText('pool', ability);
    return why === true ? node : <Tooltip title={why}>{node}</Tooltip>;
  };
  return (
    <Flex gap={4} wrap="wrap">
      {button(
        declareConflicts,
        <Button
          size="small"
          icon={<SafetyOutlined />}
          disabled={declareConflicts !== true}
          onClick={() => onEditConflicts(judge)}
          data-testid={`judge-conflicts-${judge.id}`}
        >
          {t('judgingOrganizer.pool.editConflicts')}
        </Button>,
      )}
      {button(
        canRemove,
        <Popconfirm
          title={t('judgingOrganizer.pool.removeConfirm', { name: judge.name })}
          okButtonProps={{ danger: true }}
          disabled={canRemove !== true}
          onConfirm={() =>
            remove
              .mutateAsync({ judgeId: judge.id, version: judge.version })
              .then(
                ({ ended }) =>
                  void message.success(
                    ended.endedAssignments > 0 || ended.keptSubmitted > 0
                      ? t('judgingOrganizer.pool.removedEnded', { ended: ended.endedAssignments, kept: ended.keptSubmitted })
                      : t('judgingOrganizer.pool.removed'),
                  ),
                refused,
              )
          }
        >
          <Button
            size="small"
            danger
            icon={<DeleteOutlined />}
            disabled={canRemove !== true}
            loading={remove.isPending}
            data-testid={`judge-remove-${judge.id}`}
          >
            {t('judgingOrganizer.pool.remove')}
          </Button>
        </Popconfirm>,
      )}
      {button(
        canReinvite,
        <Popconfirm
          title={t('judgingOrganizer.pool.reinviteConfirm', { name: judge.name })}
          disabled={canReinvite !== true}
          onConfirm={() =>
            reinvite
              .mutateAsync({ judgeId: judge.id, version: judge.version })
              .then(() => void message.success(t('judgingOrganizer.pool.reinvited')), refused)
          }
        >
          <Button
            size="small"
            icon={<RedoOutlined />}
            disabled={canReinvite !== true}
            loading={reinvite.isPending}
            data-testid={`judge-reinvite-${judge.id}`}
          >
            {t('judgingOrganizer.pool.reinvite')}
          </Button>
        </Popconfirm>,
      )}
    </Flex>
  );
}

/** The pool as a table on a desktop and as one card per expert on a phone. */
export function JudgesTable({ organizerId, judges, onEditConflicts }: Props) {
  const { t } = useTranslation();
  const lang = useLang();
  const screens = Grid.useBreakpoint();
  const unit = (j: TJudgeView) => j.organization?.name ?? j.organizationName ?? '—';
  const contact = (j: TJudgeView) => [j.email, j.mobile].filter(Boolean).join(' / ');
  const status = (j: TJudgeView) => (
    <Tag color={JUDGE_STATUS_COLORS[j.status]} data-testid={`judge-status-${j.id}`}>
      {t(`judgingOrganizer.pool.status.${j.status}`)}
    </Tag>
  );
  if (!screens.md)
    return (
      <Flex vertical gap={8}>
        {judges.map((j) => (
          <Card key={j.id} size="small" data-testid={`judge-${j.id}`}>
            <Flex vertical gap={6}>
              <Flex justify="space-between" align="flex-start" gap={8}>
                <Flex vertical style={{ minWidth: 0 }}>
                  <Typography.Text strong>{j.name}</Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12, wordBreak: 'break-all' }}>
                    {contact(j)}
                  </Typography.Text>
                </Flex>
                {status(j)}
              </Flex>
              <Typography.Text>
                {unit(j)}
                {j.title ? ` · ${professionalTitleLabel(j.title, lang)}` : ''}
              </Typography.Text>
              <Specialties judge={j} />
              <Flex gap={4} wrap="wrap" align="baseline">
                <Typography.Text type="secondary">{t('judgingOrganizer.pool.columns.conflicts')}：</Typography.Text>
                <Conflicts judge={j} />
              </Flex>
              <Actions organizerId={organizerId} judge={j} onEditConflicts={onEditConflicts} />
            </Flex>
          </Card>
        ))}
      </Flex>
    );
  return (
    <Table<TJudgeView>
      rowKey="id"
      dataSource={judges}
      pagination={judges.length > 20 ? { pageSize: 20 } : false}
      onRow={(j) => ({ 'data-testid': `judge-${j.id}` }) as object}
      columns={[
        {
          title: t('judgingOrganizer.pool.columns.name'),
          key: 'name',
          render: (_, j) => (
            <Flex vertical>
              <Typography.Text strong>{j.name}</Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {contact(j)}
              </Typography.Text>
            </Flex>
          ),
        },
        { title: t('judgingOrganizer.pool.columns.organization'), key: 'unit', render: (_, j) => unit(j) },
        {
          title: t('judgingOrganizer.pool.columns.title'),
          key: 'title',
          render: (_, j) => (j.title ? professionalTitleLabel(j.title, lang) : '—'),
        },
        {
          title: t('judgingOrganizer.pool.columns.specialties'),
          key: 'specialties',
          render: (_, j) => <Specialties judge={j} />,
        },
        { title: t('judgingOrganizer.pool.columns.status'), key: 'status', render: (_, j) => status(j) },
        { title: t('judgingOrganizer.pool.columns.conflicts'), key: 'conflicts', render: (_, j) => <Conflicts judge={j} /> },
        {
          title: t('judgingOrganizer.pool.columns.actions'),
          key: 'actions',
          render: (_, j) => <Actions organizerId={organizerId} judge={j} onEditConflicts={onEditConflicts} />,
        },
      ]}
    />
  );
}
