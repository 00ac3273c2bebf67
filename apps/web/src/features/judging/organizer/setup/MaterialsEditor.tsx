import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { ATTACHMENT_TYPE_LABELS, ATTACHMENT_TYPES, SEED_002_SECOND_REVIEW_SLOTS, type TFormField } from '@casearena/contract';
import { Button, Card, Checkbox, Col, Flex, Form, Input, InputNumber, Row, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { type SlotValues, toSlotValues } from './rounds-values.ts';

/**
 * What judges see of an entry in this round: fields of the entry form, its attachments, and the round's own slots
 * that advancing entries fill before it opens (seed 002's presentation PPT and a video of at most 8 minutes).
 */
export function MaterialsEditor({ name, formFields }: { name: number; formFields: TFormField[] }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const slots = (Form.useWatch(['rounds', name, 'materials', 'extraSlots'], form) ?? []) as SlotValues[];
  const fieldOptions = [
    { value: 'title', label: t('judgingOrganizer.materials.entryTitle') },
    { value: 'summary', label: t('judgingOrganizer.materials.entrySummary') },
    ...formFields.filter((f) => f.kind !== 'attachment').map((f) => ({ value: f.key, label: f.label })),
  ];
  const attachmentOptions = formFields.filter((f) => f.kind === 'attachment').map((f) => ({ value: f.key, label: f.label }));
  const addPreset = () => {
    // Read with the parts that have no form item (a slot's PPT rules), so setting the list keeps them.
    const current = (form.getFieldValue(['rounds', name, 'materials', 'extraSlots']) ?? []) as SlotValues[];
    const have = new Set(current.map((s) => s.key));
    const more = SEED_002_SECOND_REVIEW_SLOTS.filter((s) => !have.has(s.key)).map(toSlotValues);
    form.setFieldValue(['rounds', name, 'materials', 'extraSlots'], [...current, ...more]);
  };
  return (
    <Card size="small" title={t('judgingOrganizer.materials.title')}>
      <Row gutter={8}>
        <Col xs={24} md={12}>
          <Form.Item label={t('judgingOrganizer.materials.fieldKeys')} name={[name, 'materials', 'fieldKeys']}>
            <Select mode="multiple" options={fieldOptions} optionFilterProp="label" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label={t('judgingOrganizer.materials.attachmentKeys')} name={[name, 'materials', 'attachmentKeys']}>
            <Select mode="multiple" options={attachmentOptions} optionFilterProp="label" />
          </Form.Item>
        </Col>
      </Row>
      <Flex justify="space-between" align="center" wrap="wrap" gap={8} style={{ marginBottom: 8 }}>
        <Typography.Text strong>{t('judgingOrganizer.materials.extraSlots')}</Typography.Text>
        <Button size="small" onClick={addPreset} data-testid={`slots-preset002-${name}`}>
          {t('judgingOrganizer.materials.preset002')}
        </Button>
      </Flex>
      <Form.List name={[name, 'materials', 'extraSlots']}>
        {(items, { add, remove }) => (
          <Flex vertical gap={4}>
            {items.map(({ key, name: s }) => (
              <Row key={key} gutter={8} align="bottom">
                <Col xs={24} sm={12} md={6}>
                  <Form.Item label={t('judgingOrganizer.materials.slotLabel')} name={[s, 'label']}>
                    <Input maxLength={60} />
                  </Form.Item>
                </Col>
                <Col xs={12} sm={6} md={4}>
                  <Form.Item label={t('judgingOrganizer.materials.slotKey')} name={[s, 'key']}>
                    <Input maxLength={40} />
                  </Form.Item>
                </Col>
                <Col xs={12} sm={6} md={4}>
                  <Form.Item label={t('judgingOrganizer.materials.slotTypes')} name={[s, 'types']}>
                    <Select
                      mode="multiple"
                      options={ATTACHMENT_TYPES.map((x) => ({ value: x, label: ATTACHMENT_TYPE_LABELS[x] }))}
                    />
                  </Form.Item>
                </Col>
                <Col xs={8} sm={6} md={3}>
                  <Form.Item label={t('judgingOrganizer.materials.slotMaxMb')} name={[s, 'maxMb']}>
                    <InputNumber min={1} max={2048} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col xs={8} sm={6} md={3}>
                  <Form.Item label={t('judgingOrganizer.materials.slotMaxMinutes')} name={[s, 'maxMinutes']}>
                    <InputNumber min={1} max={1440} style={{ width: '100%' }} disabled={!slots[s]?.types?.includes('mp4')} />
                  </Form.Item>
                </Col>
                <Col xs={6} sm={6} md={3}>
                  <Form.Item name={[s, 'required']} valuePropName="checked">
                    <Checkbox>{t('judgingOrganizer.materials.slotRequired')}</Checkbox>
                  </Form.Item>
                </Col>
                <Col xs={2} sm={6} md={1}>
                  <Form.Item>
                    <Button
                      danger
                      type="text"
                      icon={<DeleteOutlined />}
                      onClick={() => remove(s)}
                      aria-label={t('common.remove')}
                    />
                  </Form.Item>
                </Col>
              </Row>
            ))}
            <div>
              <Button
                size="small"
                icon={<PlusOutlined />}
                disabled={items.length >= 10}
                onClick={() =>
                  add({
                    key: `material${items.length + 1}`,
                    label: '',
                    types: ['pdf'],
                    maxMb: 50,
                    maxMinutes: null,
                    required: true,
                  } satisfies SlotValues)
                }
              >
                {t('judgingOrganizer.materials.addSlot')}
              </Button>
            </div>
          </Flex>
        )}
      </Form.List>
    </Card>
  );
}
