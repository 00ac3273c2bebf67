import type { TAssignmentView, TRoundPanelJudge } from '@casearena/contract';
import { Alert, App, Form, Modal, Select, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAddAssignment, useSwapAssignment } from '../../../../api/judging-round.ts';
import { useLang } from '../../../../i18n/index.ts';
import { type EntryOption, entryName } from './AssignmentTab.tsx';
import { recusalText, roundErrorText } from './round-errors.ts';

export type ManualTarget = { kind: 'add' } | { kind: 'swap'; assignment: TAssignmentView };

/**
 * The judges the picker offers for an entry: the panel's judges seated for its theme (all of the panel while its
 * theme is unknown) who are not on it already (assigned or abstained; a removed one may come back), each with their
 * load against the round's maximum; one the server says is recused from the entry is shown disabled with the reason.
 */
export function judgeChoices(
  panel: readonly TRoundPanelJudge[],
  entry: { entryId: string; themeId: string | null },
  onEntry: ReadonlySet<string>,
): Array<{ judge: TRoundPanelJudge; recused: TRoundPanelJudge['recused'][number]['reason'] | null }> {
  return panel
    .filter((j) => (entry.themeId === null || j.themeIds.includes(entry.themeId)) && !onEntry.has(j.judgeId))
    .map((judge) => ({ judge, recused: judge.recused.find((r) => r.entryId === entry.entryId)?.reason ?? null }));
}

/**
 * One assignment by hand: add a judge to an entry, or swap an assigned judge for another in one change. The judges
 * offered are the round's panel as the server gives it (judgeChoices). The server checks recusal again and answers
 * ASSIGNMENT_RECUSED with the reason, shown here in words; the choices stay.
 */
export function ManualAssignModal(props: {
  roundId: string;
  target: ManualTarget | null;
  entries: EntryOption[];
  panel: readonly TRoundPanelJudge[];
  /** The round's assignments not removed, to leave out the judges already on the chosen entry. */
  assignments: readonly TAssignmentView[];
  onClose: () => void;
}) {
  const { roundId, target, entries, panel, assignments, onClose } = props;
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ entryId?: string; judgeId?: string }>();
  const [error, setError] = useState<string | null>(null);
  const add = useAddAssignment(roundId);
  const swap = useSwapAssignment(roundId);

  useEffect(() => {
    if (target) {
      form.resetFields();
      setError(null);
    }
  }, [target, form]);

  const swapOf = target?.kind === 'swap' ? target.assignment : null;
  const pickedEntry = Form.useWatch('entryId', form);
  const entryId = swapOf?.entryId ?? pickedEntry;
  const judgeOptions = useMemo(() => {
    if (!entryId) return [];
    const entry = entries.find((e) => e.entryId === entryId) ?? { entryId, themeId: null };
    const onEntry = new Set(assignments.filter((a) => a.entryId === entryId).map((a) => a.judgeId));
    return judgeChoices(panel, entry, onEntry).map(({ judge, recused }) => ({
      value: judge.judgeId,
      label: [
        judge.name,
        t('judgingRound.manual.load', { load: judge.load, max: judge.maxLoad }),
        recused ? t('judgingRound.manual.recused', { reason: recusalText(recused, lang) }) : null,
      ]
        .filter(Boolean)
        .join(' · '),
      disabled: recused !== null,
    }));
  }, [entryId, entries, assignments, panel, t, lang]);

  const submit = async () => {
    const values = await form.validateFields();
    setError(null);
    const onError = (err: unknown) => setError(roundErrorText(err, lang));
    if (swapOf && values.judgeId)
      swap.mutate(
        { assignmentId: swapOf.id, judgeId: values.judgeId },
        {
          onSuccess: () => {
            message.success(t('judgingRound.assign.swapped'));
            onClose();
          },
          onError,
        },
      );
    else if (values.entryId && values.judgeId)
      add.mutate(
        { entryId: values.entryId, judgeId: values.judgeId },
        {
          onSuccess: () => {
            message.success(t('judgingRound.assign.added'));
            onClose();
          },
          onError,
        },
      );
  };

  return (
    <Modal
      open={target !== null}
      title={
        swapOf
          ? t('judgingRound.manual.swapTitle', { entry: entryName(swapOf), judge: swapOf.judgeName })
          : t('judgingRound.manual.addTitle')
      }
      okText={t('judgingRound.manual.ok')}
      onOk={() => void submit()}
      confirmLoading={add.isPending || swap.isPending}
      onCancel={onClose}
      destroyOnHidden
      data-testid="manual-assign"
    >
      <Form form={form} layout="vertical">
        {swapOf ? null : (
          <Form.Item
            name="entryId"
            label={t('judgingRound.manual.entry')}
            rules={[{ required: true, message: t('judgingRound.manual.pickEntry') }]}
          >
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('judgingRound.manual.pickEntry')}
              options={entries.map((e) => ({ value: e.entryId, label: entryName(e) }))}
              onChange={() => form.setFieldValue('judgeId', undefined)}
              data-testid="manual-entry"
            />
          </Form.Item>
        )}
        <Form.Item
          name="judgeId"
          label={t('judgingRound.manual.judge')}
          rules={[{ required: true, message: t('judgingRound.manual.pickJudge') }]}
        >
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t(entryId ? 'judgingRound.manual.pickJudge' : 'judgingRound.manual.entryFirst')}
            disabled={!entryId}
            options={judgeOptions}
            notFoundContent={t('judgingRound.manual.noJudges')}
            data-testid="manual-judge"
          />
        </Form.Item>
        <Typography.Paragraph type="secondary">{t('judgingRound.manual.hint')}</Typography.Paragraph>
        {error ? <Alert type="error" showIcon title={error} data-testid="manual-error" /> : null}
      </Form>
    </Modal>
  );
}
