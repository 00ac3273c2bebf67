import { errorMessage, type TVoteVoid } from '@casearena/contract';
import {
  Alert,
  App,
  Button,
  Card,
  Empty,
  Flex,
  Form,
  Grid,
  Input,
  Modal,
  Table,
  type TableColumnsType,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRevertVoid, useVoteVoids } from '../../api/voting-fraud.ts';
import { applyApiError } from '../../components/api-error.ts';
import { formatDateTime } from '../../components/format.ts';
import { useLang } from '../../i18n/index.ts';
import { VOID_STATUS_COLORS } from './void-status.ts';

/** Asks why an applied void is undone (audited), then reverts it; a refusal stays in the dialog in the server's words. */
function RevertDialog({ campaignId, voteVoid, onClose }: { campaignId: string; voteVoid: TVoteVoid; onClose: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const [error, setError] = useState<string | null>(null);
  const revert = useRevertVoid(campaignId);
  const submit = ({ reason }: { reason: string }) =>
    revert.mutate(
      { voidId: voteVoid.id, reason: reason.trim() },
      {
        onSuccess: (v) => {
          void message.success(t('votingDashboard.reverted', { votes: v.votes.toLocaleString(lang) }));
          onClose();
        },
        onError: (err) => setError(applyApiError(form, err)),
      },
    );
  return (
    <Modal
      open
      title={t('votingDashboard.revertTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('votingDashboard.revert')}
      okButtonProps={{ danger: true, loading: revert.isPending, 'data-testid': 'void-revert-confirm' } as never}
      destroyOnHidden
      data-testid="void-revert-modal"
    >
      <Flex vertical gap={12}>
        <Typography.Text>{t('votingDashboard.revertIntro', { votes: voteVoid.votes.toLocaleString(lang) })}</Typography.Text>
        {error ? <Alert type="error" showIcon title={error} data-testid="void-revert-error" /> : null}
        <Form form={form} layout="vertical" onFinish={submit}>
          <Form.Item
            name="reason"
            label={t('votingDashboard.revertReason')}
            rules={[{ required: true, whitespace: true, min: 2, max: 500, message: t('votingDashboard.revertReasonRequired') }]}
          >
            <Input.TextArea rows={3} maxLength={500} showCount data-testid="void-revert-reason" />
          </Form.Item>
        </Form>
      </Flex>
    </Modal>
  );
}

/** A button that is shown when its ability allows, and greyed with the refusal's text otherwise. */
function AbilityButton({
  ability,
  label,
  testId,
  onClick,
  danger,
}: {
  ability: TVoteVoid['abilities']['apply'];
  label: string;
  testId: string;
  onClick: () => void;
  danger?: boolean;
}) {
  const lang = useLang();
  // WRONG_STATUS only says this step is not the void's next one: no button at all, rather than a greyed one.
  if (ability === 'WRONG_STATUS') return null;
  const button = (
    <Button size="small" danger={danger ?? false} disabled={ability !== true} onClick={onClick} data-testid={testId}>
      {label}
    </Button>
  );
  return ability === true ? button : <Tooltip title={errorMessage(ability, lang)}>{button}</Tooltip>;
}

/** The campaign's voids, newest first: open one (preview, apply a planned one), revert an applied one. */
export function VoidList({ campaignId, onOpen }: { campaignId: string; onOpen: (voteVoid: TVoteVoid) => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const voids = useVoteVoids(campaignId);
  const [reverting, setReverting] = useState<TVoteVoid | null>(null);
  const narrow = !Grid.useBreakpoint().md;
  const actions = (v: TVoteVoid) => (
    <Flex gap={4} wrap="wrap">
      <Button size="small" onClick={() => onOpen(v)} data-testid={`void-open-${v.id}`}>
        {v.status === 'planned' && v.abilities.apply === true ? t('votingDashboard.apply') : t('votingDashboard.open')}
      </Button>
      <AbilityButton
        ability={v.abilities.revert}
        label={t('votingDashboard.revert')}
        testId={`void-revert-${v.id}`}
        onClick={() => setReverting(v)}
        danger
      />
    </Flex>
  );
  const statusTag = (v: TVoteVoid) => (
    <Tooltip
      title={
        v.revertedAt
          ? `${t('votingDashboard.revertedAt')} ${formatDateTime(v.revertedAt, lang)}`
          : v.appliedAt
            ? `${t('votingDashboard.appliedAt')} ${formatDateTime(v.appliedAt, lang)}`
            : null
      }
    >
      <Tag color={VOID_STATUS_COLORS[v.status]} data-testid={`void-row-status-${v.id}`}>
        {t(`votingDashboard.status.${v.status}`)}
      </Tag>
    </Tooltip>
  );
  const columns: TableColumnsType<TVoteVoid> = [
    {
      title: t('votingDashboard.createdAt'),
      dataIndex: 'createdAt',
      width: 150,
      render: (at: string) => formatDateTime(at, lang),
    },
    {
      title: t('votingDashboard.statusTitle'),
      dataIndex: 'status',
      width: 90,
      render: (_: TVoteVoid['status'], v) => statusTag(v),
    },
    {
      title: t('votingDashboard.votes'),
      dataIndex: 'votes',
      width: 80,
      align: 'right',
      render: (n: number) => n.toLocaleString(lang),
    },
    { title: t('votingDashboard.reason'), dataIndex: 'reason', ellipsis: true },
    {
      title: '',
      key: 'actions',
      width: 190,
      render: (_: unknown, v) => actions(v),
    },
  ];
  // A phone gets one column (when, status, votes, reason, then the buttons) instead of a table to scroll sideways.
  const narrowColumns: TableColumnsType<TVoteVoid> = [
    {
      title: t('votingDashboard.voids'),
      key: 'void',
      render: (_: unknown, v) => (
        <Flex vertical gap={6}>
          <Flex gap={8} align="center" wrap="wrap">
            {statusTag(v)}
            <Typography.Text>{formatDateTime(v.createdAt, lang)}</Typography.Text>
            <Typography.Text strong>
              {t('votingDashboard.votes')} {v.votes.toLocaleString(lang)}
            </Typography.Text>
          </Flex>
          <Typography.Text type="secondary">{v.reason}</Typography.Text>
          {actions(v)}
        </Flex>
      ),
    },
  ];
  return (
    <Card title={t('votingDashboard.voids')} data-testid="dashboard-voids">
      {voids.isError ? <Alert type="error" showIcon title={voids.error.message} /> : null}
      {voids.data && voids.data.voids.length === 0 ? (
        <Empty description={t('votingDashboard.noVoids')} />
      ) : (
        <Table<TVoteVoid>
          rowKey="id"
          size="small"
          loading={voids.isPending}
          pagination={false}
          showHeader={!narrow}
          columns={narrow ? narrowColumns : columns}
          dataSource={voids.data?.voids ?? []}
          scroll={narrow ? undefined : { x: 700 }}
          tableLayout="fixed"
          onRow={(v) => ({ 'data-testid': `void-row-${v.id}` }) as React.HTMLAttributes<HTMLElement>}
        />
      )}
      {reverting ? <RevertDialog campaignId={campaignId} voteVoid={reverting} onClose={() => setReverting(null)} /> : null}
    </Card>
  );
}
