import { SendOutlined } from '@ant-design/icons';
import type { TCampaign, TEntryView } from '@casearena/contract';
import { Alert, App, Button, Card, Checkbox, Flex, Popconfirm, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client.ts';
import { useSubmitEntry } from '../../../api/entries.ts';
import { WithdrawButton } from '../WithdrawButton.tsx';
import { type EditorProblems, fromServer, problemCount } from './problems.ts';
import type { Autosave } from './use-autosave.ts';

interface Props {
  entry: TEntryView;
  campaign: TCampaign;
  autosave: Autosave;
  /** Everything a submission needs, checked in the browser first. */
  check(): EditorProblems;
  onAttempt(): void;
  /** The server refused the submission naming fields: they are shown where they belong. */
  onRefused(problems: EditorProblems): void;
}

/** Scrolls to the first field with a message, so a phone user sees what is missing. */
function showFirstProblem() {
  requestAnimationFrame(() => {
    document.querySelector('.ant-form-item-has-error, .ant-form-item-explain-error')?.scrollIntoView({ block: 'center' });
  });
}

/** The consent the campaign asks for, then submission (after the last autosave has reached the server). */
export function SubmitCard({ entry, campaign, autosave, check, onAttempt, onRefused }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const submit = useSubmitEntry();
  const [consent, setConsent] = useState(false);
  const [consentMissing, setConsentMissing] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [flushing, setFlushing] = useState(false);

  /** Runs before the confirmation: problems show at once instead of after "are you sure?". */
  const ready = (): boolean => {
    setProblem(null);
    onAttempt();
    const found = check();
    const count = problemCount(found);
    if (count > 0) {
      setProblem(t('entries.submitProblems', { count }));
      showFirstProblem();
      return false;
    }
    if (!consent) {
      setConsentMissing(true);
      return false;
    }
    return true;
  };

  const send = async () => {
    setFlushing(true);
    const synced = await autosave.flush().finally(() => setFlushing(false));
    if (!synced) {
      setProblem(t('entries.unsaved'));
      return;
    }
    submit.mutate(
      { id: entry.id, version: autosave.version() },
      {
        onSuccess: () => {
          autosave.forget();
          message.success(t('entries.submitted'));
          window.scrollTo({ top: 0 });
        },
        onError: (err) => {
          if (err instanceof ApiError && err.fields.length > 0) {
            onRefused(fromServer(err.fields));
            showFirstProblem();
          }
          setProblem(err.message);
        },
      },
    );
  };

  const [confirming, setConfirming] = useState(false);
  const busy = flushing || submit.isPending;
  return (
    <Card title={t('entries.consentTitle')}>
      <Flex vertical gap={12}>
        <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{campaign.consent}</Typography.Paragraph>
        <div>
          <Checkbox
            checked={consent}
            onChange={(e) => {
              setConsent(e.target.checked);
              setConsentMissing(false);
            }}
            data-testid="entry-consent"
          >
            {t('entries.consentCheck')}
          </Checkbox>
          {consentMissing ? (
            <Typography.Text type="danger" style={{ display: 'block' }} role="alert">
              {t('entries.consentRequired')}
            </Typography.Text>
          ) : null}
        </div>
        {problem ? <Alert type="error" showIcon role="alert" title={problem} data-testid="submit-problem" /> : null}
        <Flex gap={8} wrap="wrap" justify="space-between">
          <Popconfirm
            open={confirming}
            title={t('entries.submitConfirm')}
            okText={t('common.ok')}
            cancelText={t('common.cancel')}
            okButtonProps={{ 'data-testid': 'entry-submit-confirm' }}
            onConfirm={() => {
              setConfirming(false);
              void send();
            }}
            onCancel={() => setConfirming(false)}
            onOpenChange={(open) => {
              if (!open) setConfirming(false);
            }}
          >
            <Button
              type="primary"
              size="large"
              icon={<SendOutlined />}
              loading={busy}
              onClick={() => setConfirming(ready())}
              data-testid="entry-submit"
            >
              {entry.status === 'returned' ? t('entries.resubmit') : t('entries.submit')}
            </Button>
          </Popconfirm>
          {entry.abilities.withdraw === true ? <WithdrawButton entry={entry} /> : null}
        </Flex>
      </Flex>
    </Card>
  );
}
