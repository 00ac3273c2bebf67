import { DeleteOutlined } from '@ant-design/icons';
import { AGGREGATION_METHODS, type TCampaignView, type TFormField, type TRoundView } from '@casearena/contract';
import {
  Alert,
  Button,
  Card,
  Col,
  ConfigProvider,
  Flex,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Radio,
  Row,
  Select,
  Switch,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { useLang } from '../../../../i18n/index.ts';
import { MaterialsEditor } from './MaterialsEditor.tsx';
import { RoundStatusActions } from './RoundStatusActions.tsx';
import type { RoundValues } from './rounds-values.ts';
import { SheetEditor } from './SheetEditor.tsx';

interface Props {
  name: number;
  campaign: TCampaignView;
  /** The round as saved, if it was. */
  saved: TRoundView | undefined;
  formFields: TFormField[];
  problems: string[];
  dirty: boolean;
  onRemove: () => void;
  onStatusChanged: (round: TRoundView) => void;
}

/**
 * One round of the set: its name and dates, which entries it judges, its score sheet, how it is judged and
 * aggregated, and what judges see. A started round keeps its sheet and scope (the server says ROUND_SHEET_LOCKED
 * otherwise), a frozen one everything, so those parts are shown but not editable.
 */
export function RoundCard({ name, campaign, saved, formFields, problems, dirty, onRemove, onStatusChanged }: Props) {
  const { t } = useTranslation();
  const lang = useLang();
  const form = Form.useFormInstance();
  // preserve: the ids have no form item of their own, and the sources list names rounds by id.
  const all = (Form.useWatch('rounds', { form, preserve: true }) ?? []) as RoundValues[];
  const me = all[name];
  const scopeKind = me?.scopeKind ?? 'themes';
  const status = saved?.status ?? 'draft';
  const started = status !== 'draft';
  const frozen = status === 'frozen';
  const criteria = me?.sheet?.criteria ?? [];
  const tieOptions = [
    ...criteria
      .filter((c) => c?.key)
      .map((c) => ({
        value: `criterion:${c.key}`,
        label: t('judgingOrganizer.rounds.tieCriterion', { label: c.label?.[lang] || c.key }),
      })),
    { value: 'submittedAt', label: t('judgingOrganizer.rounds.tieSubmittedAt') },
  ];
  const sources = all
    .filter((r, i) => i !== name && r?.id)
    .map((r) => ({ value: r.id, label: r.label || t('judgingOrganizer.rounds.untitled') }));
  return (
    <Card
      data-testid={`round-card-${name}`}
      title={`${t('judgingOrganizer.rounds.roundN', { n: name + 1 })} · ${me?.label || t('judgingOrganizer.rounds.untitled')}`}
      extra={
        started ? null : (
          <Popconfirm
            title={t('judgingOrganizer.rounds.removeConfirm', { label: me?.label || t('judgingOrganizer.rounds.untitled') })}
            okButtonProps={{ danger: true }}
            onConfirm={onRemove}
          >
            <Button size="small" danger type="text" icon={<DeleteOutlined />}>
              {t('judgingOrganizer.rounds.remove')}
            </Button>
          </Popconfirm>
        )
      }
    >
      <Flex vertical gap={12}>
        {/* Not the form's: a read-only form must still link to the round's page; the buttons follow their abilities. */}
        <ConfigProvider componentDisabled={false}>
          <RoundStatusActions campaignId={campaign.id} round={saved} dirty={dirty} onChanged={onStatusChanged} />
        </ConfigProvider>
        {problems.length > 0 ? (
          <Alert type="error" showIcon role="alert" title={problems.join('；')} data-testid={`round-problems-${name}`} />
        ) : null}
        {frozen ? (
          <Alert type="info" showIcon title={t('judgingOrganizer.rounds.frozenHint')} />
        ) : started ? (
          <Alert type="info" showIcon title={t('judgingOrganizer.rounds.lockedHint')} />
        ) : null}
        <ConfigProvider componentDisabled={frozen ? true : undefined}>
          <Row gutter={8}>
            <Col xs={24} sm={16} md={8}>
              <Form.Item label={t('judgingOrganizer.rounds.label')} name={[name, 'label']}>
                <Input maxLength={40} placeholder="专家初评" data-testid={`round-label-${name}`} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={8} md={4}>
              <Form.Item
                label={t('judgingOrganizer.rounds.key')}
                name={[name, 'key']}
                tooltip={t('judgingOrganizer.rounds.keyHint')}
              >
                <Input maxLength={32} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} md={6}>
              <Form.Item label={t('judgingOrganizer.rounds.opensAt')} name={[name, 'opensAt']}>
                <Input type="datetime-local" data-testid={`round-opens-${name}`} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} md={6}>
              <Form.Item label={t('judgingOrganizer.rounds.closesAt')} name={[name, 'closesAt']}>
                <Input type="datetime-local" data-testid={`round-closes-${name}`} />
              </Form.Item>
            </Col>
          </Row>
          <ConfigProvider componentDisabled={started ? true : undefined}>
            <Form.Item label={t('judgingOrganizer.rounds.scope')} name={[name, 'scopeKind']}>
              <Radio.Group
                options={[
                  { value: 'themes', label: t('judgingOrganizer.rounds.scopeThemes') },
                  { value: 'advanced', label: t('judgingOrganizer.rounds.scopeAdvanced'), disabled: sources.length === 0 },
                ]}
              />
            </Form.Item>
            {scopeKind === 'themes' ? (
              <Row gutter={8}>
                <Col xs={24} md={campaign.tracks.length > 0 ? 16 : 24}>
                  <Form.Item label={t('judgingOrganizer.rounds.themes')} name={[name, 'themeIds']}>
                    <Select
                      mode="multiple"
                      optionFilterProp="label"
                      options={campaign.themes.map((th) => ({ value: th.id, label: `${th.code} ${th.title}` }))}
                      data-testid={`round-themes-${name}`}
                    />
                  </Form.Item>
                </Col>
                {campaign.tracks.length > 0 ? (
                  <Col xs={24} md={8}>
                    <Form.Item
                      label={t('judgingOrganizer.rounds.tracks')}
                      name={[name, 'trackKeys']}
                      extra={t('judgingOrganizer.rounds.tracksHint')}
                    >
                      <Select mode="multiple" options={campaign.tracks.map((tr) => ({ value: tr.key, label: tr.label }))} />
                    </Form.Item>
                  </Col>
                ) : null}
              </Row>
            ) : (
              <Form.Item
                label={t('judgingOrganizer.rounds.fromRound')}
                name={[name, 'fromRoundId']}
                extra={t('judgingOrganizer.rounds.fromRoundHint')}
              >
                <Select options={sources} />
              </Form.Item>
            )}
            <SheetEditor name={name} />
          </ConfigProvider>
          <Card size="small" title={t('judgingOrganizer.rounds.judging')}>
            <Row gutter={8}>
              <Col xs={24} md={12}>
                <Form.Item name={[name, 'blind']} valuePropName="checked" label={t('judgingOrganizer.rounds.blind')}>
                  <Switch data-testid={`round-blind-${name}`} />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name={[name, 'seeOthers']} valuePropName="checked" label={t('judgingOrganizer.rounds.seeOthers')}>
                  <Switch />
                </Form.Item>
              </Col>
              <Col xs={12} md={6}>
                <Form.Item label={t('judgingOrganizer.rounds.judgesPerEntry')} name={[name, 'judgesPerEntry']}>
                  <InputNumber min={1} max={30} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col xs={12} md={6}>
                <Form.Item label={t('judgingOrganizer.rounds.maxLoad')} name={[name, 'maxLoad']}>
                  <InputNumber min={1} max={10000} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item label={t('judgingOrganizer.rounds.method')} name={[name, 'method']}>
                  <Select
                    options={AGGREGATION_METHODS.map((m) => ({ value: m, label: t(`judgingOrganizer.rounds.methods.${m}`) }))}
                  />
                </Form.Item>
              </Col>
              <Col xs={24}>
                <Form.Item label={t('judgingOrganizer.rounds.tieBreak')} name={[name, 'tieBreak']}>
                  <Select mode="multiple" options={tieOptions} placeholder={t('judgingOrganizer.rounds.tieBreakPlaceholder')} />
                </Form.Item>
              </Col>
            </Row>
          </Card>
          <MaterialsEditor name={name} formFields={formFields} />
        </ConfigProvider>
      </Flex>
    </Card>
  );
}
