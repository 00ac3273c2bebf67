import type { TStageHostView } from '@casearena/contract';
import { Button, Card, Flex, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ReasonDialog } from '../ReasonDialog.tsx';
import { useHostStep } from './use-host-step.ts';

const STATUS_COLORS = { waiting: 'default', scored: 'green', recused: 'purple' } as const;

/**
 * Who has scored the finalist on stage (waiting / scored / recused), each judge's score once revealed (the dropped
 * ones struck through), and — where the host may — a way to reopen one judge's score with a reason (audited).
 */
export function JudgeProgress({ view }: { view: TStageHostView }) {
  const { t } = useTranslation();
  const step = useHostStep(view);
  const [reopen, setReopen] = useState<{ judgeId: string; name: string } | null>(null);
  const reveal = view.current?.reveal ?? null;
  const counted = view.progress.filter((p) => p.status !== 'recused');
  const done = counted.filter((p) => p.status === 'scored').length;
  const missing = counted.filter((p) => p.status === 'waiting').map((p) => p.name);
  const canReopen = view.abilities.reopen === true;
  return (
    <Card
      title={t('stage.host.judges')}
      extra={
        counted.length > 0 ? (
          <Typography.Text strong data-testid="stage-judges-done">
            {t('stage.host.judgesDone', { done, total: counted.length })}
          </Typography.Text>
        ) : null
      }
    >
      <Flex vertical gap={8}>
        {view.progress.length === 0
          ? // Before a finalist is on stage there is no progress: the seated judges are listed.
            view.judges.map((j) => (
              <Flex key={j.seat} gap={8} style={{ borderBottom: '1px solid #f0f0f0', paddingBottom: 6 }}>
                <Typography.Text type="secondary" style={{ width: 72 }}>
                  {t('stage.host.seat', { seat: j.seat })}
                </Typography.Text>
                <Typography.Text strong>{j.name}</Typography.Text>
              </Flex>
            ))
          : null}
        {view.progress.map((p) => {
          const score = reveal?.scores.find((s) => s.seat === p.seat);
          const judgeId = view.judges.find((j) => j.seat === p.seat)?.judgeId;
          return (
            <Flex
              key={p.seat}
              justify="space-between"
              align="center"
              gap={8}
              data-testid={`stage-judge-${p.seat}`}
              data-status={p.status}
              style={{ borderBottom: '1px solid #f0f0f0', paddingBottom: 6 }}
            >
              <Flex gap={8} align="center" style={{ minWidth: 0 }}>
                <Typography.Text type="secondary" style={{ width: 72 }}>
                  {t('stage.host.seat', { seat: p.seat })}
                </Typography.Text>
                <Typography.Text strong>{p.name}</Typography.Text>
              </Flex>
              <Flex gap={8} align="center">
                {score && score.total !== null ? (
                  <Typography.Text
                    delete={score.dropped}
                    type={score.dropped ? 'secondary' : undefined}
                    style={{ fontVariantNumeric: 'tabular-nums' }}
                  >
                    {score.total.toFixed(2)}
                    {score.dropped ? ` (${t('stage.host.dropped')})` : ''}
                  </Typography.Text>
                ) : null}
                {/* Revealed without their score (the host gave a reason): absent, neither recused nor 0. */}
                {score && score.total === null && !score.recused ? (
                  <Tag color="orange" data-testid={`stage-judge-absent-${p.seat}`}>
                    {t('stage.host.absent')}
                  </Tag>
                ) : (
                  <Tag color={STATUS_COLORS[p.status]}>{t(`stage.judgeStatus.${p.status}`)}</Tag>
                )}
                {canReopen && p.status === 'scored' && judgeId ? (
                  <Button
                    size="small"
                    data-testid={`stage-reopen-${p.seat}`}
                    onClick={() => setReopen({ judgeId, name: p.name })}
                  >
                    {t('stage.actions.reopen')}
                  </Button>
                ) : null}
              </Flex>
            </Flex>
          );
        })}
        {view.state === 'scoring' && missing.length > 0 ? (
          <Typography.Text type="warning" data-testid="stage-missing">
            {t('stage.host.missing', { names: missing.join('、') })}
          </Typography.Text>
        ) : null}
        {reveal ? (
          <Flex justify="space-between" align="baseline" data-testid="stage-host-final">
            <Typography.Text type="secondary">{t(`stage.method.${reveal.method}`)}</Typography.Text>
            <Typography.Text strong style={{ fontSize: 22 }}>
              {t('stage.host.final')} {reveal.final.toFixed(2)}
            </Typography.Text>
          </Flex>
        ) : null}
      </Flex>
      <ReasonDialog
        open={reopen !== null}
        title={t('stage.host.reasonTitleReopen', { name: reopen?.name ?? '' })}
        loading={step.pending && step.action === 'reopen'}
        onCancel={() => setReopen(null)}
        onOk={(reason) => {
          if (!reopen) return;
          void step.run('reopen', { reason, judgeId: reopen.judgeId }).then((ok) => {
            if (ok) setReopen(null);
          });
        }}
      />
    </Card>
  );
}
