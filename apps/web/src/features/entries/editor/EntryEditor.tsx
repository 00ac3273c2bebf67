import { countChars, ENTRY_LIMITS, type TCampaign, type TEntryView, type TFormField } from '@casearena/contract';
import { Alert, Card, Flex, Form, Input, Typography, theme } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { entryChanged, fetchEntry } from '../../../api/entries.ts';
import { useLang } from '../../../i18n/index.ts';
import { FormRenderer } from '../../forms/FormRenderer.tsx';
import { AttachmentUploader } from '../uploads/AttachmentUploader.tsx';
import { ConflictDialog } from './ConflictDialog.tsx';
import { checkContent, type EditorProblems, fromServer, invalidFields, mergeProblems, NO_PROBLEMS } from './problems.ts';
import { RestoreDialog } from './RestoreDialog.tsx';
import { SaveStatus } from './SaveStatus.tsx';
import { SubmitCard } from './SubmitCard.tsx';
import { useAutosave } from './use-autosave.ts';

interface Props {
  entry: TEntryView;
  campaign: TCampaign;
  /** Null while the form is loading or when it could not be loaded: title and summary stay editable. */
  fields: TFormField[] | null;
  formProblem: string | null;
}

/** The applicant's editor: title, summary and the campaign's form, autosaved, with uploads and submission. */
export function EntryEditor({ entry, campaign, fields, formProblem }: Props) {
  const { t } = useTranslation();
  const lang = useLang();
  const formFields = fields ?? [];
  const attachments = entry.attachments;

  const invalid = useCallback(
    (c: Parameters<typeof checkContent>[0]) => invalidFields(checkContent(c, formFields, attachments, 'draft', lang)),
    [formFields, attachments, lang],
  );
  const autosave = useAutosave(entry, { invalid, onSaved: entryChanged });
  const { draft } = autosave;

  const { token } = theme.useToken();
  /** After a first attempt to submit, every required field is checked as the user goes. */
  const [submitMode, setSubmitMode] = useState(false);
  const [submitRefusal, setSubmitRefusal] = useState<EditorProblems>(NO_PROBLEMS);
  // The server's refusal described the text as it was; once the user edits, the live checks take over.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset on every edit.
  useEffect(() => setSubmitRefusal(NO_PROBLEMS), [draft]);
  const live = useMemo(
    () => checkContent(draft, formFields, attachments, submitMode ? 'submit' : 'draft', lang),
    [draft, formFields, attachments, lang, submitMode],
  );
  const problems = mergeProblems(live, fromServer(autosave.serverProblems), submitRefusal);

  /** An upload or a removal changed the entry on the server: reload it and keep editing on its version. */
  const refresh = useCallback(() => {
    void fetchEntry(entry.id).then((server) => {
      autosave.adopt(server);
      entryChanged(server);
    });
  }, [entry.id, autosave.adopt]);

  const summaryCount = countChars(draft.summary);
  const state = autosave.state;

  return (
    <Flex vertical gap={16}>
      {/* Under the sticky header, so the user sees the save state wherever they are in a long form. */}
      <div style={{ position: 'sticky', top: 64, zIndex: 5, background: token.colorBgLayout, padding: '6px 0', marginBlock: -6 }}>
        <SaveStatus state={state} lastSaved={new Date(entry.updatedAt)} />
      </div>
      <Card title={t('entries.basics')}>
        <Form layout="vertical" component="div">
          <Form.Item
            label={t('entries.caseTitle')}
            htmlFor="entry-title"
            required
            validateStatus={problems.title.length ? 'error' : undefined}
            help={problems.title.join('；') || undefined}
          >
            <Input
              id="entry-title"
              data-testid="entry-title"
              value={draft.title}
              maxLength={ENTRY_LIMITS.title}
              showCount
              onChange={(e) => autosave.update({ title: e.target.value })}
            />
          </Form.Item>
          <Form.Item
            label={t('entries.summary')}
            htmlFor="entry-summary"
            validateStatus={problems.summary.length ? 'error' : undefined}
            help={problems.summary.join('；') || undefined}
            extra={
              <Typography.Text
                type={summaryCount > ENTRY_LIMITS.summary ? 'danger' : 'secondary'}
                data-testid="entry-summary-count"
              >
                {t('entries.summaryCount', { count: summaryCount, max: ENTRY_LIMITS.summary })}
              </Typography.Text>
            }
          >
            <Input.TextArea
              id="entry-summary"
              data-testid="entry-summary"
              value={draft.summary}
              autoSize={{ minRows: 5, maxRows: 14 }}
              placeholder={t('entries.summaryPlaceholder')}
              onChange={(e) => autosave.update({ summary: e.target.value })}
            />
          </Form.Item>
        </Form>
      </Card>

      <Card title={t('entries.formTitle')}>
        {formProblem ? <Alert type="warning" showIcon title={formProblem} style={{ marginBottom: 16 }} /> : null}
        {fields ? (
          <FormRenderer
            fields={fields}
            answers={draft.answers}
            onChange={(answers) => autosave.update({ answers })}
            problems={problems.answers}
            attachments={attachments}
            renderAttachment={(field) => (
              <AttachmentUploader
                entryId={entry.id}
                field={field}
                attachment={attachments.find((a) => a.slot === field.key)}
                onChanged={refresh}
              />
            )}
          />
        ) : null}
      </Card>

      <SubmitCard
        entry={entry}
        campaign={campaign}
        autosave={autosave}
        check={() => checkContent(autosave.draft, formFields, attachments, 'submit', lang)}
        onAttempt={() => setSubmitMode(true)}
        onRefused={setSubmitRefusal}
      />

      <RestoreDialog offer={autosave.restoreOffer} onRestore={autosave.acceptRestore} onDiscard={autosave.declineRestore} />
      <ConflictDialog
        open={state.kind === 'conflict'}
        entryId={entry.id}
        mine={draft}
        mineBase={autosave.baseContent()}
        fields={formFields}
        current={state.kind === 'conflict' ? state.current : 0}
        yours={state.kind === 'conflict' ? state.yours : 0}
        onResolve={autosave.resolveConflict}
      />
    </Flex>
  );
}
