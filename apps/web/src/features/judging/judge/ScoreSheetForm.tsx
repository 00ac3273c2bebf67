import { decimalsOf, type SheetProblem, type TJudgeAssignment } from '@casearena/contract';
import { Card, ConfigProvider, Flex, Input, InputNumber, Radio, Typography, theme } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLang } from '../../../i18n/index.ts';
import type { SheetDraft } from './sheet-local.ts';
import { problemTarget, problemText } from './sheet-messages.ts';

type Spec = TJudgeAssignment['spec'];

/**
 * The sheet's total as the ranking counts it (aggregate.ts weightedTotal): Σ weight·points/max scaled so full marks
 * give weightTotal; null until every criterion has a valid score. A score the server would refuse (outside 0..max,
 * or with more decimals than the criterion allows: checkSheet's SCORE_OUT_OF_RANGE, SCORE_TOO_PRECISE) counts for
 * nothing, so the figure shown never passes weightTotal. Shown live; the server's figure is the one that counts.
 */
export function liveTotal(
  spec: Spec,
  scores: SheetDraft['scores'],
): { total: number | null; missing: number; invalid: number; partial: number } {
  const weights = spec.criteria.reduce((sum, c) => sum + c.weight, 0);
  let partial = 0;
  let missing = 0;
  let invalid = 0;
  for (const c of spec.criteria) {
    const v = scores[c.key];
    if (v === null || v === undefined) missing += 1;
    else if (!Number.isFinite(v) || v < 0 || v > c.max || decimalsOf(v) > c.decimals) invalid += 1;
    else partial += weights > 0 && c.max > 0 ? ((c.weight / c.max) * spec.weightTotal * v) / weights : 0;
  }
  const rounded = Math.round(partial * 100) / 100;
  return { total: missing === 0 && invalid === 0 ? rounded : null, missing, invalid, partial: rounded };
}

interface Props {
  spec: Spec;
  draft: SheetDraft;
  readOnly: boolean;
  /** The problems to mark: the draft's always, the submission's after a refused submit. */
  problems: SheetProblem[];
  onChange: (patch: Partial<SheetDraft>) => void;
}

/** The criteria with weight and maximum, the comment, the overall recommendation if the round asks, the live total. */
export function ScoreSheetForm({ spec, draft, readOnly, problems, onChange }: Props) {
  const { t } = useTranslation();
  const lang = useLang();
  const marks = new Map<string, string>();
  for (const p of problems) {
    const target = problemTarget(p);
    if (!marks.has(target)) marks.set(target, problemText(p, spec, lang));
  }
  const total = liveTotal(spec, draft.scores);
  const commentRequired = spec.commentRequired || spec.criteria.some((c) => c.commentRequired);
  const choices = spec.recommendation ?? [];
  // A submitted sheet is disabled (locked), but antd's disabled text (25% black) is unreadable on a phone in the sun:
  // its values keep the normal text colour (≈ 15:1 on the disabled grey, WCAG AA asks 4.5:1).
  const { token } = theme.useToken();
  const locked = { colorTextDisabled: token.colorText };
  return (
    <ConfigProvider theme={{ components: { InputNumber: locked, Input: locked, Radio: locked } }}>
      <Flex vertical gap={12}>
        {spec.criteria.map((c) => {
          const error = marks.get(`scores.${c.key}`);
          const step = c.decimals === 0 ? 1 : 10 ** -c.decimals;
          return (
            <Card key={c.key} size="small" data-testid={`sheet-criterion-${c.key}`}>
              <Flex justify="space-between" align="center" gap={12} wrap="wrap">
                <Flex vertical gap={0} style={{ minWidth: 0, flex: '1 1 160px' }}>
                  <Typography.Text strong>
                    <label htmlFor={`sheet-score-${c.key}`}>{c.label[lang]}</label>
                  </Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('judgingJudge.criterionMeta', { max: c.max, weight: c.weight })} ·{' '}
                    {c.decimals === 0 ? t('judgingJudge.decimals0') : t('judgingJudge.decimalsN', { n: c.decimals })}
                  </Typography.Text>
                </Flex>
                <InputNumber
                  id={`sheet-score-${c.key}`}
                  data-testid={`sheet-score-${c.key}`}
                  inputMode="decimal"
                  step={step}
                  value={draft.scores[c.key] ?? null}
                  disabled={readOnly}
                  status={error ? 'error' : undefined}
                  suffix={`/ ${c.max}`}
                  style={{ width: 140 }}
                  aria-invalid={error ? true : undefined}
                  onChange={(v) => onChange({ scores: { [c.key]: typeof v === 'number' ? v : null } })}
                />
              </Flex>
              {error ? (
                <Typography.Text type="danger" style={{ fontSize: 13 }} data-testid={`sheet-score-error-${c.key}`}>
                  {error}
                </Typography.Text>
              ) : null}
            </Card>
          );
        })}
        {choices.length > 0 ? (
          <Flex vertical gap={4}>
            <Typography.Text strong>{t('judgingJudge.recommendation')}</Typography.Text>
            <Radio.Group
              data-testid="sheet-recommendation"
              optionType="button"
              buttonStyle="solid"
              disabled={readOnly}
              value={draft.recommendation}
              options={choices.map((c) => ({ value: c, label: c }))}
              onChange={(e) => onChange({ recommendation: e.target.value as string })}
            />
            {marks.get('recommendation') ? (
              <Typography.Text type="danger" style={{ fontSize: 13 }}>
                {marks.get('recommendation')}
              </Typography.Text>
            ) : null}
          </Flex>
        ) : null}
        <Flex vertical gap={4}>
          <Typography.Text strong>
            <label htmlFor="sheet-comment">
              {commentRequired ? t('judgingJudge.commentRequired') : t('judgingJudge.comment')}
            </label>
          </Typography.Text>
          <Input.TextArea
            id="sheet-comment"
            data-testid="sheet-comment"
            value={draft.comment}
            disabled={readOnly}
            autoSize={{ minRows: 3, maxRows: 10 }}
            maxLength={2000}
            showCount
            status={marks.get('comment') ? 'error' : undefined}
            placeholder={readOnly ? undefined : t('judgingJudge.commentPlaceholder')}
            onChange={(e) => onChange({ comment: e.target.value })}
          />
          {marks.get('comment') ? (
            <Typography.Text type="danger" style={{ fontSize: 13 }} data-testid="sheet-comment-error">
              {marks.get('comment')}
            </Typography.Text>
          ) : null}
        </Flex>
        <Flex justify="space-between" align="baseline" gap={8} wrap="wrap">
          <Typography.Text strong>{t('judgingJudge.liveTotal')}</Typography.Text>
          <Flex vertical align="end" gap={0}>
            <Typography.Text strong style={{ fontSize: 22 }} data-testid="sheet-total">
              {t('judgingJudge.liveTotalOf', { total: total.total ?? total.partial, max: spec.weightTotal })}
            </Typography.Text>
            {total.missing > 0 ? (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('judgingJudge.liveTotalIncomplete', { n: total.missing })}
              </Typography.Text>
            ) : null}
            {total.invalid > 0 ? (
              <Typography.Text type="danger" style={{ fontSize: 12 }} data-testid="sheet-total-invalid">
                {t('judgingJudge.liveTotalInvalid', { n: total.invalid })}
              </Typography.Text>
            ) : null}
          </Flex>
        </Flex>
      </Flex>
    </ConfigProvider>
  );
}
