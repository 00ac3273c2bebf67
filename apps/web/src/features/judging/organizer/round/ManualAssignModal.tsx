import type { TAssignmentView } from '@casearena/contract';
import { Alert, App, Form, Modal, Select, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAddAssignment, useSwapAssignment } from '../../../../api/judging-round.ts';
import { useLang } from '../../../../i18n/index.ts';
import { type EntryOption, entryName, type JudgeOption } from './AssignmentTab.tsx';
import { roundErrorText } from './round-errors.ts';

export type ManualTarget = { kind: 'add' } | { kind: 'swap'; assignment: TAssignmentView };

/**
 * One assignment by hand: add a judge to an entry, or swap an assigned judge for another in one change. The server
 * checks recusal again and answers ASSIGNMENT_RECUSED with the reason, shown here in words; the choices stay.
 */
export function ManualAssignModal(props: {
  roundId: string;
  target: ManualTarget | null;
  entries: EntryOption[];
  judges: JudgeOption[];
  onClose: () => void;
}) {
  const { roundId, target, entries, judges, onClose } = props;
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
  const judgeOptions = judges.filter((j) => j.judgeId !== swapOf?.judgeId).map((j) => ({ value: j.judgeId, label: j.name }));

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
            placeholder={t('judgingRound.manual.pickJudge')}
            options={judgeOptions}
          />
        </Form.Item>
        <Typography.Paragraph type="secondary">{t('judgingRound.manual.hint')}</Typography.Paragraph>
        {error ? <Alert type="error" showIcon title={error} data-testid="manual-error" /> : null}
      </Form>
    </Modal>
  );
}
