import { type TCampaignView, ZUpdateCampaignInput } from '@casearena/contract';
import { Alert, App, Button, Card, ConfigProvider, Flex, Form, Input, Tabs } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client.ts';
import { useUpdateCampaign } from '../../../api/organizer.ts';
import { issueMessage, zodRule } from '../../../components/zod-form.ts';
import { useLang } from '../../../i18n/index.ts';
import { IntroductionEditor } from './IntroductionEditor.tsx';
import { RulesCards } from './RulesCards.tsx';
import {
  changedSettings,
  type SETTINGS_KEYS,
  type SettingsValues,
  showFieldErrors,
  toSettingsValues,
} from './settings-values.ts';
import { PhasesCard, ThemesCard } from './ThemesPhasesCards.tsx';

const shape = ZUpdateCampaignInput.shape;

type Section = 'basics' | 'schedule' | 'rules';
const SECTION_OF = {
  title: 'basics',
  introduction: 'basics',
  eligibility: 'basics',
  consent: 'basics',
  themes: 'schedule',
  phases: 'schedule',
  eligibilityRules: 'rules',
  tracks: 'rules',
  entryRules: 'rules',
} as const satisfies Record<(typeof SETTINGS_KEYS)[number], Section>;
const sectionOf = (name: unknown): Section | null =>
  typeof name === 'string' && name in SECTION_OF ? SECTION_OF[name as keyof typeof SECTION_OF] : null;

/**
 * Texts, themes and timeline, and who may enter, in three tabs saved together as one PATCH of what changed. A tab
 * with a problem opens itself, so an error is never hidden behind another tab.
 */
export function CampaignSettingsForm({ campaign }: { campaign: TCampaignView }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<SettingsValues>();
  const update = useUpdateCampaign(campaign.id);
  const [problem, setProblem] = useState<string | null>(null);
  const [tab, setTab] = useState<Section>('basics');
  /** Opens the first tab (in the page's order) holding one of these fields, unless the current one holds one. */
  const reveal = (names: unknown[]) => {
    const sections = names.map(sectionOf).filter((x): x is Section => x !== null);
    if (sections.length > 0 && !sections.includes(tab))
      setTab((['basics', 'schedule', 'rules'] as const).find((s) => sections.includes(s)) ?? tab);
  };
  // From the server's abilities (issue 8 item 3): a closed call is frozen; who may enter and when is fixed once it is
  // published, only its texts may still be corrected.
  const readOnly = campaign.abilities.edit !== true;
  const rulesLocked = campaign.abilities.editRules !== true;
  // The values this form started from (or last saved): a colleague's change fetched meanwhile must not count as ours.
  const [initial, setInitial] = useState(() => toSettingsValues(campaign));

  const submit = () => {
    setProblem(null);
    const values = { ...initial, ...(form.getFieldsValue(true) as Partial<SettingsValues>) };
    const patch = changedSettings(initial, values);
    if (Object.keys(patch).length === 0) {
      message.info(t('organizer.settingsForm.nothingChanged'));
      return;
    }
    const parsed = ZUpdateCampaignInput.safeParse(patch);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: issueMessage(i, lang) }));
      const rest = showFieldErrors(form, issues);
      reveal(issues.map((i) => i.path.split('.')[0]));
      if (rest.length > 0) setProblem(rest.join('；'));
      return;
    }
    update.mutate(parsed.data, {
      onSuccess: (saved) => {
        // What the server kept (the introduction sanitized) becomes what the form shows.
        const kept = toSettingsValues(saved);
        setInitial(kept);
        form.setFieldsValue(kept);
        message.success(t('organizer.settingsForm.saved'));
      },
      onError: (err) => {
        const fields = err instanceof ApiError ? err.fields : [];
        const rest = showFieldErrors(form, fields);
        reveal(fields.map((f) => f.path.split('.')[0]));
        setProblem(rest.length > 0 ? `${err.message}：${rest.join('；')}` : err.message);
      },
    });
  };

  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={initial}
      onFinish={submit}
      onFinishFailed={({ errorFields }) => reveal(errorFields.map((f) => f.name[0]))}
      disabled={readOnly}
      name={`campaign-${campaign.id}`}
    >
      <Flex vertical gap={16}>
        {readOnly ? <Alert type="info" showIcon title={t('organizer.settingsForm.readOnlyHint')} /> : null}
        <Tabs
          activeKey={tab}
          onChange={(k) => setTab(k as Section)}
          items={[
            { key: 'basics', label: t('organizer.settingsForm.basics'), forceRender: true, children: <BasicsCard /> },
            {
              key: 'schedule',
              label: t('organizer.settingsForm.schedule'),
              forceRender: true,
              children: (
                <Locked locked={rulesLocked} readOnly={readOnly}>
                  <ThemesCard locked={rulesLocked} />
                  <PhasesCard locked={rulesLocked} />
                </Locked>
              ),
            },
            {
              key: 'rules',
              label: t('organizer.settingsForm.rules'),
              forceRender: true,
              children: (
                <Locked locked={rulesLocked} readOnly={readOnly}>
                  <RulesCards locked={rulesLocked} />
                </Locked>
              ),
            },
          ]}
        />
        {problem ? <Alert type="error" showIcon role="alert" title={problem} /> : null}
        {readOnly ? null : (
          <div>
            <Button type="primary" htmlType="submit" loading={update.isPending} data-testid="campaign-save">
              {t('organizer.settingsForm.save')}
            </Button>
          </div>
        )}
      </Flex>
    </Form>
  );
}

/** Sections the server no longer lets change: disabled, with the reason above them. */
function Locked({ locked, readOnly, children }: { locked: boolean; readOnly: boolean; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={16}>
      {locked && !readOnly ? <Alert type="info" showIcon title={t('organizer.settingsForm.rulesLockedHint')} /> : null}
      <ConfigProvider componentDisabled={locked || readOnly}>
        <Flex vertical gap={16}>
          {children}
        </Flex>
      </ConfigProvider>
    </Flex>
  );
}

function BasicsCard() {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <Card>
      <Form.Item label={t('organizer.settingsForm.title')} name="title" rules={[zodRule(shape.title, lang, { required: true })]}>
        <Input maxLength={100} showCount />
      </Form.Item>
      <Form.Item
        label={t('organizer.settingsForm.introduction')}
        name="introduction"
        rules={[zodRule(shape.introduction, lang)]}
        extra={t('organizer.settingsForm.introductionHint')}
      >
        <IntroductionEditor />
      </Form.Item>
      <Form.Item label={t('organizer.settingsForm.eligibility')} name="eligibility" rules={[zodRule(shape.eligibility, lang)]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={500} showCount />
      </Form.Item>
      <Form.Item
        label={t('organizer.settingsForm.consent')}
        name="consent"
        rules={[zodRule(shape.consent, lang, { required: true })]}
      >
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={2000} showCount />
      </Form.Item>
    </Card>
  );
}
