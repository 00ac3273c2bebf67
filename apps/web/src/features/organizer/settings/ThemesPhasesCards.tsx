import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { PHASE_CAPABILITIES, ZPhaseInput, ZThemeInput } from '@casearena/contract';
import { Button, Card, Checkbox, Col, Flex, Form, Input, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { zodRule } from '../../../components/zod-form.ts';
import { useLang } from '../../../i18n/index.ts';

const themeShape = ZThemeInput.shape;
const phaseShape = ZPhaseInput.shape;

interface RowActionsProps {
  locked: boolean;
  index: number;
  count: number;
  move(from: number, to: number): void;
  remove(index: number): void;
}

function RowActions({ locked, index, count, move, remove }: RowActionsProps) {
  const { t } = useTranslation();
  return (
    <Flex gap={4}>
      <Button
        size="small"
        type="text"
        icon={<ArrowUpOutlined />}
        aria-label={t('organizer.editor.moveUp')}
        disabled={locked || index === 0}
        onClick={() => move(index, index - 1)}
      />
      <Button
        size="small"
        type="text"
        icon={<ArrowDownOutlined />}
        aria-label={t('organizer.editor.moveDown')}
        disabled={locked || index === count - 1}
        onClick={() => move(index, index + 1)}
      />
      <Button
        size="small"
        type="text"
        danger
        icon={<DeleteOutlined />}
        aria-label={t('common.remove')}
        disabled={locked}
        onClick={() => remove(index)}
      />
    </Flex>
  );
}

/** `locked`: the campaign is no longer a draft, so the server refuses changes here (buttons' own `disabled` wins over the form's). */
interface CardProps {
  locked: boolean;
}

/** The call's themes (code, title, recommended directions), in the order applicants see them. */
export function ThemesCard({ locked }: CardProps) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <Card title={t('organizer.settingsForm.themes')}>
      <Form.List name="themes">
        {(items, { add, remove, move }, { errors }) => (
          <Flex vertical gap={8}>
            {items.map(({ key, name }, i) => (
              <Card
                key={key}
                size="small"
                title={t('organizer.settingsForm.themeN', { n: i + 1 })}
                extra={<RowActions locked={locked} index={i} count={items.length} move={move} remove={remove} />}
              >
                <Row gutter={8}>
                  <Col xs={24} sm={6}>
                    <Form.Item
                      label={t('organizer.settingsForm.themeCode')}
                      name={[name, 'code']}
                      tooltip={t('organizer.settingsForm.themeCodeHint')}
                      rules={[zodRule(themeShape.code, lang, { required: true })]}
                    >
                      <Input maxLength={6} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} sm={18}>
                    <Form.Item
                      label={t('organizer.settingsForm.themeTitle')}
                      name={[name, 'title']}
                      rules={[zodRule(themeShape.title, lang, { required: true })]}
                    >
                      <Input maxLength={60} />
                    </Form.Item>
                  </Col>
                </Row>
                <Form.Item
                  label={t('organizer.settingsForm.themeDirections')}
                  name={[name, 'directions']}
                  rules={[zodRule(themeShape.directions, lang)]}
                  style={{ marginBottom: 0 }}
                >
                  <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={2000} />
                </Form.Item>
              </Card>
            ))}
            <Form.ErrorList errors={errors} />
            <div>
              <Button
                icon={<PlusOutlined />}
                disabled={locked || items.length >= 30}
                onClick={() => add({ code: `T${String(items.length + 1).padStart(2, '0')}`, title: '', directions: '' })}
              >
                {t('organizer.settingsForm.addTheme')}
              </Button>
            </div>
          </Flex>
        )}
      </Form.List>
    </Card>
  );
}

/** The timeline: each phase by Shanghai calendar days, with what it allows (submitting, screening, voting …). */
export function PhasesCard({ locked }: CardProps) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <Card title={t('organizer.settingsForm.phases')}>
      <Form.List name="phases">
        {(items, { add, remove, move }, { errors }) => (
          <Flex vertical gap={8}>
            {items.map(({ key, name }, i) => (
              <Card
                key={key}
                size="small"
                title={t('organizer.settingsForm.phaseN', { n: i + 1 })}
                extra={<RowActions locked={locked} index={i} count={items.length} move={move} remove={remove} />}
              >
                <Row gutter={8}>
                  <Col xs={24} sm={8}>
                    <Form.Item
                      label={t('organizer.settingsForm.phaseLabel')}
                      name={[name, 'label']}
                      rules={[zodRule(phaseShape.label, lang, { required: true })]}
                    >
                      <Input maxLength={30} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} sm={6}>
                    <Form.Item
                      label={t('organizer.settingsForm.phaseKey')}
                      name={[name, 'key']}
                      tooltip={t('organizer.settingsForm.trackKeyHint')}
                      rules={[zodRule(phaseShape.key, lang, { required: true })]}
                    >
                      <Input maxLength={30} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} sm={5}>
                    <Form.Item
                      label={t('organizer.settingsForm.phaseStart')}
                      name={[name, 'start']}
                      rules={[zodRule(phaseShape.start, lang, { required: true })]}
                    >
                      <Input type="date" />
                    </Form.Item>
                  </Col>
                  <Col xs={12} sm={5}>
                    <Form.Item
                      label={t('organizer.settingsForm.phaseEnd')}
                      name={[name, 'end']}
                      dependencies={[['phases', name, 'start']]}
                      rules={[
                        zodRule(phaseShape.end, lang, { required: true }),
                        ({ getFieldValue }) => ({
                          validator: async (_, end: string) => {
                            const start = getFieldValue(['phases', name, 'start']) as string | undefined;
                            if (start && end && start > end) throw new Error(t('organizer.settingsForm.phaseEndBeforeStart'));
                          },
                        }),
                      ]}
                    >
                      <Input type="date" />
                    </Form.Item>
                  </Col>
                </Row>
                <Form.Item
                  label={t('organizer.settingsForm.phaseCapabilities')}
                  name={[name, 'capabilities']}
                  style={{ marginBottom: 0 }}
                >
                  <Checkbox.Group
                    options={PHASE_CAPABILITIES.map((c) => ({ value: c, label: t(`organizer.settingsForm.capabilities.${c}`) }))}
                  />
                </Form.Item>
              </Card>
            ))}
            <Form.ErrorList errors={errors} />
            <div>
              <Button
                icon={<PlusOutlined />}
                disabled={locked || items.length >= 12}
                onClick={() => add({ key: `phase_${items.length + 1}`, label: '', start: '', end: '', capabilities: [] })}
              >
                {t('organizer.settingsForm.addPhase')}
              </Button>
            </div>
          </Flex>
        )}
      </Form.List>
    </Card>
  );
}
