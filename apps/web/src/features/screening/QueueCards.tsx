import { Button, Card, Checkbox, Empty, Flex, Spin, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../components/format.ts';
import { useLang } from '../../i18n/index.ts';
import { DecisionResult } from './DecisionResult.tsx';
import type { QueueViewProps } from './queue-view.ts';
import { SlaClock } from './SlaClock.tsx';

/** The queue on a phone: one card per entry, the due time prominent, a checkbox for bulk decisions. */
export function QueueCards({ items, loading, decided, now, selected, onSelect, onRead }: QueueViewProps) {
  const { t } = useTranslation();
  const lang = useLang();
  const toggle = (id: string, on: boolean) => onSelect(on ? [...selected, id] : selected.filter((x) => x !== id));
  return (
    <Spin spinning={loading}>
      <Flex vertical gap={12}>
        {items.length === 0 && !loading ? <Empty description={decided ? t('screening.emptyTab') : t('screening.empty')} /> : null}
        {items.map((e) => (
          <Card key={e.id} size="small" data-testid={`queue-row-${e.id}`}>
            <Flex vertical gap={6}>
              <Flex gap={8} align="start">
                {decided ? null : (
                  <Checkbox
                    checked={selected.includes(e.id)}
                    onChange={(ev) => toggle(e.id, ev.target.checked)}
                    aria-label={e.title}
                  />
                )}
                <Typography.Link
                  strong
                  onClick={() => onRead(e)}
                  style={{ minWidth: 0, overflowWrap: 'anywhere', flex: 1 }}
                  data-testid={`queue-read-${e.id}`}
                >
                  {e.title}
                </Typography.Link>
              </Flex>
              <Typography.Text type="secondary">
                {e.number ?? '—'} · {e.organization.name}
              </Typography.Text>
              <Typography.Text type="secondary">
                {e.theme.code} {e.theme.title}
              </Typography.Text>
              <Flex gap={8} wrap="wrap" align="center">
                {decided ? <DecisionResult item={e} /> : <SlaClock dueAt={e.dueAt} overdue={e.overdue} now={now} />}
                {e.resubmission ? <Tag color="purple">{t('screening.resubmission')}</Tag> : null}
              </Flex>
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                {t('screening.submittedAt')}：{formatDateTime(e.submittedAt, lang)}
              </Typography.Text>
              <Button block onClick={() => onRead(e)}>
                {t('screening.read')}
              </Button>
            </Flex>
          </Card>
        ))}
      </Flex>
    </Spin>
  );
}
