import type { TProgressCounts } from '@casearena/contract';
import { Alert, Button, Card, Flex, Progress, Skeleton, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useRoundProgress } from '../../../../api/judging-round.ts';
import { useLang } from '../../../../i18n/index.ts';
import { roundErrorText } from './round-errors.ts';

/** Done = submitted or abstained, of those assigned; drafts show as the bar's lighter part. */
function Bar({ counts }: { counts: TProgressCounts }) {
  const done = counts.submitted + counts.abstained;
  const pct = (n: number) => (counts.assigned > 0 ? Math.round((n / counts.assigned) * 1000) / 10 : 0);
  return (
    <Progress
      percent={pct(done + counts.draft)}
      success={{ percent: pct(done) }}
      format={() => `${done}/${counts.assigned}`}
      style={{ margin: 0 }}
    />
  );
}

function Row({ title, extra, counts }: { title: ReactNode; extra?: ReactNode; counts: TProgressCounts }) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={2} style={{ minWidth: 0 }} data-testid="progress-row">
      <Flex gap={8} wrap align="baseline">
        <Typography.Text strong style={{ wordBreak: 'break-word' }}>
          {title}
        </Typography.Text>
        {extra}
      </Flex>
      <Bar counts={counts} />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('judgingRound.progress.figures', counts)}
      </Typography.Text>
    </Flex>
  );
}

/** The panel's progress per theme and per judge (issue 10 item 7); a lead judge sees only the themes they lead. */
export function ProgressTab({ roundId }: { roundId: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const progress = useRoundProgress(roundId);
  if (progress.isPending) return <Skeleton active />;
  if (progress.isError) return <Alert type="error" showIcon title={roundErrorText(progress.error, lang)} />;
  const p = progress.data;
  return (
    <Flex vertical gap={16} style={{ minWidth: 0 }} data-testid="progress-tab">
      {p.scope === 'lead' ? <Alert type="info" showIcon title={t('judgingRound.progress.leadScope')} /> : null}
      <Card
        size="small"
        title={t('judgingRound.progress.byTheme')}
        extra={
          <Button size="small" onClick={() => void progress.refetch()} loading={progress.isFetching}>
            {t('judgingRound.reload')}
          </Button>
        }
      >
        <Flex vertical gap={12}>
          <Row title={t('judgingRound.progress.totals')} counts={p.totals} />
          {p.themes.map((th) => (
            <Row
              key={th.themeId}
              title={`${th.code} ${th.title}`}
              extra={<Tag>{t('judgingRound.progress.entries', { count: th.entries })}</Tag>}
              counts={th}
            />
          ))}
        </Flex>
      </Card>
      <Card size="small" title={t('judgingRound.progress.byJudge')}>
        {p.judges.length === 0 ? (
          <Typography.Text type="secondary">{t('judgingRound.empty')}</Typography.Text>
        ) : (
          <Flex vertical gap={12}>
            {p.judges.map((j) => (
              <Row key={j.judgeId} title={j.name} counts={j} />
            ))}
          </Flex>
        )}
      </Card>
    </Flex>
  );
}
