import { decimalsOf, ERROR_MESSAGES, type ErrorCode, errorMessage, type TStageJudgeView } from '@casearena/contract';
import { Alert, Badge, Button, Card, ConfigProvider, Flex, InputNumber, Spin, Tag, Typography, theme } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useLang } from '../../i18n/index.ts';
import { liveTotal } from '../judging/judge/ScoreSheetForm.tsx';
import { PageError } from '../organizer/PageError.tsx';
import type { QueuedScore, ScoreOutbox } from './score-queue.ts';
import { refetchStage, useStageJudge } from './stage-api.ts';
import { useScoreOutbox } from './use-score-outbox.ts';
import { STAGE_POLL_MS, useStageStream } from './use-stage-stream.ts';

type Draft = Record<string, number | null>;
type PhoneStatus = 'idle' | 'pending' | 'confirmed';

/**
 * What the phone shows for the finalist on stage: confirmed when the server holds this judge's score (or confirmed
 * it after the view was read), pending while only the phone has it, else idle — a score the host reopened after it
 * was confirmed reads as idle again, since the server's view says none.
 */
export function phoneStatus(view: TStageJudgeView, q: QueuedScore | null, viewReadAt: number): PhoneStatus {
  if (view.mine.status === 'submitted') return 'confirmed';
  if (q?.state === 'pending') return 'pending';
  if (q?.state === 'confirmed' && (q.confirmedAt ?? 0) >= viewReadAt) return 'confirmed';
  return 'idle';
}

const refusalText = (q: QueuedScore, lang: 'zh-CN' | 'en') =>
  q.refusal ? (q.refusal.code in ERROR_MESSAGES ? errorMessage(q.refusal.code as ErrorCode, lang) : q.refusal.message) : '';

const STATUS_COLORS = { idle: 'default', pending: 'orange', confirmed: 'green' } as const;

interface FormProps {
  view: TStageJudgeView;
  entryId: string;
  outbox: ScoreOutbox;
  viewReadAt: number;
}

/** Keyed by the finalist: a new one on stage (or a reload) starts from what the phone kept, else the server's. */
function ScoreForm({ view, entryId, outbox, viewReadAt }: FormProps) {
  const { t } = useTranslation();
  const lang = useLang();
  const q = outbox.get(entryId);
  const [draft, setDraft] = useState<Draft>(() => ({ ...(view.mine.scores ?? {}), ...(q?.scores ?? {}) }));
  const status = phoneStatus(view, q, viewReadAt);
  const pendingCount = outbox.pending().length;
  const total = liveTotal(view.sheet, draft);
  const canSubmit = view.abilities.submit === true && status === 'idle' && total.total !== null;
  const locked = status !== 'idle' || view.abilities.submit !== true;
  // Locked inputs keep the normal text colour: antd's disabled grey is unreadable on a phone in a bright hall.
  const { token } = theme.useToken();

  const submit = () => {
    const scores: Record<string, number> = {};
    for (const c of view.sheet.criteria) {
      const v = draft[c.key];
      if (typeof v === 'number') scores[c.key] = v;
    }
    outbox.submit(entryId, scores);
  };

  return (
    <ConfigProvider theme={{ components: { InputNumber: { colorTextDisabled: token.colorText } } }}>
      <Flex vertical gap={12}>
        {view.sheet.criteria.map((c) => {
          const v = draft[c.key];
          const bad = typeof v === 'number' && (v < 0 || v > c.max || decimalsOf(v) > c.decimals);
          return (
            <Card key={c.key} size="small" styles={{ body: { padding: 12 } }}>
              <Flex vertical gap={6}>
                <Flex justify="space-between" align="baseline" gap={8}>
                  <Typography.Text strong style={{ fontSize: 16 }}>
                    <label htmlFor={`judge-score-${c.key}`}>{c.label[lang]}</label>
                  </Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('stage.judge.range', {
                      max: c.max,
                      decimals: c.decimals === 0 ? t('stage.judge.decimals0') : t('stage.judge.decimalsN', { n: c.decimals }),
                    })}
                  </Typography.Text>
                </Flex>
                <InputNumber
                  id={`judge-score-${c.key}`}
                  data-testid={`judge-score-${c.key}`}
                  inputMode="decimal"
                  size="large"
                  min={0}
                  max={c.max}
                  step={c.decimals === 0 ? 1 : 10 ** -c.decimals}
                  value={v ?? null}
                  disabled={locked}
                  status={bad ? 'error' : undefined}
                  suffix={`/ ${c.max}`}
                  style={{ width: '100%', fontSize: 22 }}
                  onChange={(n) => setDraft((d) => ({ ...d, [c.key]: typeof n === 'number' ? n : null }))}
                />
              </Flex>
            </Card>
          );
        })}
        <Flex justify="space-between" align="baseline">
          <Typography.Text type="secondary">
            {total.missing + total.invalid > 0 ? t('stage.judge.incomplete', { n: total.missing + total.invalid }) : ''}
          </Typography.Text>
          <Typography.Text strong style={{ fontSize: 20 }} data-testid="judge-total">
            {t('stage.judge.total', { total: total.total ?? total.partial, max: view.sheet.weightTotal })}
          </Typography.Text>
        </Flex>
        <Button
          type="primary"
          size="large"
          block
          style={{ height: 56, fontSize: 18 }}
          disabled={!canSubmit}
          data-testid="judge-submit"
          onClick={submit}
        >
          {q?.state === 'refused' ? t('stage.judge.resubmit') : t('stage.judge.submit')}
        </Button>
        <Flex vertical gap={4} align="center">
          <Tag
            color={STATUS_COLORS[status]}
            data-testid="judge-status"
            data-status={status}
            style={{ fontSize: 14, padding: '4px 10px' }}
          >
            {t(`stage.judge.status.${status}`)}
          </Tag>
          {status === 'confirmed' && (view.mine.total ?? q?.total) !== null && (view.mine.total ?? q?.total) !== undefined ? (
            <Typography.Text type="secondary">
              {t('stage.judge.confirmedTotal', { total: view.mine.total ?? q?.total })}
            </Typography.Text>
          ) : null}
          <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="judge-pending-count" data-count={pendingCount}>
            {t('stage.judge.pendingCount', { n: pendingCount })}
          </Typography.Text>
          {status === 'pending' && q?.lastError ? (
            <Typography.Text type="warning" style={{ fontSize: 12 }}>
              {q.lastError}
            </Typography.Text>
          ) : null}
          {!outbox.stored ? <Alert type="warning" showIcon title={t('stage.judge.notStored')} /> : null}
        </Flex>
        {q?.state === 'refused' ? (
          <Alert
            type="error"
            showIcon
            data-testid="judge-refusal"
            data-code={q.refusal?.code}
            title={t('stage.judge.refused', { message: refusalText(q, lang) })}
          />
        ) : null}
      </Flex>
    </ConfigProvider>
  );
}

/**
 * `/stages/:stageId/judge`: a judge's phone (375 px first; issue 11 item 3). The finalist on stage and the sheet,
 * or 回避 when recused from them; a submitted score is kept on the phone and resent until the server confirms it.
 * The public stream says when the stage moves on; the view is then read again (polled while the stream is down).
 */
export function JudgePhonePage() {
  const { stageId = '' } = useParams();
  const { t } = useTranslation();
  const stream = useStageStream(
    stageId,
    () => void refetchStage(stageId),
    () => void refetchStage(stageId),
  );
  const judge = useStageJudge(stageId, stream.live ? false : STAGE_POLL_MS);
  // Page-wide, so a score kept for an earlier finalist is still resent while this one shows 回避.
  const { outbox } = useScoreOutbox(stageId);
  if (judge.isPending) return <Spin size="large" style={{ display: 'block', margin: '64px auto' }} />;
  if (judge.isError && !judge.data) return <PageError error={judge.error} onRetry={() => void judge.refetch()} />;
  const view = judge.data;
  const current = view.current;
  const over = view.state === 'finished' || view.state === 'frozen';
  return (
    <Flex vertical gap={12} style={{ maxWidth: 480, margin: '0 auto', width: '100%' }} data-testid="judge-phone">
      <Flex justify="space-between" align="center" gap={8}>
        <Flex vertical gap={0} style={{ minWidth: 0 }}>
          <Typography.Text strong style={{ fontSize: 16 }}>
            {view.label}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {view.themeLabel} · {t('stage.judge.seat', { seat: view.seat })}
          </Typography.Text>
        </Flex>
        <Badge status={stream.live ? 'success' : 'warning'} text={stream.live ? t('stage.live') : t('stage.offline')} />
      </Flex>
      <Card size="small" styles={{ body: { padding: 12 } }}>
        <Flex vertical gap={4}>
          <Flex justify="space-between" align="center">
            <Typography.Text type="secondary">{t('stage.judge.current')}</Typography.Text>
            <Tag data-testid="judge-state" data-state={view.state}>
              {t(`stage.states.${view.state}`)}
            </Tag>
          </Flex>
          {current ? (
            <>
              <Typography.Title level={4} style={{ margin: 0, overflowWrap: 'anywhere' }} data-testid="judge-current-title">
                {current.title}
              </Typography.Title>
              <Typography.Text type="secondary">
                {current.position !== null ? `${current.position}. ` : ''}
                {current.organization}
              </Typography.Text>
            </>
          ) : (
            <Typography.Text type="secondary">{over ? t('stage.judge.done') : t('stage.judge.waitingFor')}</Typography.Text>
          )}
        </Flex>
      </Card>
      {current && view.mine.status === 'recused' ? (
        <Card data-testid="judge-recused-card">
          <Flex vertical align="center" gap={8}>
            <Typography.Title level={2} style={{ margin: 0 }} data-testid="judge-recused">
              {t('stage.judge.recused')}
            </Typography.Title>
            <Typography.Text type="secondary" style={{ textAlign: 'center' }}>
              {t('stage.judge.recusedHint')}
            </Typography.Text>
          </Flex>
        </Card>
      ) : current ? (
        <>
          {view.state !== 'scoring' && view.mine.status === 'none' ? (
            <Alert type="info" showIcon title={t('stage.judge.notScoring', { state: t(`stage.states.${view.state}`) })} />
          ) : null}
          <ScoreForm
            key={current.entryId}
            view={view}
            entryId={current.entryId}
            outbox={outbox}
            viewReadAt={judge.dataUpdatedAt}
          />
        </>
      ) : null}
    </Flex>
  );
}
