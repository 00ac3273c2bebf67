import { Button, Card, Flex, Form, type FormInstance, Input, InputNumber, Radio, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RuleValues } from './rule-form.ts';

/**
 * Advancement (top N or top X% per theme/track, S2-6) or tiers by proportion with higher tiers taken first (S0-10),
 * with the rounding, the base of the percentages and what happens to ties at the cut all stated.
 */
export function RuleForm(props: {
  form: FormInstance<RuleValues>;
  initial: RuleValues;
  onPreview: (v: RuleValues) => void;
  previewing: boolean;
}) {
  const { form, initial, onPreview, previewing } = props;
  const { t } = useTranslation();
  const mode = Form.useWatch('mode', form) ?? initial.mode;
  const by = Form.useWatch('by', form) ?? initial.by;
  const tiers = (Form.useWatch('tiers', form) ?? initial.tiers) as RuleValues['tiers'];
  const opt = (group: 'roundingOptions' | 'baseOptions' | 'tiesOptions', keys: readonly string[]) =>
    keys.map((k) => ({
      value: k,
      label: t(`judgingRound.results.${group}.${k}` as 'judgingRound.results.roundingOptions.ceil'),
    }));
  const usesPercent = mode === 'tiers' || by === 'percent';

  return (
    <Card size="small" data-testid="rule-form">
      <Form<RuleValues> form={form} layout="vertical" initialValues={initial} onFinish={onPreview}>
        <Form.Item name="mode" label={t('judgingRound.results.mode')}>
          <Radio.Group
            options={[
              { value: 'tiers', label: t('judgingRound.results.modeTiers') },
              { value: 'advance', label: t('judgingRound.results.modeAdvance') },
            ]}
          />
        </Form.Item>
        {mode === 'advance' ? (
          <Flex gap={12} wrap>
            <Form.Item name="by" label={t('judgingRound.results.by')}>
              <Radio.Group
                optionType="button"
                options={[
                  { value: 'count', label: t('judgingRound.results.byCount') },
                  { value: 'percent', label: t('judgingRound.results.byPercent') },
                ]}
              />
            </Form.Item>
            {by === 'count' ? (
              <Form.Item name="n" label={t('judgingRound.results.n')} rules={[{ required: true }]}>
                <InputNumber min={0} max={100_000} precision={0} />
              </Form.Item>
            ) : (
              <Form.Item name="percent" label={t('judgingRound.results.percent')} rules={[{ required: true }]}>
                <InputNumber min={0} max={100} />
              </Form.Item>
            )}
          </Flex>
        ) : (
          <Form.Item label={t('judgingRound.results.tiers')}>
            <Form.List name="tiers">
              {(fields, { add, remove }) => (
                <Flex vertical gap={8}>
                  {fields.map((f) => (
                    <Flex
                      key={f.key}
                      gap={8}
                      wrap
                      align="start"
                      data-testid="tier-row"
                      // On a phone a tier's five inputs wrap over two lines: the box keeps them one tier.
                      style={{ border: '1px solid #f0f0f0', borderRadius: 6, padding: 8 }}
                    >
                      <Form.Item name={[f.name, 'key']} noStyle rules={[{ required: true, pattern: /^[a-z][a-z0-9_]{0,31}$/ }]}>
                        <Input style={{ width: 120 }} placeholder={t('judgingRound.results.tierKey')} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'zh']} noStyle rules={[{ required: true }]}>
                        <Input style={{ width: 96 }} placeholder={t('judgingRound.results.tierLabel')} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'en']} noStyle rules={[{ required: true }]}>
                        <Input style={{ width: 120 }} placeholder={t('judgingRound.results.tierLabelEn')} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'by']} noStyle>
                        <Select
                          style={{ width: 88 }}
                          options={[
                            { value: 'percent', label: t('judgingRound.results.byPercent') },
                            { value: 'count', label: t('judgingRound.results.byCount') },
                          ]}
                        />
                      </Form.Item>
                      <Form.Item name={[f.name, 'value']} noStyle rules={[{ required: true }]}>
                        <InputNumber min={0} max={100_000} style={{ width: 88 }} />
                      </Form.Item>
                      <Button type="link" danger onClick={() => remove(f.name)} disabled={fields.length <= 1}>
                        {t('judgingRound.results.removeTier')}
                      </Button>
                    </Flex>
                  ))}
                  <Button
                    onClick={() => add({ key: `tier${fields.length + 1}`, zh: '', en: '', by: 'percent', value: 10 })}
                    disabled={fields.length >= 5}
                    style={{ alignSelf: 'start' }}
                  >
                    {t('judgingRound.results.addTier')}
                  </Button>
                </Flex>
              )}
            </Form.List>
          </Form.Item>
        )}
        <Flex gap={12} wrap>
          {usesPercent ? (
            <>
              <Form.Item name="rounding" label={t('judgingRound.results.rounding')}>
                <Select style={{ width: 140 }} options={opt('roundingOptions', ['round', 'ceil', 'floor'])} />
              </Form.Item>
              <Form.Item name="base" label={t('judgingRound.results.base')}>
                <Select style={{ width: 200 }} options={opt('baseOptions', ['entries', 'eligible'])} />
              </Form.Item>
            </>
          ) : null}
          <Form.Item name="ties" label={t('judgingRound.results.ties')} style={{ minWidth: 0 }}>
            <Select style={{ width: 260, maxWidth: '100%' }} options={opt('tiesOptions', ['include-ties', 'strict'])} />
          </Form.Item>
          {mode === 'tiers' ? (
            <Form.Item name="advanceTiers" label={t('judgingRound.results.advanceTiers')}>
              <Select
                mode="multiple"
                style={{ minWidth: 200 }}
                options={tiers.filter((x) => x?.key).map((x) => ({ value: x.key, label: x.zh || x.key }))}
              />
            </Form.Item>
          ) : null}
        </Flex>
        <Button type="primary" htmlType="submit" loading={previewing} data-testid="results-preview">
          {t('judgingRound.results.preview')}
        </Button>
      </Form>
    </Card>
  );
}
