import type { TJudgeAssignment, TSheetAnswer } from '@casearena/contract';
import { Alert, Button, type ButtonProps, Flex, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { abstainSheet } from '../../../api/judging-judge.ts';
import { useLang } from '../../../i18n/index.ts';
import { refusalText, writeErrorText } from './sheet-messages.ts';

interface Props {
  data: TJudgeAssignment;
  abilities: TJudgeAssignment['abilities'];
  total: number | null;
  /** Blocks submitting while the judge must first choose between two copies. */
  busy: boolean;
  /** The sheet's own problems for submission; empty: ready. */
  onTrySubmit: () => boolean;
  submit: () => Promise<TSheetAnswer>;
  onAbstained: (answer: TSheetAnswer) => void;
}

/** Submit (confirmed, then locked) and abstain (with a reason), each shown only when the server's ability says so. */
export function SheetActions({ data, abilities, total, busy, onTrySubmit, submit, onAbstained }: Props) {
  const { t } = useTranslation();
  const lang = useLang();
  const [confirming, setConfirming] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [abstaining, setAbstaining] = useState(false);
  const [reason, setReason] = useState('');
  const [abstainError, setAbstainError] = useState<string | null>(null);
  const [abstainBusy, setAbstainBusy] = useState(false);

  const doSubmit = async () => {
    setSubmitting(true);
    setError(null);
    try {
      await submit();
      setConfirming(false);
    } catch (err) {
      setConfirming(false);
      setError(writeErrorText(err));
    } finally {
      setSubmitting(false);
    }
  };

  const doAbstain = async () => {
    if (reason.trim().length < 2) {
      setAbstainError(t('judgingJudge.abstainReasonShort'));
      return;
    }
    setAbstainBusy(true);
    setAbstainError(null);
    try {
      onAbstained(await abstainSheet(data.assignmentId, reason.trim()));
      setAbstaining(false);
    } catch (err) {
      setAbstainError(writeErrorText(err));
    } finally {
      setAbstainBusy(false);
    }
  };

  const refusal = abilities.save !== true ? abilities.save : abilities.submit !== true ? abilities.submit : null;
  return (
    <Flex vertical gap={8}>
      {error ? (
        <Alert type="error" showIcon title={error} data-testid="sheet-submit-error" closable onClose={() => setError(null)} />
      ) : null}
      {refusal && data.sheet.status === 'draft' ? (
        <Alert type="warning" showIcon title={refusalText(refusal, data.round, lang)} data-testid="sheet-refusal" />
      ) : null}
      <Flex gap={8} wrap="wrap" justify="end">
        {abilities.abstain === true ? (
          <Button onClick={() => setAbstaining(true)} data-testid="sheet-abstain">
            {t('judgingJudge.abstain')}
          </Button>
        ) : null}
        {abilities.submit === true ? (
          <Button
            type="primary"
            disabled={busy}
            loading={submitting}
            data-testid="sheet-submit"
            onClick={() => {
              setError(null);
              if (onTrySubmit()) setConfirming(true);
            }}
          >
            {t('judgingJudge.submit')}
          </Button>
        ) : null}
      </Flex>
      <Modal
        open={confirming}
        title={t('judgingJudge.submitConfirmTitle')}
        okText={t('judgingJudge.submitOk')}
        cancelText={t('judgingJudge.cancel')}
        confirmLoading={submitting}
        onOk={() => void doSubmit()}
        onCancel={() => setConfirming(false)}
        okButtonProps={{ 'data-testid': 'sheet-submit-confirm' } as ButtonProps}
      >
        <Typography.Paragraph data-testid="sheet-submit-summary">
          {t('judgingJudge.submitConfirm', { total: total ?? '—' })}
        </Typography.Paragraph>
      </Modal>
      <Modal
        open={abstaining}
        title={t('judgingJudge.abstainTitle')}
        okText={t('judgingJudge.abstainOk')}
        cancelText={t('judgingJudge.cancel')}
        okButtonProps={{ danger: true, 'data-testid': 'sheet-abstain-confirm' } as ButtonProps}
        confirmLoading={abstainBusy}
        onOk={() => void doAbstain()}
        onCancel={() => setAbstaining(false)}
      >
        <Flex vertical gap={8}>
          <Typography.Paragraph style={{ margin: 0 }}>{t('judgingJudge.abstainHint')}</Typography.Paragraph>
          <label htmlFor="sheet-abstain-reason">{t('judgingJudge.abstainReason')}</label>
          <Input.TextArea
            id="sheet-abstain-reason"
            data-testid="sheet-abstain-reason"
            value={reason}
            maxLength={500}
            showCount
            autoSize={{ minRows: 3, maxRows: 6 }}
            status={abstainError ? 'error' : undefined}
            onChange={(e) => setReason(e.target.value)}
          />
          {abstainError ? (
            <Typography.Text type="danger" data-testid="sheet-abstain-error">
              {abstainError}
            </Typography.Text>
          ) : null}
        </Flex>
      </Modal>
    </Flex>
  );
}
