import { CheckOutlined, CloseOutlined, RollbackOutlined } from '@ant-design/icons';
import { SCREENING_TABS, type ScreeningTab, type TBulkPlan, type TScreeningInput } from '@casearena/contract';
import { Alert, App, Button, Card, Flex, Grid, Input, Select, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useCampaign } from '../../api/campaigns.ts';
import { ApiError } from '../../api/client.ts';
import { type TQueueItem, useApplyBulkPlan, useBulkPlan, useScreenEntry, useScreeningQueue } from '../../api/entries.ts';
import { BulkPlanModal } from './BulkPlanModal.tsx';
import { DecisionModal, type ReasonedDecision } from './DecisionModal.tsx';
import { EntryDrawer } from './EntryDrawer.tsx';
import { QueueCards } from './QueueCards.tsx';
import { QueueTable } from './QueueTable.tsx';
import type { QueueViewProps } from './queue-view.ts';
import { useMinuteClock } from './SlaClock.tsx';

type BulkInput = { entryIds: string[]; decision: TScreeningInput };

/** /screening/:campaignId — the screener's queue: read, decide one by one, or select several and preview a bulk plan. */
export function ScreeningQueuePage() {
  const { campaignId = '' } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const wide = Grid.useBreakpoint().md === true;
  const now = useMinuteClock();
  const campaign = useCampaign(campaignId);
  const [themeId, setThemeId] = useState<string | undefined>();
  const [q, setQ] = useState('');
  const [tab, setTab] = useState<ScreeningTab>('pending');
  const queue = useScreeningQueue(campaignId, themeId, q, tab);
  const items = queue.data?.items ?? [];
  const counts = queue.data?.counts;
  const decided = tab !== 'pending' && tab !== 'overdue';
  const [selected, setSelected] = useState<string[]>([]);
  const [readingId, setReadingId] = useState<string | null>(null);
  const reading = items.find((e) => e.id === readingId) ?? null;
  const [deciding, setDeciding] = useState<{ decision: ReasonedDecision; targets: TQueueItem[]; bulk: boolean } | null>(null);
  const [decisionProblem, setDecisionProblem] = useState<string | null>(null);
  const screen = useScreenEntry();
  const bulkPlan = useBulkPlan(campaignId);
  const applyPlan = useApplyBulkPlan();
  const [plan, setPlan] = useState<{ plan: TBulkPlan; input: BulkInput } | null>(null);
  const [planProblem, setPlanProblem] = useState<string | null>(null);
  const [stale, setStale] = useState(false);

  const preview = (input: BulkInput) => {
    setPlanProblem(null);
    setStale(false);
    bulkPlan.mutate(input, {
      onSuccess: (p) => {
        setDeciding(null);
        setPlan({ plan: p, input });
      },
      onError: (err) => (deciding ? setDecisionProblem(err.message) : message.error(err.message)),
    });
  };

  const decideOne = (item: TQueueItem, input: TScreeningInput) => {
    setDecisionProblem(null);
    screen.mutate(
      { id: item.id, decision: input },
      {
        onSuccess: () => {
          message.success(
            t(`screening.${input.decision === 'pass' ? 'passed' : input.decision === 'return' ? 'returned' : 'excluded'}`),
          );
          setDeciding(null);
          setReadingId(null);
          setSelected((s) => s.filter((x) => x !== item.id));
          void queue.refetch();
        },
        onError: (err) => (deciding ? setDecisionProblem(err.message) : message.error(err.message)),
      },
    );
  };

  const apply = () => {
    if (!plan) return;
    applyPlan.mutate(plan.plan.id, {
      onSuccess: (done) => {
        message.success(t('screening.applied', { count: done.willChange }));
        setPlan(null);
        setSelected([]);
        void queue.refetch();
      },
      onError: (err) => {
        setPlanProblem(err.message);
        if (err instanceof ApiError && err.code === 'PLAN_STALE') setStale(true);
      },
    });
  };

  const startBulk = (decision: TScreeningInput['decision']) => {
    if (decision === 'pass') preview({ entryIds: selected, decision: { decision: 'pass' } });
    else {
      setDecisionProblem(null);
      setDeciding({ decision, targets: items.filter((e) => selected.includes(e.id)), bulk: true });
    }
  };

  const view: QueueViewProps = {
    items,
    loading: queue.isFetching,
    decided,
    now,
    selected,
    onSelect: setSelected,
    onRead: (e) => setReadingId(e.id),
  };
  const c = campaign.data;

  return (
    <Flex vertical gap={16}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('screening.title', { campaign: c?.title ?? '' })}
      </Typography.Title>
      <Card>
        <Flex vertical gap={12}>
          <Flex gap={8} wrap="wrap">
            <Select
              allowClear
              placeholder={t('screening.allThemes')}
              aria-label={t('campaigns.themeFilter')}
              style={{ minWidth: 220, maxWidth: '100%' }}
              value={themeId}
              onChange={(v: string | undefined) => setThemeId(v)}
              options={(c?.themes ?? []).map((th) => ({ value: th.id, label: `${th.code} ${th.title}` }))}
              data-testid="queue-theme"
            />
            <Input.Search
              allowClear
              placeholder={t('screening.search')}
              style={{ width: 320, maxWidth: '100%' }}
              onSearch={(v) => setQ(v.trim())}
              data-testid="queue-search"
            />
          </Flex>
          <Tabs
            activeKey={tab}
            onChange={(key) => {
              setTab(key as ScreeningTab);
              setSelected([]);
            }}
            aria-label={t('screening.tabsLabel')}
            data-testid="queue-tabs"
            // On a phone the five tabs fit in one row when small and close: an overflow menu button would sit inside
            // the tablist (axe: aria-required-children).
            size={wide ? undefined : 'small'}
            tabBarGutter={wide ? undefined : 10}
            style={{ marginBottom: -12 }}
            items={SCREENING_TABS.map((key) => ({
              key,
              label: (
                <span data-testid={`queue-tab-${key}`}>
                  {t(`screening.tabs.${key}`)}{' '}
                  <Typography.Text type={key === 'overdue' && (counts?.overdue ?? 0) > 0 ? 'danger' : 'secondary'}>
                    {counts ? counts[key] : '…'}
                  </Typography.Text>
                </span>
              ),
            }))}
          />
          {selected.length > 0 && !decided ? (
            <Flex gap={8} wrap="wrap" align="center" data-testid="bulk-bar">
              <Typography.Text strong>{t('screening.bulk', { count: selected.length })}</Typography.Text>
              <Button
                icon={<CheckOutlined />}
                onClick={() => startBulk('pass')}
                loading={bulkPlan.isPending}
                data-testid="bulk-pass"
              >
                {t('screening.pass')}
              </Button>
              <Button icon={<RollbackOutlined />} onClick={() => startBulk('return')} data-testid="bulk-return">
                {t('screening.return')}
              </Button>
              <Button danger icon={<CloseOutlined />} onClick={() => startBulk('exclude')} data-testid="bulk-exclude">
                {t('screening.exclude')}
              </Button>
              <Button type="link" onClick={() => setSelected([])}>
                {t('screening.clearSelection')}
              </Button>
            </Flex>
          ) : null}
          {queue.error ? <Alert type="error" showIcon title={queue.error.message} /> : null}
          <div data-testid="screening-queue">{wide ? <QueueTable {...view} /> : <QueueCards {...view} />}</div>
        </Flex>
      </Card>
      <EntryDrawer
        item={reading}
        now={now}
        passing={screen.isPending && screen.variables?.decision.decision === 'pass'}
        onClose={() => setReadingId(null)}
        onPass={(item) => decideOne(item, { decision: 'pass' })}
        onDecide={(item, decision) => {
          setDecisionProblem(null);
          setDeciding({ decision, targets: [item], bulk: false });
        }}
      />
      <DecisionModal
        decision={deciding?.decision ?? null}
        subject={
          deciding?.bulk
            ? t('screening.bulk', { count: deciding.targets.length })
            : (deciding?.targets.map((e) => `${e.number ?? ''} ${e.title} · ${e.organization.name}`).join('') ?? '')
        }
        busy={screen.isPending || bulkPlan.isPending}
        problem={decisionProblem}
        onCancel={() => setDeciding(null)}
        onConfirm={(input) => {
          if (!deciding) return;
          const [only] = deciding.targets;
          if (deciding.bulk) preview({ entryIds: deciding.targets.map((e) => e.id), decision: input });
          else if (only) decideOne(only, input);
        }}
      />
      <BulkPlanModal
        plan={plan?.plan ?? null}
        applying={applyPlan.isPending}
        problem={planProblem}
        stale={stale}
        onApply={apply}
        onRepreview={() => plan && preview(plan.input)}
        onCancel={() => setPlan(null)}
      />
    </Flex>
  );
}
