import type { TResultPreview, TResultRule, TRoundRanking } from '@casearena/contract';
import { Alert, App, Button, type ButtonProps, Card, Descriptions, Flex, Form, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFreezeResults, usePublishResults, useResultPreview, useRoundRanking } from '../../../../api/judging-round.ts';
import { formatDateTime } from '../../../../components/format.ts';
import { useLang } from '../../../../i18n/index.ts';
import { tierLabel } from './RankingGroup.tsx';
import { ResultPreview } from './ResultPreview.tsx';
import { RuleForm } from './RuleForm.tsx';
import { refusalText, roundErrorText } from './round-errors.ts';
import { defaultRuleValues, type RuleValues, ruleOf } from './rule-form.ts';

/** What the freeze wrote, read back from the frozen ranking: advanced and tier counts, with the rule applied. */
function FrozenSummary({ ranking }: { ranking: TRoundRanking }) {
  const { t } = useTranslation();
  const lang = useLang();
  const rows = ranking.groups.flatMap((g) => g.rows);
  const tiers = new Map<string, number>();
  for (const r of rows) if (r.tier) tiers.set(r.tier, (tiers.get(r.tier) ?? 0) + 1);
  const rule = ranking.rule;
  const ruleText = !rule
    ? '—'
    : 'tiers' in rule
      ? rule.tiers.map((x) => `${x.label?.[lang] ?? x.key} ${x.count !== undefined ? x.count : `${x.percent}%`}`).join(' → ')
      : 'n' in rule.advance
        ? `${t('judgingRound.results.n')} ${rule.advance.n}`
        : `${t('judgingRound.results.percent')} ${rule.advance.percent}%`;
  return (
    <Descriptions
      size="small"
      column={1}
      data-testid="frozen-summary"
      items={[
        { key: 'at', label: t('judgingRound.results.frozen'), children: formatDateTime(ranking.frozenAt, lang) },
        { key: 'rule', label: t('judgingRound.results.frozenRule'), children: ruleText },
        {
          key: 'counts',
          label: t('judgingRound.results.frozenCounts'),
          children: [
            ...[...tiers].map(([key, count]) =>
              t('judgingRound.results.tierCount', { label: tierLabel(ranking, key, lang), count }),
            ),
            t('judgingRound.results.advancedCount', { count: rows.filter((r) => r.advanced).length }),
          ].join('；'),
        },
        ...(ranking.publishedAt
          ? [{ key: 'pub', label: t('judgingRound.results.published'), children: formatDateTime(ranking.publishedAt, lang) }]
          : []),
      ]}
    />
  );
}

/**
 * Advancement or tiers (issue 10 item 6, S0-10, S2-6): the rule, its preview, then freeze after a confirmation (one
 * audit event, never recomputed after) and publish to the applicants. Freeze applies exactly the rule last previewed.
 */
export function ResultsTab({ roundId }: { roundId: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message, modal } = App.useApp();
  const ranking = useRoundRanking(roundId);
  const previewing = useResultPreview(roundId);
  const freeze = useFreezeResults(roundId);
  const publish = usePublishResults(roundId);
  const [form] = Form.useForm<RuleValues>();
  const [shown, setShown] = useState<{ rule: TResultRule; preview: TResultPreview } | null>(null);
  const [error, setError] = useState<string | null>(null);

  if (ranking.isPending) return <Skeleton active />;
  if (ranking.isError) return <Alert type="error" showIcon title={roundErrorText(ranking.error, lang)} />;
  const r = ranking.data;
  const { abilities } = r;
  const initial = defaultRuleValues({
    outstanding: [t('judgingRound.results.defaultTiers.outstanding'), 'Outstanding'],
    excellent: [t('judgingRound.results.defaultTiers.excellent'), 'Excellent'],
  });

  const onPreview = (v: RuleValues) => {
    setError(null);
    const rule = ruleOf(v);
    previewing.mutate(rule, {
      onSuccess: (preview) => setShown({ rule, preview }),
      onError: (err) => setError(roundErrorText(err, lang)),
    });
  };
  const onFreeze = () => {
    if (!shown) return;
    modal.confirm({
      title: t('judgingRound.results.freezeConfirmTitle'),
      content: t('judgingRound.results.freezeConfirm'),
      okText: t('judgingRound.results.freeze'),
      okButtonProps: { danger: true, 'data-testid': 'freeze-ok' } as ButtonProps,
      onOk: () =>
        freeze.mutateAsync(shown.rule).then(
          () => {
            message.success(t('judgingRound.results.frozen'));
            setShown(null);
          },
          (err: unknown) => void setError(roundErrorText(err, lang)),
        ),
    });
  };
  const onPublish = () =>
    modal.confirm({
      title: t('judgingRound.results.publish'),
      content: t('judgingRound.results.publishConfirm'),
      okText: t('judgingRound.results.publish'),
      onOk: () =>
        publish.mutateAsync().then(
          () => void message.success(t('judgingRound.results.published')),
          (err: unknown) => void setError(roundErrorText(err, lang)),
        ),
    });
  const publishButton =
    abilities.publish === true ? (
      <Button type="primary" onClick={onPublish} loading={publish.isPending} data-testid="results-publish">
        {t('judgingRound.results.publish')}
      </Button>
    ) : null;

  if (r.status === 'frozen')
    return (
      <Flex vertical gap={16} style={{ minWidth: 0 }} data-testid="results-frozen">
        <Alert type="success" showIcon title={t('judgingRound.results.readOnly')} />
        <Card size="small">
          <FrozenSummary ranking={r} />
          {publishButton}
        </Card>
        {error ? <Alert type="error" showIcon title={error} /> : null}
      </Flex>
    );

  return (
    <Flex vertical gap={16} style={{ minWidth: 0 }} data-testid="results-tab">
      {abilities.freeze !== true ? (
        <Alert
          type="info"
          showIcon
          title={abilities.freeze === 'WRONG_STATUS' ? t('judgingRound.results.notClosed') : refusalText(abilities.freeze)}
        />
      ) : null}
      <RuleForm form={form} initial={initial} onPreview={onPreview} previewing={previewing.isPending} />
      {error ? <Alert type="error" showIcon title={error} data-testid="results-error" /> : null}
      {shown ? (
        <Card size="small" title={t('judgingRound.results.previewTitle')}>
          {abilities.freeze === true ? (
            <Button
              danger
              type="primary"
              onClick={onFreeze}
              loading={freeze.isPending}
              data-testid="results-freeze"
              style={{ marginBottom: 12 }}
            >
              {t('judgingRound.results.freeze')}
            </Button>
          ) : null}
          <ResultPreview preview={shown.preview} ranking={r} />
        </Card>
      ) : null}
      {publishButton ? <Typography.Paragraph>{publishButton}</Typography.Paragraph> : null}
    </Flex>
  );
}
