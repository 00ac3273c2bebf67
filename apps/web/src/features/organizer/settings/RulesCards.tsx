import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { ORG_KINDS, ZTrack } from '@casearena/contract';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, Col, Flex, Form, Input, InputNumber, Radio, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { fetchRegions } from '../../../api/orgs.ts';
import { orgKindLabel } from '../../../components/format.ts';
import { zodRule } from '../../../components/zod-form.ts';
import { useLang } from '../../../i18n/index.ts';

const COUNTY_LEVELS = ['any', 'exclude', 'only'] as const;

/**
 * Who may enter (organization kinds, county level, provinces), the tracks that rank separately, and how many entries
 * an organization may make. `locked`: no longer a draft, so the server refuses changes here.
 */
export function RulesCards({ locked }: { locked: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  // Provinces are the regions without a parent; they never change while the app runs.
  const provinces = useQuery({
    queryKey: ['organizer', 'provinces'],
    queryFn: () => fetchRegions(null),
    staleTime: Number.POSITIVE_INFINITY,
  });
  return (
    <Flex vertical gap={16}>
      <Card title={t('organizer.settingsForm.rules')}>
        <Alert type="info" showIcon title={t('organizer.settingsForm.rulesHint')} style={{ marginBottom: 16 }} />
        <Form.Item label={t('organizer.settingsForm.orgKinds')} name={['eligibilityRules', 'orgKinds']}>
          <Select
            mode="multiple"
            allowClear
            placeholder={t('organizer.settingsForm.orgKindsAny')}
            options={ORG_KINDS.map((k) => ({ value: k, label: orgKindLabel(k, lang) }))}
            optionFilterProp="label"
          />
        </Form.Item>
        <Form.Item label={t('organizer.settingsForm.countyLevel')} name={['eligibilityRules', 'countyLevel']}>
          <Radio.Group options={COUNTY_LEVELS.map((c) => ({ value: c, label: t(`organizer.settingsForm.county.${c}`) }))} />
        </Form.Item>
        <Form.Item label={t('organizer.settingsForm.provinces')} name={['eligibilityRules', 'provinceCodes']}>
          <Select
            mode="multiple"
            allowClear
            loading={provinces.isPending}
            placeholder={t('organizer.settingsForm.provincesAny')}
            options={(provinces.data ?? []).map((r) => ({ value: r.code, label: r.name }))}
            optionFilterProp="label"
          />
        </Form.Item>
      </Card>

      <Card title={t('organizer.settingsForm.tracks')}>
        <Alert type="info" showIcon title={t('organizer.settingsForm.tracksHint')} style={{ marginBottom: 16 }} />
        <Form.List name="tracks">
          {(items, { add, remove }, { errors }) => (
            <Flex vertical gap={8}>
              {items.map(({ key, name }) => (
                <Row key={key} gutter={8} align="top">
                  <Col xs={24} sm={7}>
                    <Form.Item
                      label={t('organizer.settingsForm.trackKey')}
                      name={[name, 'key']}
                      rules={[zodRule(ZTrack.shape.key, lang, { required: true })]}
                      tooltip={t('organizer.settingsForm.trackKeyHint')}
                    >
                      <Input maxLength={20} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} sm={9}>
                    <Form.Item
                      label={t('organizer.settingsForm.trackLabel')}
                      name={[name, 'label']}
                      rules={[zodRule(ZTrack.shape.label, lang, { required: true })]}
                    >
                      <Input maxLength={30} />
                    </Form.Item>
                  </Col>
                  <Col xs={18} sm={6}>
                    <Form.Item label=" " name={[name, 'countyLevelOnly']} valuePropName="checked">
                      <Checkbox>{t('organizer.settingsForm.countyOnly')}</Checkbox>
                    </Form.Item>
                  </Col>
                  <Col xs={6} sm={2}>
                    <Form.Item label=" ">
                      <Button
                        type="text"
                        danger
                        icon={<DeleteOutlined />}
                        aria-label={t('common.remove')}
                        onClick={() => remove(name)}
                      />
                    </Form.Item>
                  </Col>
                </Row>
              ))}
              <Form.ErrorList errors={errors} />
              <div>
                <Button
                  icon={<PlusOutlined />}
                  disabled={locked || items.length >= 5}
                  onClick={() => add({ key: '', label: '', countyLevelOnly: false })}
                >
                  {t('organizer.settingsForm.addTrack')}
                </Button>
              </div>
            </Flex>
          )}
        </Form.List>
      </Card>

      <Card title={t('organizer.settingsForm.entryRules')}>
        <Form.Item name={['entryRules', 'onePerOrganizationPerTheme']} valuePropName="checked">
          <Checkbox>{t('organizer.settingsForm.onePerTheme')}</Checkbox>
        </Form.Item>
        <Form.Item label={t('organizer.settingsForm.maxPerOrg')} name={['entryRules', 'maxPerOrganization']}>
          <InputNumber
            min={1}
            max={100}
            precision={0}
            placeholder={t('organizer.settingsForm.maxPerOrgAny')}
            suffix={t('organizer.settingsForm.maxPerOrgUnit') || undefined}
            style={{ width: 200, maxWidth: '100%' }}
          />
        </Form.Item>
        <Form.Item label={t('organizer.settingsForm.maxPerDept')} name={['entryRules', 'maxPerDepartment']}>
          <InputNumber
            min={1}
            max={100}
            precision={0}
            placeholder={t('organizer.settingsForm.maxPerOrgAny')}
            suffix={t('organizer.settingsForm.maxPerOrgUnit') || undefined}
            style={{ width: 200, maxWidth: '100%' }}
          />
        </Form.Item>
      </Card>
    </Flex>
  );
}
