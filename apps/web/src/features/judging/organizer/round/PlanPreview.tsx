import type { TAssignmentPlanView } from '@casearena/contract';
import { Alert, App, Button, Card, Collapse, Flex, List, Popconfirm, Progress, Skeleton, Statistic, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { usePlan, usePlanStep } from '../../../../api/judging-round.ts';
import { useLang } from '../../../../i18n/index.ts';
import { entryName } from './AssignmentTab.tsx';
import { recusalText, refusalText, roundErrorText } from './round-errors.ts';

const fixed = (n: number | null, digits = 2) => (n === null ? '—' : n.toFixed(digits));

/**
 * Step 2 of plan -> preview -> apply (issue 10 item 3): what the plan would add, its coverage and load balance, the
 * entries it cannot fill and why, and the conflicts it left out with their reasons, all before anything changes.
 * A stale plan says so and offers only discarding; a refused apply (PLAN_STALE) reloads the preview.
 */
export function PlanPreview({ roundId, planId, onClose }: { roundId: string; planId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const plan = usePlan(roundId, planId);
  const apply = usePlanStep(roundId, 'apply');
  const discard = usePlanStep(roundId, 'discard');

  if (plan.isPending) return <Skeleton active />;
  if (plan.isError)
    return (
      <Alert
        type="error"
        showIcon
        title={roundErrorText(plan.error, lang)}
        action={<Button onClick={onClose}>{t('judgingRound.back')}</Button>}
      />
    );
  const p: TAssignmentPlanView = plan.data;
  const settled = p.status !== 'planned';
  const onApply = () =>
    apply.mutate(p.id, {
      onSuccess: () => {
        message.success(t('judgingRound.plan.applied'));
        onClose();
      },
      onError: (err) => void message.error(roundErrorText(err, lang)),
    });
  const onDiscard = () =>
    discard.mutate(p.id, {
      onSuccess: () => {
        message.success(t('judgingRound.plan.discarded'));
        onClose();
      },
      onError: (err) => void message.error(roundErrorText(err, lang)),
    });

  return (
    <Card
      size="small"
      data-testid="plan-preview"
      title={
        <Flex gap={8} wrap align="center">
          <span>{t('judgingRound.plan.previewTitle')}</span>
          {p.status === 'applied' ? <Tag color="success">{t('judgingRound.plan.statusApplied')}</Tag> : null}
          {p.status === 'discarded' ? <Tag>{t('judgingRound.plan.statusDiscarded')}</Tag> : null}
        </Flex>
      }
    >
      <Flex vertical gap={12} style={{ minWidth: 0 }}>
        <Flex gap={8} wrap>
          {p.abilities.apply === true ? (
            <Popconfirm title={t('judgingRound.plan.applyConfirm', { count: p.items.length })} onConfirm={onApply}>
              <Button type="primary" loading={apply.isPending} data-testid="plan-apply">
                {t('judgingRound.plan.apply')}
              </Button>
            </Popconfirm>
          ) : null}
          {p.abilities.discard === true ? (
            <Button onClick={onDiscard} loading={discard.isPending} data-testid="plan-discard">
              {t('judgingRound.plan.discard')}
            </Button>
          ) : null}
          {settled ? <Button onClick={onClose}>{t('judgingRound.back')}</Button> : null}
        </Flex>
        {p.stale && !settled ? (
          <Alert type="warning" showIcon title={t('judgingRound.plan.stale')} data-testid="plan-stale" />
        ) : null}
        {!settled && p.abilities.apply !== true && p.abilities.apply !== 'PLAN_STALE' ? (
          <Alert type="info" showIcon title={refusalText(p.abilities.apply)} />
        ) : null}
        <Flex gap={24} wrap>
          <Statistic title={t('judgingRound.plan.items')} value={p.items.length} />
          <Statistic
            title={t('judgingRound.plan.coverage')}
            value={t('judgingRound.plan.coverageValue', { covered: p.coverage.covered, entries: p.coverage.entries })}
            styles={{ content: { fontSize: 18 } }}
          />
          <Statistic title={t('judgingRound.plan.loadSpread')} value={fixed(p.loadSpread)} />
          <Statistic title={t('judgingRound.plan.pairOverlap')} value={p.pairOverlapMax} />
        </Flex>
        <Collapse
          size="small"
          defaultActiveKey={['load', 'uncovered', 'conflicts']}
          items={[
            {
              key: 'load',
              label: t('judgingRound.plan.load'),
              children: (
                <Flex vertical gap={4} data-testid="plan-load">
                  {p.load.map((l) => (
                    <Flex key={l.judgeId} gap={8} align="center">
                      <Typography.Text ellipsis style={{ width: 96, flex: 'none' }}>
                        {l.judgeName}
                      </Typography.Text>
                      <Progress
                        percent={l.max > 0 ? Math.min(100, (l.count / l.max) * 100) : 0}
                        format={() => t('judgingRound.plan.loadOf', { count: l.count, max: l.max })}
                        style={{ flex: 1, margin: 0, minWidth: 0 }}
                        size="small"
                      />
                    </Flex>
                  ))}
                </Flex>
              ),
            },
            {
              key: 'uncovered',
              label: `${t('judgingRound.plan.uncovered')} (${p.coverage.uncovered.length})`,
              children:
                p.coverage.uncovered.length === 0 ? (
                  <Typography.Text type="secondary">{t('judgingRound.plan.none')}</Typography.Text>
                ) : (
                  <List
                    size="small"
                    data-testid="plan-uncovered"
                    dataSource={p.coverage.uncovered}
                    rowKey="entryId"
                    renderItem={(u) => (
                      <List.Item style={{ display: 'block' }}>
                        <Typography.Text style={{ wordBreak: 'break-word' }}>{entryName(u)}</Typography.Text>
                        <br />
                        <Typography.Text type="secondary">
                          {t('judgingRound.plan.uncoveredRow', { judges: u.judges, missing: u.missing, recused: u.recused })}
                          {' · '}
                          {t(`judgingRound.plan.uncoveredReason.${u.reason}`)}
                        </Typography.Text>
                      </List.Item>
                    )}
                  />
                ),
            },
            {
              key: 'conflicts',
              label: `${t('judgingRound.plan.conflicts')} (${p.conflicts.length})`,
              children:
                p.conflicts.length === 0 ? (
                  <Typography.Text type="secondary">{t('judgingRound.plan.none')}</Typography.Text>
                ) : (
                  <List
                    size="small"
                    data-testid="plan-conflicts"
                    dataSource={p.conflicts}
                    rowKey={(c) => `${c.entryId}:${c.judgeId}`}
                    renderItem={(c) => (
                      <List.Item style={{ display: 'block' }}>
                        <Typography.Text strong>{c.judgeName}</Typography.Text>
                        {' × '}
                        <Typography.Text style={{ wordBreak: 'break-word' }}>{entryName(c)}</Typography.Text>
                        <br />
                        <Typography.Text type="secondary">
                          {recusalText(c.reason, lang)}
                          {lang === 'en' ? ' (' : '（'}
                          {t(`judgingRound.plan.relation.${c.relation}`)}
                          {lang === 'en' ? ')' : '）'}
                        </Typography.Text>
                      </List.Item>
                    )}
                  />
                ),
            },
            {
              key: 'items',
              label: `${t('judgingRound.plan.items')} (${p.items.length})`,
              children: (
                <List
                  size="small"
                  data-testid="plan-items"
                  dataSource={p.items}
                  rowKey={(i) => `${i.entryId}:${i.judgeId}`}
                  pagination={p.items.length > 20 ? { pageSize: 20, size: 'small', showSizeChanger: false } : false}
                  renderItem={(i) => (
                    <List.Item style={{ display: 'block' }}>
                      <Typography.Text style={{ wordBreak: 'break-word' }}>{entryName(i)}</Typography.Text>
                      {' → '}
                      <Typography.Text strong>{i.judgeName}</Typography.Text>
                      {i.specialty ? (
                        <Tag color="green" style={{ marginInlineStart: 8 }}>
                          {t('judgingRound.plan.specialty')}
                        </Tag>
                      ) : null}
                    </List.Item>
                  )}
                />
              ),
            },
          ]}
        />
      </Flex>
    </Card>
  );
}
