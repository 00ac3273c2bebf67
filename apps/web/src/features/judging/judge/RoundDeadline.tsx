import { ClockCircleOutlined } from '@ant-design/icons';
import type { TJudgeAssignment } from '@casearena/contract';
import { Flex, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../components/format.ts';
import { useLang } from '../../../i18n/index.ts';

type Round = Pick<TJudgeAssignment['round'], 'opensAt' | 'closesAt' | 'blind'>;

/** The time now, ticking every second under an hour left, else every 30 s (a countdown need not wake a phone). */
function useNow(until: number): number {
  const [now, setNow] = useState(() => Date.now());
  const left = until - now;
  useEffect(() => {
    if (left <= 0) return;
    const timer = setTimeout(() => setNow(Date.now()), left < 3_600_000 ? 1000 : 30_000);
    return () => clearTimeout(timer);
  }, [left]);
  return now;
}

/** 剩余 3 天 4 小时 / 剩余 2 小时 5 分 / 剩余 4 分 10 秒; null once past. */
export function useCountdownText(closesAt: string): string | null {
  const { t } = useTranslation();
  const end = new Date(closesAt).getTime();
  const left = Math.max(0, end - useNow(end));
  if (left === 0) return null;
  const s = Math.floor(left / 1000);
  const days = Math.floor(s / 86_400);
  const hours = Math.floor((s % 86_400) / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  if (days > 0) return t('judgingJudge.countdownDays', { days, hours });
  if (hours > 0) return t('judgingJudge.countdownHours', { hours, minutes });
  return t('judgingJudge.countdownMinutes', { minutes, seconds: s % 60 });
}

/** The round's deadline in Beijing time with a countdown (red under a day), or when it opens, or 已截止. */
export function RoundDeadline({ round, testId }: { round: Round; testId?: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const countdown = useCountdownText(round.closesAt);
  const notOpen = new Date(round.opensAt).getTime() > Date.now();
  const urgent = new Date(round.closesAt).getTime() - Date.now() < 86_400_000;
  return (
    <Flex gap={6} wrap="wrap" align="center" data-testid={testId}>
      <ClockCircleOutlined />
      <Typography.Text type="secondary">
        {notOpen
          ? t('judgingJudge.opensAt', { time: formatDateTime(round.opensAt, lang) })
          : t('judgingJudge.deadline', { time: formatDateTime(round.closesAt, lang) })}
      </Typography.Text>
      {notOpen ? null : countdown ? (
        <Tag color={urgent ? 'red' : 'blue'} data-testid={testId ? `${testId}-countdown` : undefined}>
          {countdown}
        </Tag>
      ) : (
        <Tag>{t('judgingJudge.closed')}</Tag>
      )}
      {round.blind ? <Tag color="purple">{t('judgingJudge.blind')}</Tag> : null}
    </Flex>
  );
}
