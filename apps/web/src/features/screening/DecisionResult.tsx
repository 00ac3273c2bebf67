import { systemReason } from '@casearena/contract';
import { Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TQueueItem } from '../../api/entries.ts';
import { useLang } from '../../i18n/index.ts';

const COLOR = { pass: 'green', return: 'orange', exclude: 'red' } as const;

/** A decided entry's outcome in the queue: 已通过 / 已退回 / 未通过, with the reasons given (never "退回原因" for a rejection). */
export function DecisionResult({ item }: { item: TQueueItem }) {
  const { t } = useTranslation();
  const lang = useLang();
  const s = item.screening;
  if (!s) return null;
  const reasons = systemReason(s.reasons, lang);
  return (
    <Flex vertical gap={2} align="start" data-testid={`queue-result-${item.id}`}>
      <Tag color={COLOR[s.decision]}>{t(`screening.outcome.${s.decision}`)}</Tag>
      {s.reasons ? (
        <Typography.Text type="secondary" ellipsis={{ tooltip: reasons }} style={{ maxWidth: 260 }}>
          {reasons}
        </Typography.Text>
      ) : null}
    </Flex>
  );
}
