import type { TAssignmentView } from '@casearena/contract';
import { Alert, App, Button, Card, Empty, Flex, List, Popconfirm, Skeleton, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { assignmentsXlsxUrl, useAssignments, useRemoveAssignment, useRoundRanking } from '../../../../api/judging-round.ts';
import { useLang } from '../../../../i18n/index.ts';
import { ImportButton } from './ImportButton.tsx';
import { ManualAssignModal, type ManualTarget } from './ManualAssignModal.tsx';
import { PlanForm } from './PlanForm.tsx';
import { PlanPreview } from './PlanPreview.tsx';
import { refusalText, roundErrorText } from './round-errors.ts';

const SHEET_COLORS = { none: 'default', draft: 'processing', submitted: 'success', abstained: 'warning' } as const;

export interface EntryOption {
  entryId: string;
  number: string | null;
  title: string;
  themeId: string | null;
}

export const entryName = (e: { number: string | null; title: string | null }) => [e.number, e.title].filter(Boolean).join(' ');

/**
 * The round's assignments per entry (issue 10 item 3), the automatic plan with its preview, manual add, remove and
 * swap, and the Excel round trip. Each button follows the abilities the server returned; the plan being previewed
 * sits in the address (`plan=`) so a reload keeps it.
 */
export function AssignmentTab({ roundId }: { roundId: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const list = useAssignments(roundId);
  const ranking = useRoundRanking(roundId);
  const remove = useRemoveAssignment(roundId);
  const [params, setParams] = useSearchParams();
  const planId = params.get('plan');
  const setPlan = (id: string | null) =>
    setParams(
      (p) => {
        if (id) p.set('plan', id);
        else p.delete('plan');
        return p;
      },
      { replace: true },
    );
  const [manual, setManual] = useState<ManualTarget | null>(null);

  const live = useMemo(() => (list.data?.assignments ?? []).filter((a) => a.status !== 'removed'), [list.data]);
  // Every entry of the round (the ranking lists them all, assigned or not), for the pickers.
  const entries = useMemo(() => {
    const byId = new Map<string, EntryOption>();
    for (const g of ranking.data?.groups ?? [])
      for (const r of g.rows)
        byId.set(r.entryId, { entryId: r.entryId, number: r.number, title: r.title ?? '', themeId: g.themeId });
    for (const a of live)
      if (!byId.has(a.entryId)) byId.set(a.entryId, { entryId: a.entryId, number: a.number, title: a.title, themeId: null });
    return [...byId.values()];
  }, [ranking.data, live]);
  const byEntry = useMemo(() => {
    const map = new Map<string, TAssignmentView[]>();
    for (const a of live) map.set(a.entryId, [...(map.get(a.entryId) ?? []), a]);
    return entries.map((e) => ({ entry: e, assignments: map.get(e.entryId) ?? [] }));
  }, [entries, live]);

  if (list.isPending) return <Skeleton active />;
  if (list.isError) return <Alert type="error" showIcon title={roundErrorText(list.error, lang)} />;
  const { abilities } = list.data;

  const onRemove = (a: TAssignmentView) =>
    remove.mutate(a.id, {
      onSuccess: () => void message.success(t('judgingRound.assign.removed')),
      onError: (err) => void message.error(roundErrorText(err, lang)),
    });

  return (
    <Flex vertical gap={16} style={{ minWidth: 0 }}>
      {planId ? (
        <PlanPreview roundId={roundId} planId={planId} onClose={() => setPlan(null)} />
      ) : abilities.plan === true ? (
        <PlanForm roundId={roundId} onPlanned={setPlan} />
      ) : (
        <Alert type="info" showIcon title={refusalText(abilities.plan)} data-testid="plan-refused" />
      )}
      <Card size="small" title={t('judgingRound.assign.heading')}>
        <Flex gap={8} wrap style={{ marginBottom: 8 }}>
          <Button href={assignmentsXlsxUrl(roundId)} data-testid="assignments-export">
            {t('judgingRound.assign.exportXlsx')}
          </Button>
          {abilities.plan === true ? <ImportButton roundId={roundId} onPlanned={setPlan} /> : null}
          {abilities.assign === true ? (
            <Button onClick={() => setManual({ kind: 'add' })} data-testid="assignment-add">
              {t('judgingRound.assign.add')}
            </Button>
          ) : null}
        </Flex>
        {byEntry.length === 0 ? (
          <Empty description={t('judgingRound.assign.noAssignments')} />
        ) : (
          <List
            data-testid="assignments-list"
            dataSource={byEntry}
            rowKey={(r) => r.entry.entryId}
            renderItem={({ entry, assignments }) => (
              <List.Item style={{ display: 'block' }} data-testid="assignment-entry">
                <Typography.Text strong style={{ wordBreak: 'break-word' }}>
                  {entryName(entry)}
                </Typography.Text>
                <Flex gap={8} wrap style={{ marginTop: 6 }}>
                  {assignments.length === 0 ? (
                    <Typography.Text type="secondary">{t('judgingRound.assign.noAssignments')}</Typography.Text>
                  ) : null}
                  {assignments.map((a) => (
                    <Flex key={a.id} align="center" gap={4} wrap data-testid="assignment-judge">
                      <Tag color={SHEET_COLORS[a.sheetStatus ?? 'none']} style={{ marginInlineEnd: 0 }}>
                        {a.judgeName} · {t(`judgingRound.assign.sheet.${a.sheetStatus ?? 'none'}`)}
                      </Tag>
                      {a.abilities.remove === true ? (
                        <>
                          <Button size="small" type="link" onClick={() => setManual({ kind: 'swap', assignment: a })}>
                            {t('judgingRound.assign.swap')}
                          </Button>
                          <Popconfirm
                            title={t('judgingRound.assign.removeConfirm', { judge: a.judgeName })}
                            onConfirm={() => onRemove(a)}
                          >
                            <Button size="small" type="link" danger data-testid="assignment-remove">
                              {t('judgingRound.assign.remove')}
                            </Button>
                          </Popconfirm>
                        </>
                      ) : null}
                    </Flex>
                  ))}
                </Flex>
              </List.Item>
            )}
          />
        )}
      </Card>
      <ManualAssignModal
        roundId={roundId}
        target={manual}
        entries={entries}
        panel={list.data.panel ?? []}
        assignments={live}
        onClose={() => setManual(null)}
      />
    </Flex>
  );
}
