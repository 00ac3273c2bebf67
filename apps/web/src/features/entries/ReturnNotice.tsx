import { systemReason, type TEntry } from '@casearena/contract';
import { Alert, Descriptions, Flex, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../components/format.ts';
import { useLang } from '../../i18n/index.ts';

/**
 * The screener's feedback on a returned (or not accepted) entry, where the applicant cannot miss it: reasons,
 * suggestions and the correction deadline in Beijing time; while submitted, when screening is due.
 */
export function ReturnNotice({ entry, action }: { entry: TEntry; action?: ReactNode }) {
  const { t } = useTranslation();
  const lang = useLang();
  const s = entry.screening;
  // Submitted: when the first screening is due (S0-8, computed by the server at submission).
  if (entry.status === 'submitted' && entry.screeningDueAt)
    return (
      <Alert
        type="info"
        showIcon
        data-testid={`screening-due-${entry.id}`}
        title={t('entries.screeningDue', { time: formatDateTime(entry.screeningDueAt, lang) })}
      />
    );
  if (!s || (entry.status !== 'returned' && entry.status !== 'excluded')) return null;
  const returned = entry.status === 'returned';
  const deadline = entry.correctionDeadline ?? s.correctionDeadline;
  return (
    <Alert
      type={returned ? 'warning' : 'error'}
      showIcon
      data-testid={`screening-note-${entry.id}`}
      title={<Typography.Text strong>{returned ? t('entries.returnedTitle') : t('entries.excludedTitle')}</Typography.Text>}
      description={
        <Flex vertical gap={8}>
          <Descriptions size="small" column={1} styles={{ label: { whiteSpace: 'nowrap' } }}>
            <Descriptions.Item label={returned ? t('entries.reasons') : t('entries.excludedReasons')}>
              <span style={{ whiteSpace: 'pre-wrap' }} data-testid={`screening-reasons-${entry.id}`}>
                {systemReason(s.reasons, lang)}
              </span>
            </Descriptions.Item>
            {s.suggestions ? (
              <Descriptions.Item label={t('entries.suggestions')}>
                <span style={{ whiteSpace: 'pre-wrap' }}>{s.suggestions}</span>
              </Descriptions.Item>
            ) : null}
            {returned && deadline ? (
              <Descriptions.Item label={t('entries.deadline')}>
                <Typography.Text strong type="danger" data-testid={`screening-deadline-${entry.id}`}>
                  {t('entries.deadlineValue', { time: formatDateTime(deadline, lang) })}
                </Typography.Text>
              </Descriptions.Item>
            ) : null}
          </Descriptions>
          {action}
        </Flex>
      }
    />
  );
}
