import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { AWARD_RULE_KINDS, type TAwardRule, type TAwardRuleKind } from '@casearena/contract';
import { Alert, Button, Card, Checkbox, Flex, Form, Input, InputNumber, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyApiError } from '../../components/api-error.ts';
import { useSaveAwardRules } from './awards-api.ts';

/** The form's shape of a rule: every kind's fields side by side, the honour as a switch and its fields. */
interface RuleValues {
  kind: TAwardRuleKind;
  key: string;
  labelZh: string;
  labelEn: string;
  hasHonour: boolean;
  honourZh?: string;
  honourEn?: string;
  perTheme?: number;
  roundId?: string | null;
  stageIds?: string[];
  tiers?: string[];
  /** Not edited here: carried through so that saving keeps the tiers' award names (卓越案例). */
  tierLabels?: Record<string, { 'zh-CN': string; en: string }>;
  tier?: string;
  quotas?: Array<{ trackKey: string | null; quota: number }>;
  tiesTaken?: boolean;
}

function toValues(r: TAwardRule): RuleValues {
  return {
    kind: r.kind,
    key: r.key,
    labelZh: r.label['zh-CN'],
    labelEn: r.label.en,
    hasHonour: r.honour !== null,
    honourZh: r.honour?.label['zh-CN'] ?? '',
    honourEn: r.honour?.label.en ?? '',
    perTheme: r.honour?.perTheme ?? 1,
    roundId: 'roundId' in r ? r.roundId : null,
    stageIds: r.kind === 'medals' ? r.stageIds : [],
    tiers: r.kind === 'tiers' ? r.tiers : [],
    tierLabels: r.kind === 'tiers' ? r.tierLabels : {},
    tier: r.kind === 'most_tier' ? r.tier : '',
    quotas: r.kind === 'quota' ? r.quotas : [{ trackKey: null, quota: 5 }],
    tiesTaken: r.kind === 'quota' ? r.tiesTaken : false,
  };
}

function toRule(v: RuleValues): TAwardRule {
  const base = {
    key: v.key.trim(),
    label: { 'zh-CN': v.labelZh.trim(), en: v.labelEn.trim() },
    honour: v.hasHonour
      ? { label: { 'zh-CN': (v.honourZh ?? '').trim(), en: (v.honourEn ?? '').trim() }, perTheme: v.perTheme ?? 1 }
      : null,
  };
  const roundId = v.roundId?.trim() ? v.roundId.trim() : null;
  switch (v.kind) {
    case 'tiers':
      return { ...base, kind: 'tiers', roundId, tiers: v.tiers ?? [], tierLabels: v.tierLabels ?? {} };
    case 'medals':
      return { ...base, kind: 'medals', stageIds: v.stageIds ?? [] };
    case 'popularity':
      return { ...base, kind: 'popularity' };
    case 'most_entries':
      return { ...base, kind: 'most_entries' };
    case 'most_tier':
      return { ...base, kind: 'most_tier', roundId, tier: (v.tier ?? '').trim() };
    case 'quota':
      return {
        ...base,
        kind: 'quota',
        roundId,
        tiesTaken: v.tiesTaken ?? false,
        quotas: (v.quotas ?? []).map((q) => ({ trackKey: q.trackKey?.trim() ? q.trackKey.trim() : null, quota: q.quota })),
      };
  }
}

/** The fields a kind of rule has besides its name and honour (S0-10 tiers, S3-1 quotas …). */
function KindFields({ index, kind }: { index: number; kind: TAwardRuleKind }) {
  const { t } = useTranslation();
  const round = (
    <Form.Item name={[index, 'roundId']} label={t('awards.editor.roundId')} extra={t('awards.editor.roundIdHint')}>
      <Input placeholder={t('awards.editor.roundIdPlaceholder')} allowClear />
    </Form.Item>
  );
  switch (kind) {
    case 'tiers':
      return (
        <>
          {round}
          <Form.Item
            name={[index, 'tiers']}
            label={t('awards.editor.tiers')}
            extra={t('awards.editor.tiersHint')}
            rules={[{ required: true, type: 'array', min: 1, message: t('awards.editor.tiersRequired') }]}
          >
            <Select mode="tags" tokenSeparators={[',', '，', ' ']} open={false} />
          </Form.Item>
        </>
      );
    case 'medals':
      return <Typography.Paragraph type="secondary">{t('awards.editor.medalsHint')}</Typography.Paragraph>;
    case 'popularity':
      return <Typography.Paragraph type="secondary">{t('awards.editor.popularityHint')}</Typography.Paragraph>;
    case 'most_entries':
      return <Typography.Paragraph type="secondary">{t('awards.editor.mostEntriesHint')}</Typography.Paragraph>;
    case 'most_tier':
      return (
        <>
          {round}
          <Form.Item name={[index, 'tier']} label={t('awards.editor.tier')} rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={40} placeholder="outstanding" />
          </Form.Item>
        </>
      );
    case 'quota':
      return (
        <>
          {round}
          <Form.List name={[index, 'quotas']}>
            {(fields, { add, remove }) => (
              <Flex vertical gap={4}>
                <Typography.Text>{t('awards.editor.quotas')}</Typography.Text>
                {fields.map((f) => (
                  <Space key={f.key} wrap>
                    <Form.Item name={[f.name, 'trackKey']} noStyle>
                      <Input placeholder={t('awards.editor.trackKey')} style={{ width: 160 }} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'quota']} noStyle rules={[{ required: true }]}>
                      <InputNumber min={1} max={10000} precision={0} />
                    </Form.Item>
                    <Button
                      type="text"
                      icon={<DeleteOutlined />}
                      onClick={() => remove(f.name)}
                      aria-label={t('common.remove')}
                    />
                  </Space>
                ))}
                <Button
                  size="small"
                  icon={<PlusOutlined />}
                  onClick={() => add({ trackKey: null, quota: 5 })}
                  style={{ alignSelf: 'start' }}
                >
                  {t('awards.editor.addQuota')}
                </Button>
              </Flex>
            )}
          </Form.List>
          <Form.Item name={[index, 'tiesTaken']} valuePropName="checked" style={{ marginTop: 8 }}>
            <Checkbox>{t('awards.editor.tiesTaken')}</Checkbox>
          </Form.Item>
        </>
      );
  }
}

/** The award rules as a form, one card per rule (campaign data, editable until the set is frozen). */
export function RulesEditor({
  campaignId,
  version,
  rules,
  onDone,
}: {
  campaignId: string;
  version: number;
  rules: TAwardRule[];
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ rules: RuleValues[] }>();
  const save = useSaveAwardRules(campaignId);
  const [error, setError] = useState<string | null>(null);
  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={{ rules: rules.map(toValues) }}
      onFinish={(v) => {
        setError(null);
        save.mutate(
          { version, rules: v.rules.map(toRule) },
          { onSuccess: onDone, onError: (err) => setError(applyApiError(null, err)) },
        );
      }}
      data-testid="award-rules-editor"
    >
      <Form.List name="rules">
        {(fields, { add, remove }) => (
          <Flex vertical gap={12}>
            {fields.map((f) => (
              <Card
                key={f.key}
                size="small"
                title={t('awards.editor.ruleN', { n: f.name + 1 })}
                extra={
                  <Button
                    type="text"
                    danger
                    icon={<DeleteOutlined />}
                    onClick={() => remove(f.name)}
                    disabled={fields.length <= 1}
                  >
                    {t('common.remove')}
                  </Button>
                }
              >
                <Flex gap={12} wrap="wrap">
                  <Form.Item name={[f.name, 'kind']} label={t('awards.editor.kind')} style={{ minWidth: 200 }}>
                    <Select options={AWARD_RULE_KINDS.map((k) => ({ value: k, label: t(`awards.kinds.${k}`) }))} />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'key']}
                    label={t('awards.editor.key')}
                    rules={[{ required: true, pattern: /^[a-z][a-z0-9_]{0,31}$/, message: t('awards.editor.keyInvalid') }]}
                  >
                    <Input style={{ width: 160 }} />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'labelZh']}
                    label={t('awards.editor.labelZh')}
                    rules={[{ required: true, whitespace: true, max: 40 }]}
                  >
                    <Input style={{ width: 180 }} />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'labelEn']}
                    label={t('awards.editor.labelEn')}
                    rules={[{ required: true, whitespace: true, max: 80 }]}
                  >
                    <Input style={{ width: 200 }} />
                  </Form.Item>
                </Flex>
                <Form.Item noStyle shouldUpdate>
                  {() => <KindFields index={f.name} kind={form.getFieldValue(['rules', f.name, 'kind']) as TAwardRuleKind} />}
                </Form.Item>
                <Form.Item name={[f.name, 'hasHonour']} valuePropName="checked" style={{ marginBottom: 8 }}>
                  <Checkbox>{t('awards.editor.honour')}</Checkbox>
                </Form.Item>
                <Form.Item noStyle shouldUpdate>
                  {() =>
                    form.getFieldValue(['rules', f.name, 'hasHonour']) ? (
                      <Flex gap={12} wrap="wrap">
                        <Form.Item
                          name={[f.name, 'honourZh']}
                          label={t('awards.editor.honourZh')}
                          rules={[{ required: true, whitespace: true }]}
                        >
                          <Input style={{ width: 200 }} placeholder="总决赛/峰会邀请" />
                        </Form.Item>
                        <Form.Item
                          name={[f.name, 'honourEn']}
                          label={t('awards.editor.honourEn')}
                          rules={[{ required: true, whitespace: true }]}
                        >
                          <Input style={{ width: 220 }} />
                        </Form.Item>
                        <Form.Item name={[f.name, 'perTheme']} label={t('awards.editor.perTheme')} rules={[{ required: true }]}>
                          <InputNumber min={1} max={100} precision={0} />
                        </Form.Item>
                      </Flex>
                    ) : null
                  }
                </Form.Item>
              </Card>
            ))}
            <Button
              icon={<PlusOutlined />}
              onClick={() =>
                add({ kind: 'most_entries', key: `rule_${fields.length + 1}`, labelZh: '', labelEn: '', hasHonour: false })
              }
              style={{ alignSelf: 'start' }}
            >
              {t('awards.editor.addRule')}
            </Button>
          </Flex>
        )}
      </Form.List>
      {error ? <Alert type="error" showIcon style={{ marginTop: 12 }} title={error} /> : null}
      <Flex gap={8} style={{ marginTop: 12 }}>
        <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="award-rules-save">
          {t('awards.editor.save')}
        </Button>
        <Button onClick={onDone}>{t('common.cancel')}</Button>
      </Flex>
    </Form>
  );
}
