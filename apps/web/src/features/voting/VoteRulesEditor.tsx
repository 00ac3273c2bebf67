import { type TCampaignView, type TVoteRules, ZVoteRules } from '@casearena/contract';
import { Alert, App, Button, Card, Col, Flex, Form, InputNumber, Row, Select, Skeleton, Switch, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSaveVoteRules, useVoteRules } from '../../api/voting.ts';
import { applyApiError } from '../../components/api-error.ts';
import { issueMessage } from '../../components/zod-form.ts';
import { useLang } from '../../i18n/index.ts';
import { windowRanges } from './refusal-text.ts';

/** The form's shape: the share as a percent (10 for 10%), the rest as the contract has it. */
type RulesForm = Omit<TVoteRules, 'popularityProportion'> & { popularityPercent: number };

const toForm = (r: TVoteRules): RulesForm => {
  const { popularityProportion, ...rest } = r;
  return { ...rest, popularityPercent: Math.round(popularityProportion * 1000) / 10 };
};
const fromForm = (f: RulesForm): TVoteRules => {
  const { popularityPercent, ...rest } = f;
  return { ...rest, dailyCapPerVoter: rest.dailyCapPerVoter ?? null, popularityProportion: (popularityPercent ?? 0) / 100 };
};

/**
 * The organizer's vote rules for a campaign (S0-14): weights, votable themes and tracks, the daily cap, account age,
 * certified-only, counts shown during the phase, the popularity share. Editable only when the server says so
 * (`abilities.edit`: managers, while the campaign is a draft); otherwise shown read-only with the reason.
 */
export function VoteRulesEditor({ campaign }: { campaign: TCampaignView }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const view = useVoteRules(campaign.id);
  const save = useSaveVoteRules(campaign.id);
  const [form] = Form.useForm<RulesForm>();
  const [error, setError] = useState<string | null>(null);
  const percent = Form.useWatch('popularityPercent', form);

  if (view.isPending)
    return (
      <Card title={t('voting.rules')}>
        <Skeleton active />
      </Card>
    );
  if (view.isError)
    return (
      <Card title={t('voting.rules')} data-testid="vote-rules">
        <Alert type="warning" showIcon title={view.error.message} />
      </Card>
    );
  const v = view.data;
  const edit = v.abilities.edit;
  const locked = edit !== true;

  const submit = async (values: RulesForm) => {
    setError(null);
    // Fields not shown (tracks, for a campaign without them) keep their saved values.
    const parsed = ZVoteRules.safeParse(fromForm({ ...toForm(v.rules), ...values }));
    if (!parsed.success) {
      setError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${issueMessage(i, lang)}`).join('；'));
      return;
    }
    try {
      const saved = await save.mutateAsync(parsed.data);
      form.setFieldsValue(toForm(saved.rules));
      void message.success(t('voting.saved'));
    } catch (err) {
      setError(applyApiError(form, err));
    }
  };

  return (
    <Card title={t('voting.rules')} data-testid="vote-rules">
      <Flex vertical gap={12} style={{ marginBottom: 16 }}>
        <Typography.Text type="secondary">{t('voting.rulesIntro')}</Typography.Text>
        {v.windows.length > 0 ? (
          <Typography.Text strong data-testid="vote-rules-windows">
            {t('voting.windows', { ranges: windowRanges(v.windows, lang) })}
          </Typography.Text>
        ) : (
          <Alert type="warning" showIcon title={t('voting.noWindow')} />
        )}
        {locked ? (
          <Alert
            type="info"
            showIcon
            data-testid="vote-rules-locked"
            data-code={edit}
            title={t(edit === 'FORBIDDEN' ? 'voting.rulesForbidden' : 'voting.rulesLocked')}
          />
        ) : null}
      </Flex>
      <Form<RulesForm>
        form={form}
        layout="vertical"
        disabled={locked}
        initialValues={toForm(v.rules)}
        onFinish={(values) => void submit(values)}
        aria-label={t('voting.rules')}
      >
        <Form.Item name="enabled" label={t('voting.enabled')} valuePropName="checked">
          <Switch data-testid="vote-rules-enabled" />
        </Form.Item>
        <Typography.Text strong>{t('voting.weightsTitle')}</Typography.Text>
        <Row gutter={16} style={{ marginTop: 8 }}>
          {(['none', 'professional', 'institution'] as const).map((level) => (
            <Col xs={24} sm={8} key={level}>
              <Form.Item
                name={['weights', level]}
                label={t(
                  level === 'none'
                    ? 'voting.weightNone'
                    : level === 'professional'
                      ? 'voting.weightProfessional'
                      : 'voting.weightInstitution',
                )}
                rules={[{ required: true }]}
              >
                <InputNumber
                  min={0}
                  max={1000}
                  precision={0}
                  prefix="+"
                  style={{ width: '100%' }}
                  data-testid={`vote-rules-weight-${level}`}
                />
              </Form.Item>
            </Col>
          ))}
        </Row>
        <Form.Item name="themeIds" label={t('voting.themes')} extra={t('voting.themesHint')}>
          <Select
            mode="multiple"
            allowClear
            placeholder={t('voting.themesHint')}
            options={campaign.themes.map((th) => ({ value: th.id, label: `${th.code} ${th.title}` }))}
            optionFilterProp="label"
            data-testid="vote-rules-themes"
          />
        </Form.Item>
        {campaign.tracks.length > 0 ? (
          <Form.Item name="trackKeys" label={t('voting.tracks')} extra={t('voting.tracksHint')}>
            <Select
              mode="multiple"
              allowClear
              placeholder={t('voting.tracksHint')}
              options={campaign.tracks.map((tr) => ({ value: tr.key, label: tr.label }))}
              data-testid="vote-rules-tracks"
            />
          </Form.Item>
        ) : null}
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item name="dailyCapPerVoter" label={t('voting.dailyCap')} extra={t('voting.dailyCapHint')}>
              <InputNumber min={1} max={1000} precision={0} style={{ width: '100%' }} data-testid="vote-rules-daily-cap" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="minAccountAgeHours" label={t('voting.minAge')} rules={[{ required: true }]}>
              <InputNumber min={0} max={24 * 90} precision={0} style={{ width: '100%' }} data-testid="vote-rules-min-age" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="certifiedOnly" label={t('voting.certifiedOnly')} valuePropName="checked">
          <Switch data-testid="vote-rules-certified-only" />
        </Form.Item>
        <Form.Item name="showCountsDuringPhase" label={t('voting.showCounts')} valuePropName="checked">
          <Switch data-testid="vote-rules-show-counts" />
        </Form.Item>
        <Form.Item
          name="popularityPercent"
          label={t('voting.proportion')}
          extra={t('voting.proportionHint', { percent: percent ?? 0 })}
          rules={[{ required: true }]}
        >
          <InputNumber min={0} max={100} step={1} suffix="%" style={{ width: 160 }} data-testid="vote-rules-proportion" />
        </Form.Item>
        {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="vote-rules-error" /> : null}
        {locked ? null : (
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="vote-rules-save">
            {t('voting.save')}
          </Button>
        )}
      </Form>
    </Card>
  );
}
