import { errorMessage, type TVoteVoid, type TVotingDashboard } from '@casearena/contract';
import { Alert, Button, Flex, Form, Grid, Input, Modal, Popconfirm, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApplyVoid, usePlanVoid } from '../../api/voting-fraud.ts';
import { applyApiError } from '../../components/api-error.ts';
import { formatDateTime } from '../../components/format.ts';
import { useLang } from '../../i18n/index.ts';
import { VOID_STATUS_COLORS } from './void-status.ts';

/** What the modal opens on: a new plan (with the findings ticked on the dashboard) or an existing void. */
export type VoidFlowStart = { mode: 'plan'; flagKeys: string[] } | { mode: 'view'; voteVoid: TVoteVoid };

type PreviewRow = TVoteVoid['preview'][number];

/** Ids pasted one per line, or separated by commas, semicolons or spaces (full-width ones too). */
const splitIds = (text: string | undefined) => (text ?? '').split(/[\s,，;；]+/).filter(Boolean);

const change = (f: { before: number; after: number }, lang: string) =>
  f.before === f.after ? (
    f.before.toLocaleString(lang)
  ) : (
    <span>
      {f.before.toLocaleString(lang)} → <b>{f.after.toLocaleString(lang)}</b>
    </span>
  );

/** The preview: each touched entry's count and rank in its theme before and after (as planned). */
export function VoidPreviewTable({ voteVoid, dashboard }: { voteVoid: TVoteVoid; dashboard: TVotingDashboard }) {
  const { t } = useTranslation();
  const lang = useLang();
  const themes = new Map(dashboard.themes.map((th) => [th.id, th.code]));
  // A phone gets one column, the three figures under the entry, rather than a table to scroll sideways.
  const narrow = !Grid.useBreakpoint().md;
  const entryCell = (r: PreviewRow) => (
    <span>
      <Tag>{themes.get(r.themeId) ?? ''}</Tag>
      {r.number ? <Tag color="blue">{r.number}</Tag> : null}
      {r.title}
    </span>
  );
  const narrowColumns: TableColumnsType<PreviewRow> = [
    {
      title: t('votingDashboard.preview.entry'),
      key: 'entry',
      render: (_: unknown, r) => (
        <Flex vertical gap={4}>
          {entryCell(r)}
          <Typography.Text type="secondary">
            {t('votingDashboard.preview.votes')} {change(r.votes, lang)}
          </Typography.Text>
          <Typography.Text type="secondary">
            {t('votingDashboard.preview.weight')} {change(r.weight, lang)}
          </Typography.Text>
          <Typography.Text type="secondary">
            {t('votingDashboard.preview.rank')} {change(r.rank, lang)}
          </Typography.Text>
        </Flex>
      ),
    },
  ];
  const columns: TableColumnsType<PreviewRow> = [
    {
      title: t('votingDashboard.preview.entry'),
      key: 'entry',
      render: (_: unknown, r) => entryCell(r),
    },
    { title: t('votingDashboard.preview.votes'), key: 'votes', width: 150, render: (_: unknown, r) => change(r.votes, lang) },
    { title: t('votingDashboard.preview.weight'), key: 'weight', width: 150, render: (_: unknown, r) => change(r.weight, lang) },
    { title: t('votingDashboard.preview.rank'), key: 'rank', width: 130, render: (_: unknown, r) => change(r.rank, lang) },
  ];
  return (
    <Table<PreviewRow>
      data-testid="void-preview-table"
      rowKey="entryId"
      size="small"
      pagination={voteVoid.preview.length > 20 ? { pageSize: 20, size: 'small' } : false}
      columns={narrow ? narrowColumns : columns}
      dataSource={voteVoid.preview}
      scroll={narrow ? undefined : { x: 680 }}
      tableLayout="fixed"
      onRow={(r) => ({ 'data-testid': `void-preview-row-${r.entryId}` }) as React.HTMLAttributes<HTMLElement>}
    />
  );
}

interface PlanValues {
  reason: string;
  voteIds?: string;
  voterIds?: string;
}

/**
 * Voiding, as the server does it: plan (findings or pasted ids, a reason) -> preview (nothing changed yet) -> apply
 * (confirmed) -> applied. Buttons follow the void's abilities; a refusal shows the server's localized message.
 */
export function VoidFlowModal({
  campaignId,
  dashboard,
  start,
  onClose,
}: {
  campaignId: string;
  dashboard: TVotingDashboard;
  start: VoidFlowStart;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const [form] = Form.useForm<PlanValues>();
  const [current, setCurrent] = useState<TVoteVoid | null>(start.mode === 'view' ? start.voteVoid : null);
  const [error, setError] = useState<string | null>(null);
  const plan = usePlanVoid(campaignId);
  const apply = useApplyVoid(campaignId);
  const flagKeys = start.mode === 'plan' ? start.flagKeys : [];
  const flags = dashboard.flags.filter((f) => flagKeys.includes(f.key));

  const submitPlan = (values: PlanValues) => {
    const voteIds = splitIds(values.voteIds);
    const voterIds = splitIds(values.voterIds);
    if (flagKeys.length + voteIds.length + voterIds.length === 0) {
      setError(t('votingDashboard.plan.idsRequired'));
      return;
    }
    setError(null);
    plan.mutate(
      { reason: values.reason.trim(), voteIds, voterIds, flagKeys },
      { onSuccess: setCurrent, onError: (err) => setError(applyApiError(form, err)) },
    );
  };

  const applyNow = (voteVoid: TVoteVoid) => {
    setError(null);
    apply.mutate(voteVoid.id, { onSuccess: setCurrent, onError: (err) => setError(applyApiError(null, err)) });
  };

  const footer = current ? (
    <Flex gap={8} justify="end" wrap="wrap">
      <Button onClick={onClose} data-testid="void-close">
        {t('votingDashboard.preview.close')}
      </Button>
      {current.status === 'planned' ? (
        current.abilities.apply === true ? (
          <Popconfirm
            title={t('votingDashboard.preview.applyConfirm', { votes: current.votes.toLocaleString(lang) })}
            onConfirm={() => applyNow(current)}
            okButtonProps={{ danger: true, 'data-testid': 'void-apply-confirm' } as never}
          >
            <Button type="primary" danger loading={apply.isPending} data-testid="void-apply">
              {t('votingDashboard.preview.apply')}
            </Button>
          </Popconfirm>
        ) : (
          <Typography.Text type="secondary" data-testid="void-apply-refused">
            {errorMessage(current.abilities.apply, lang)}
          </Typography.Text>
        )
      ) : null}
    </Flex>
  ) : (
    <Flex gap={8} justify="end">
      <Button onClick={onClose}>{t('common.cancel')}</Button>
      <Button type="primary" loading={plan.isPending} onClick={() => form.submit()} data-testid="void-plan-submit">
        {t('votingDashboard.plan.submit')}
      </Button>
    </Flex>
  );

  return (
    <Modal
      open
      width={820}
      title={current ? t('votingDashboard.preview.title') : t('votingDashboard.plan.title')}
      onCancel={onClose}
      footer={footer}
      destroyOnHidden
      data-testid="void-modal"
    >
      <Flex vertical gap={12}>
        {error ? <Alert type="error" showIcon title={error} data-testid="void-error" /> : null}
        {current ? (
          <>
            <Flex gap={8} align="center" wrap="wrap">
              <Tag color={VOID_STATUS_COLORS[current.status]} data-testid="void-status">
                {t(`votingDashboard.status.${current.status}`)}
              </Tag>
              <Typography.Text data-testid="void-summary">
                {t(current.status === 'planned' ? 'votingDashboard.preview.intro' : 'votingDashboard.preview.figures', {
                  votes: current.votes.toLocaleString(lang),
                  weight: current.weight.toLocaleString(lang),
                })}
              </Typography.Text>
            </Flex>
            {current.status === 'applied' ? (
              <Alert
                type="success"
                showIcon
                title={t('votingDashboard.preview.applied', { votes: current.votes.toLocaleString(lang) })}
                description={current.appliedAt ? formatDateTime(current.appliedAt, lang) : null}
                data-testid="void-applied"
              />
            ) : null}
            <Typography.Text type="secondary">
              {t('votingDashboard.reason')}：{current.reason}
            </Typography.Text>
            <VoidPreviewTable voteVoid={current} dashboard={dashboard} />
          </>
        ) : (
          <Form<PlanValues> form={form} layout="vertical" onFinish={submitPlan} data-testid="void-plan-form">
            {flags.length > 0 ? (
              <Form.Item label={t('votingDashboard.plan.flags')}>
                <Flex vertical gap={4} data-testid="void-plan-flags">
                  {flags.map((f) => (
                    <Typography.Text key={f.key}>
                      <Tag>{t(`votingDashboard.kinds.${f.kind}`)}</Tag>
                      {f.summary[lang]}
                    </Typography.Text>
                  ))}
                </Flex>
              </Form.Item>
            ) : null}
            <Form.Item name="voteIds" label={t('votingDashboard.plan.voteIds')} extra={t('votingDashboard.plan.idsHint')}>
              <Input.TextArea rows={2} data-testid="void-plan-vote-ids" />
            </Form.Item>
            <Form.Item name="voterIds" label={t('votingDashboard.plan.voterIds')}>
              <Input.TextArea rows={2} data-testid="void-plan-voter-ids" />
            </Form.Item>
            <Form.Item
              name="reason"
              label={t('votingDashboard.plan.reason')}
              extra={t('votingDashboard.plan.reasonHint')}
              rules={[{ required: true, whitespace: true, min: 2, max: 500, message: t('votingDashboard.plan.reasonRequired') }]}
            >
              <Input.TextArea rows={3} maxLength={500} showCount data-testid="void-plan-reason" />
            </Form.Item>
          </Form>
        )}
      </Flex>
    </Modal>
  );
}
