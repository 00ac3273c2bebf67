import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  errorMessage,
  SEED_000_SHEET,
  type TCampaignView,
  type TFormField,
  type TRoundsView,
  type TRoundView,
  ZRoundsInput,
} from '@casearena/contract';
import { Alert, App, Button, Empty, Flex, Form, type FormInstance, Skeleton, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../../api/client.ts';
import { refetchRounds, useRounds, useSaveRounds } from '../../../../api/judging-setup.ts';
import { useCampaignForm } from '../../../../api/organizer.ts';
import { formatDateTime } from '../../../../components/format.ts';
import { useSessionDraft } from '../../../../components/session-draft.ts';
import { issueMessage } from '../../../../components/zod-form.ts';
import { useLang } from '../../../../i18n/index.ts';
import { PageError } from '../../../organizer/PageError.tsx';
import { RoundCard } from './RoundCard.tsx';
import { errorText } from './refusals.ts';
import { type RoundProblems, showRoundErrors } from './round-errors.ts';
import { newRound, type RoundsValues, sheetValues, toRoundInput, toRoundsValues } from './rounds-values.ts';

const NO_PROBLEMS: RoundProblems = { byRound: {}, general: [] };
const DRAFT_FIELDS = ['rounds'] as const;

/** The 评审轮次 tab: the campaign's rounds, loaded, then edited as one set. */
export function RoundsTab({ campaign }: { campaign: TCampaignView }) {
  const rounds = useRounds(campaign.id);
  const entryForm = useCampaignForm(campaign.id);
  // The editor restarts from the server's copy when the organizer discards a draft.
  const [generation, setGeneration] = useState(0);
  if (rounds.isPending) return <Skeleton active />;
  if (rounds.isError) return <PageError error={rounds.error} onRetry={() => void rounds.refetch()} />;
  return (
    <RoundsEditor
      key={generation}
      campaign={campaign}
      view={rounds.data}
      formFields={entryForm.data?.fields ?? []}
      onDiscard={() => {
        void refetchRounds(campaign.id).then(() => setGeneration((g) => g + 1));
      }}
    />
  );
}

interface EditorProps {
  campaign: TCampaignView;
  view: TRoundsView;
  formFields: TFormField[];
  onDiscard: () => void;
}

function RoundsEditor({ campaign, view, formFields, onDiscard }: EditorProps) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<RoundsValues>();
  const save = useSaveRounds(campaign.id);
  const draft = useSessionDraft<RoundsValues>(`judging-rounds.${campaign.id}`, DRAFT_FIELDS);
  const restored = Array.isArray(draft.initial.rounds);
  const [baseline, setBaseline] = useState(() => JSON.stringify(toRoundsValues(view)));
  const [initial] = useState<RoundsValues>(() => (restored ? (draft.initial as RoundsValues) : toRoundsValues(view)));
  const [dirty, setDirty] = useState(() => JSON.stringify(initial) !== baseline);
  const [problems, setProblems] = useState<RoundProblems>(NO_PROBLEMS);
  const [summary, setSummary] = useState<string | null>(null);
  const [stale, setStale] = useState(false);
  const savedById = useMemo(() => new Map(view.rounds.map((r) => [r.id, r])), [view]);
  const readOnly = view.abilities.edit !== true;
  const span = (p: TRoundsView['scoringPhases'][number]) =>
    `${formatDateTime(p.startsAt, lang)} – ${formatDateTime(p.endsAt, lang)}`;
  const phases = view.scoringPhases
    .map((p) => (lang === 'en' ? `${p.label} (${span(p)})` : `${p.label}（${span(p)}）`))
    .join(lang === 'en' ? '; ' : '；');

  const discard = () => {
    draft.clear();
    onDiscard();
  };

  const clearErrors = () => {
    const untyped = form as FormInstance;
    untyped.setFields(
      untyped
        .getFieldsError()
        .filter((f) => f.errors.length > 0)
        .map((f) => ({ name: f.name, errors: [] })),
    );
  };

  /** The server's copy becomes the form's and the baseline; the draft kept in the session goes. */
  const adopt = (next: TRoundsView) => {
    const values = toRoundsValues(next);
    form.setFieldsValue(values);
    setBaseline(JSON.stringify(values));
    setDirty(false);
    draft.clear();
  };

  const report = (errors: Array<{ path: string; message: string }>, text: string) => {
    const found = showRoundErrors(form, errors);
    setProblems(found);
    setSummary([text, ...found.general].join('；'));
  };

  const submit = () => {
    clearErrors();
    setProblems(NO_PROBLEMS);
    setSummary(null);
    setStale(false);
    const values = form.getFieldsValue(true) as RoundsValues;
    const parsed = ZRoundsInput.safeParse({ rounds: (values.rounds ?? []).map(toRoundInput) });
    if (!parsed.success) {
      const errors = parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: issueMessage(i, lang) }));
      report(errors, errorMessage('ROUNDS_INVALID', lang, { count: errors.length }));
      return;
    }
    save.mutate(parsed.data, {
      onSuccess: (next) => {
        adopt(next);
        message.success(t('judgingOrganizer.rounds.saved'));
      },
      onError: (err) => {
        if (err instanceof ApiError && err.code === 'STALE_VERSION') setStale(true);
        report(err instanceof ApiError ? err.fields : [], errorText('rounds', err));
      },
    });
  };

  const onStatusChanged = (round: TRoundView) => {
    // Only reachable without unsaved changes: the form takes the round's new version and status.
    const values = form.getFieldsValue(true) as RoundsValues;
    const rounds = values.rounds.map((r) => (r.id === round.id ? { ...r, version: round.version } : r));
    form.setFieldsValue({ rounds });
    setBaseline(JSON.stringify({ rounds }));
  };

  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={initial}
      disabled={readOnly}
      onFinish={submit}
      onValuesChange={() => {
        const now = form.getFieldsValue(true) as RoundsValues;
        setDirty(JSON.stringify(now) !== baseline);
        draft.save(form);
      }}
      name={`rounds-${campaign.id}`}
    >
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">{t('judgingOrganizer.rounds.intro')}</Typography.Text>
        {view.scoringPhases.length > 0 ? (
          <Typography.Text>{t('judgingOrganizer.rounds.phases', { phases })}</Typography.Text>
        ) : (
          <Alert type="warning" showIcon title={t('judgingOrganizer.rounds.noPhases')} />
        )}
        {readOnly ? <Alert type="info" showIcon title={t('judgingOrganizer.rounds.readOnly')} /> : null}
        {restored && dirty ? (
          <Alert
            type="info"
            showIcon
            title={t('judgingOrganizer.rounds.draftRestored')}
            action={
              <Button size="small" icon={<ReloadOutlined />} onClick={discard}>
                {t('judgingOrganizer.rounds.discard')}
              </Button>
            }
          />
        ) : null}
        <Form.List name="rounds">
          {(items, { add, remove }) => (
            <Flex vertical gap={12}>
              {items.length === 0 ? <Empty description={t('judgingOrganizer.rounds.none')} /> : null}
              {items.map(({ key, name }) => {
                const id = form.getFieldValue(['rounds', name, 'id']) as string | undefined;
                return (
                  <RoundCard
                    key={key}
                    name={name}
                    campaign={campaign}
                    saved={id ? savedById.get(id) : undefined}
                    formFields={formFields}
                    problems={problems.byRound[name] ?? []}
                    dirty={dirty}
                    onRemove={() => {
                      remove(name);
                      setProblems(NO_PROBLEMS);
                    }}
                    onStatusChanged={onStatusChanged}
                  />
                );
              })}
              <div>
                <Button
                  icon={<PlusOutlined />}
                  disabled={items.length >= 10}
                  data-testid="round-add"
                  onClick={() => {
                    const others = ((form.getFieldsValue(true) as RoundsValues).rounds ?? []).filter(Boolean);
                    add(
                      newRound(
                        others,
                        view.scoringPhases,
                        campaign.themes.map((th) => th.id),
                        sheetValues(SEED_000_SHEET),
                      ),
                    );
                  }}
                >
                  {t('judgingOrganizer.rounds.add')}
                </Button>
              </div>
            </Flex>
          )}
        </Form.List>
        {summary ? (
          <Alert
            type="error"
            showIcon
            role="alert"
            title={summary}
            data-testid="rounds-error"
            action={
              stale ? (
                <Button size="small" icon={<ReloadOutlined />} onClick={discard}>
                  {t('judgingOrganizer.rounds.discard')}
                </Button>
              ) : null
            }
          />
        ) : null}
        {readOnly ? null : (
          <Flex
            gap={8}
            align="center"
            wrap="wrap"
            style={{ position: 'sticky', bottom: 0, padding: '8px 0', background: 'var(--ant-color-bg-layout, #f5f5f5)' }}
          >
            <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="rounds-save">
              {t('judgingOrganizer.rounds.save')}
            </Button>
            {dirty ? <Tag color="warning">{t('judgingOrganizer.rounds.unsaved')}</Tag> : null}
          </Flex>
        )}
      </Flex>
    </Form>
  );
}
