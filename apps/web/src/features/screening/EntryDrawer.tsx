import { CheckOutlined, CloseOutlined, RollbackOutlined } from '@ant-design/icons';
import { errorMessage } from '@casearena/contract';
import { Alert, Button, Descriptions, Drawer, Flex, Grid, Popconfirm, Tabs, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { type TQueueItem, useCampaignForm } from '../../api/entries.ts';
import { formatDateTime } from '../../components/format.ts';
import { useLang } from '../../i18n/index.ts';
import { EntryContentView } from '../entries/EntryReadonly.tsx';
import { EntryStatusTag } from '../entries/EntryStatusTag.tsx';
import { ChangesView } from './ChangesView.tsx';
import type { ReasonedDecision } from './DecisionModal.tsx';
import { SlaClock } from './SlaClock.tsx';

interface Props {
  item: TQueueItem | null;
  now: number;
  passing: boolean;
  onClose(): void;
  onPass(item: TQueueItem): void;
  onDecide(item: TQueueItem, decision: ReasonedDecision): void;
}

/** Reading one entry: its content and files, what changed this round for a resubmission, and the decision. */
export function EntryDrawer({ item, now, passing, onClose, onPass, onDecide }: Props) {
  const { t } = useTranslation();
  const lang = useLang();
  const wide = Grid.useBreakpoint().md === true;
  const form = useCampaignForm(item?.campaignId, item?.formVersion);
  const fields = form.data?.fields ?? null;
  const open = item !== null;
  // The decision buttons come from the server's ability alone (issue 8 item 3): true, or why not (RECUSED: the
  // screener's own hospital entered the case; WRONG_PHASE; WRONG_STATUS once decided).
  const ability = item?.abilities.screen;
  const canDecide = ability === true;
  const awaiting = item?.screeningDueAt != null; // set while the entry awaits its screening

  const footer = item && canDecide && (
    <Flex gap={8} wrap="wrap" justify="end">
      <Button danger icon={<CloseOutlined />} onClick={() => onDecide(item, 'exclude')} data-testid="screen-exclude">
        {t('screening.exclude')}
      </Button>
      <Button icon={<RollbackOutlined />} onClick={() => onDecide(item, 'return')} data-testid="screen-return">
        {t('screening.return')}
      </Button>
      <Popconfirm
        title={t('screening.passConfirm')}
        okText={t('screening.pass')}
        cancelText={t('common.cancel')}
        okButtonProps={{ 'data-testid': 'screen-pass-confirm' }}
        onConfirm={() => onPass(item)}
      >
        <Button type="primary" icon={<CheckOutlined />} loading={passing} data-testid="screen-pass">
          {t('screening.pass')}
        </Button>
      </Popconfirm>
    </Flex>
  );

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={wide ? 760 : '100%'}
      title={item ? `${item.number ?? ''} ${item.title}` : ''}
      footer={footer || null}
      destroyOnHidden
    >
      {item ? (
        <Flex vertical gap={16} data-testid="screening-drawer">
          <Descriptions size="small" column={{ xs: 1, sm: 2 }}>
            <Descriptions.Item label={t('screening.hospital')}>{item.organization.name}</Descriptions.Item>
            <Descriptions.Item label={t('screening.theme')}>
              {item.theme.code} {item.theme.title}
            </Descriptions.Item>
            <Descriptions.Item label={t('screening.submittedAt')}>{formatDateTime(item.submittedAt, lang)}</Descriptions.Item>
            {awaiting ? (
              <Descriptions.Item label={t('screening.dueAt')}>
                <SlaClock dueAt={item.dueAt} overdue={item.overdue} now={now} />
              </Descriptions.Item>
            ) : null}
            <Descriptions.Item label={t('screening.status')}>
              <Flex gap={4} wrap="wrap">
                <EntryStatusTag id={item.id} status={item.status} />
                {item.resubmission ? <Tag color="purple">{t('screening.resubmission')}</Tag> : null}
              </Flex>
            </Descriptions.Item>
          </Descriptions>
          {ability === 'RECUSED' || ability === 'WRONG_PHASE' ? (
            <Alert type="warning" showIcon title={errorMessage(ability, lang)} data-testid="screen-refused" />
          ) : null}
          {item.resubmission && item.screening ? (
            <Alert
              type="info"
              title={
                awaiting
                  ? t('screening.lastDecision')
                  : `${t('screening.result')}${lang === 'en' ? ': ' : '：'}${t(`screening.outcome.${item.screening.decision}`)}`
              }
              description={
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
                  {item.screening.reasons}
                  {item.screening.suggestions ? `\n${item.screening.suggestions}` : ''}
                </Typography.Paragraph>
              }
            />
          ) : null}
          {form.isError ? <Alert type="warning" showIcon title={form.error.message} /> : null}
          <Tabs
            defaultActiveKey={item.resubmission ? 'changes' : 'content'}
            items={[
              { key: 'content', label: t('screening.content'), children: <EntryContentView entry={item} fields={fields} /> },
              ...(item.resubmission
                ? [
                    {
                      key: 'changes',
                      label: <span data-testid="tab-changes">{t('screening.changes')}</span>,
                      children: <ChangesView entryId={item.id} fields={fields ?? []} />,
                    },
                  ]
                : []),
            ]}
          />
        </Flex>
      ) : null}
    </Drawer>
  );
}
