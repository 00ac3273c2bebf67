import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { SEED_000_SHEET, SEED_001_SHEET, type TCriterion } from '@casearena/contract';
import { Button, Card, Checkbox, Col, Flex, Form, Input, InputNumber, Popconfirm, Row, Select, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { sheetValues, typedWeightSum } from './rounds-values.ts';

const PRESETS = { preset000: SEED_000_SHEET, preset001: SEED_001_SHEET } as const;

/** A criterion key not used yet on this sheet (`criterion_3`). */
function freshKey(criteria: Array<Partial<TCriterion>>): string {
  const used = new Set(criteria.map((c) => c?.key));
  let n = criteria.length + 1;
  while (used.has(`criterion_${n}`)) n += 1;
  return `criterion_${n}`;
}

/**
 * A round's score sheet: criteria with weight, maximum points and decimals, the declared weight total (the server
 * refuses a sum that differs: WEIGHTS_SUM), an optional overall recommendation and comment. The two seeds' sheets
 * come as templates.
 */
export function SheetEditor({ name }: { name: number }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const criteria = (Form.useWatch(['rounds', name, 'sheet', 'criteria'], form) ?? []) as Array<Partial<TCriterion>>;
  const declared = Form.useWatch(['rounds', name, 'sheet', 'weightTotal'], form) as number | undefined;
  const sum = typedWeightSum(criteria);
  return (
    <Card
      size="small"
      title={t('judgingOrganizer.sheet.title')}
      extra={
        <Flex gap={4} wrap="wrap" justify="flex-end">
          {(Object.keys(PRESETS) as Array<keyof typeof PRESETS>).map((k) => (
            <Popconfirm
              key={k}
              title={t('judgingOrganizer.sheet.presetConfirm')}
              onConfirm={() => form.setFieldValue(['rounds', name, 'sheet'], sheetValues(PRESETS[k]))}
            >
              <Button size="small" data-testid={`sheet-${k}-${name}`}>
                {t(`judgingOrganizer.sheet.${k}`)}
              </Button>
            </Popconfirm>
          ))}
        </Flex>
      }
    >
      <Form.List name={[name, 'sheet', 'criteria']}>
        {(items, { add, remove }) => (
          <Flex vertical gap={8}>
            {items.map(({ key, name: c }) => (
              <div key={key} style={{ borderBottom: '1px dashed var(--ant-color-split, #f0f0f0)', paddingBottom: 4 }}>
                <Row gutter={8} align="bottom">
                  <Col xs={24} sm={12} md={6}>
                    <Form.Item label={t('judgingOrganizer.sheet.labelZh')} name={[c, 'label', 'zh-CN']}>
                      <Input maxLength={40} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} sm={12} md={5}>
                    <Form.Item label={t('judgingOrganizer.sheet.labelEn')} name={[c, 'label', 'en']}>
                      <Input maxLength={80} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} sm={6} md={3}>
                    <Form.Item label={t('judgingOrganizer.sheet.criterionKey')} name={[c, 'key']}>
                      <Input maxLength={32} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} sm={6} md={2}>
                    <Form.Item label={t('judgingOrganizer.sheet.weight')} name={[c, 'weight']}>
                      <InputNumber min={0} max={100} style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                  <Col xs={8} sm={4} md={2}>
                    <Form.Item label={t('judgingOrganizer.sheet.max')} name={[c, 'max']}>
                      <InputNumber min={0} max={1000} style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                  <Col xs={8} sm={4} md={2}>
                    <Form.Item label={t('judgingOrganizer.sheet.decimals')} name={[c, 'decimals']}>
                      <Select options={[0, 1, 2].map((d) => ({ value: d, label: String(d) }))} />
                    </Form.Item>
                  </Col>
                  <Col xs={6} sm={3} md={3}>
                    <Form.Item
                      label={t('judgingOrganizer.sheet.commentRequired')}
                      name={[c, 'commentRequired']}
                      valuePropName="checked"
                    >
                      <Switch size="small" />
                    </Form.Item>
                  </Col>
                  <Col xs={2} sm={1} md={1}>
                    <Form.Item>
                      <Button
                        danger
                        type="text"
                        icon={<DeleteOutlined />}
                        disabled={items.length <= 1}
                        onClick={() => remove(c)}
                        aria-label={t('common.remove')}
                      />
                    </Form.Item>
                  </Col>
                </Row>
              </div>
            ))}
            <div>
              <Button
                icon={<PlusOutlined />}
                disabled={items.length >= 12}
                onClick={() =>
                  add({
                    key: freshKey(criteria),
                    label: { 'zh-CN': '', en: '' },
                    weight: 10,
                    max: 10,
                    decimals: 1,
                    commentRequired: false,
                  } satisfies TCriterion)
                }
              >
                {t('judgingOrganizer.sheet.addCriterion')}
              </Button>
            </div>
          </Flex>
        )}
      </Form.List>
      <Row gutter={8} style={{ marginTop: 12 }}>
        <Col xs={24} sm={8}>
          <Form.Item
            label={t('judgingOrganizer.sheet.weightTotal')}
            name={[name, 'sheet', 'weightTotal']}
            extra={
              <Typography.Text type={sum === declared ? 'secondary' : 'warning'} data-testid={`weight-sum-${name}`}>
                {t('judgingOrganizer.sheet.weightSum', { sum })}
              </Typography.Text>
            }
          >
            <InputNumber min={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={16}>
          <Form.Item
            label={t('judgingOrganizer.sheet.recommendation')}
            name={[name, 'sheet', 'recommendation']}
            extra={t('judgingOrganizer.sheet.recommendationHint')}
          >
            <Select
              mode="tags"
              tokenSeparators={[',', '，', '、']}
              options={['推荐', '不推荐'].map((v) => ({ value: v, label: v }))}
            />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name={[name, 'sheet', 'commentRequired']} valuePropName="checked" style={{ marginBottom: 0 }}>
        <Checkbox>{t('judgingOrganizer.sheet.overallComment')}</Checkbox>
      </Form.Item>
    </Card>
  );
}
