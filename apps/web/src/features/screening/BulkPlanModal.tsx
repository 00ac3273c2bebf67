import { ArrowRightOutlined } from '@ant-design/icons';
import type { TBulkPlan } from '@casearena/contract';
import { Alert, Button, Flex, Grid, Modal, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { EntryStatusTag } from '../entries/EntryStatusTag.tsx';

type PlanItem = TBulkPlan['items'][number];

interface Props {
  plan: TBulkPlan | null;
  applying: boolean;
  problem: string | null;
  /** The plan went stale (entries changed since the preview): offer a fresh preview. */
  stale: boolean;
  onApply(): void;
  onRepreview(): void;
  onCancel(): void;
}

/**
 * The dry run of a bulk screening decision (STYLE 10): each entry, what it will become or why it is skipped. Apply
 * executes exactly this plan; if anything changed meanwhile the server refuses and the screener previews again.
 */
export function BulkPlanModal({ plan, applying, problem, stale, onApply, onRepreview, onCancel }: Props) {
  const { t } = useTranslation();
  const wide = Grid.useBreakpoint().md === true;
  const decisionLabel = plan ? t(`screening.${plan.decision}`) : '';
  return (
    <Modal
      open={plan !== null}
      title={t('screening.previewTitle', { decision: decisionLabel })}
      width={wide ? 900 : '100%'}
      onCancel={onCancel}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={onCancel}>
          {t('common.cancel')}
        </Button>,
        stale ? (
          <Button key="again" type="primary" onClick={onRepreview} data-testid="bulk-repreview">
            {t('screening.previewAgain')}
          </Button>
        ) : (
          <Button
            key="apply"
            type="primary"
            loading={applying}
            disabled={!plan || plan.willChange === 0 || plan.status === 'applied'}
            onClick={onApply}
            data-testid="bulk-apply"
          >
            {t('screening.apply')}
          </Button>
        ),
      ]}
    >
      {plan ? (
        <Flex vertical gap={12} data-testid="bulk-preview">
          <Flex gap={8} wrap="wrap">
            <Tag color="blue">{t('screening.willChange', { count: plan.willChange })}</Tag>
            {plan.willSkip > 0 ? <Tag color="orange">{t('screening.willSkip', { count: plan.willSkip })}</Tag> : null}
          </Flex>
          {problem ? <Alert type="error" showIcon role="alert" title={problem} /> : null}
          <Table<PlanItem>
            size="small"
            rowKey="entryId"
            dataSource={plan.items}
            pagination={false}
            scroll={{ x: 720, y: 420 }}
            rowClassName={(i) => (i.skip ? 'bulk-skip' : '')}
            columns={[
              {
                key: 'number',
                title: t('screening.number'),
                width: 140,
                render: (_, i) => <span style={{ whiteSpace: 'nowrap' }}>{i.number ?? '—'}</span>,
              },
              { key: 'title', title: t('screening.caseTitle'), render: (_, i) => i.title },
              { key: 'org', title: t('screening.hospital'), width: 160, render: (_, i) => i.organization },
              {
                key: 'change',
                title: `${t('screening.from')} → ${t('screening.to')}`,
                width: 230,
                render: (_, i) =>
                  i.skip ? (
                    <Flex vertical gap={2}>
                      <EntryStatusTag id={`plan-${i.entryId}`} status={i.from} />
                      <Typography.Text type="warning" style={{ fontSize: 12 }} data-testid={`plan-skip-${i.entryId}`}>
                        {t('screening.skip')}：{t(`screening.skipReason.${i.skip}`)}
                      </Typography.Text>
                    </Flex>
                  ) : (
                    <Flex gap={4} align="center" wrap="wrap">
                      <EntryStatusTag id={`plan-${i.entryId}`} status={i.from} />
                      <ArrowRightOutlined />
                      {i.to ? <EntryStatusTag id={`plan-to-${i.entryId}`} status={i.to} /> : null}
                    </Flex>
                  ),
              },
            ]}
          />
        </Flex>
      ) : null}
    </Modal>
  );
}
