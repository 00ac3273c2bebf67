import { ClockCircleOutlined } from '@ant-design/icons';
import { Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../components/format.ts';
import { useLang } from '../../i18n/index.ts';

/** Re-renders once a minute: the SLA clock moves while the screener works the queue. */
export function useMinuteClock(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

export function spanText(ms: number, t: TFunction): string {
  const minutes = Math.max(1, Math.floor(ms / 60_000));
  const hours = Math.floor(minutes / 60);
  if (hours >= 48) return t('screening.daysHours', { days: Math.floor(hours / 24), hours: hours % 24 });
  if (hours >= 1) return t('screening.hours', { count: hours });
  return t('screening.minutes', { count: minutes });
}

/**
 * Time left before the screening is due (S0-8: two working days), or how long it is overdue, in red. The server's
 * `overdue` flag decides; when this device's clock disagrees with it (a wrong clock, a demo server on another date)
 * the due time is shown as a date instead of a wrong countdown.
 */
export function SlaClock({ dueAt, overdue, now }: { dueAt: string | null; overdue: boolean; now: number }) {
  const { t } = useTranslation();
  const lang = useLang();
  if (!dueAt) return <Typography.Text type="secondary">—</Typography.Text>;
  const left = Date.parse(dueAt) - now;
  const at = formatDateTime(dueAt, lang);
  const text = overdue
    ? left < 0
      ? t('screening.overdue', { time: spanText(-left, t) })
      : t('screening.overdueNow')
    : left > 0
      ? t('screening.left', { time: spanText(left, t) })
      : t('screening.dueBy', { time: at });
  return (
    <Typography.Text
      type={overdue ? 'danger' : left < 8 * 3600_000 ? 'warning' : 'secondary'}
      strong={overdue}
      title={t('screening.dueBy', { time: at })}
      data-testid="sla"
      data-overdue={overdue}
      style={{ whiteSpace: 'nowrap' }}
    >
      <ClockCircleOutlined /> {text}
    </Typography.Text>
  );
}
