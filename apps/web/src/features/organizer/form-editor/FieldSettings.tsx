import { ATTACHMENT_TYPE_LABELS, ATTACHMENT_TYPES, type TFormField } from '@casearena/contract';
import { Checkbox, Col, Form, Input, Row, Switch } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ColumnsEditor } from './ColumnsEditor.tsx';
import { bytesToMb, mbToBytes } from './new-field.ts';
import { messagesFor, NumberSetting, Setting, type SettingIssue, TagsSetting } from './Setting.tsx';

interface Props {
  field: TFormField;
  onChange(next: TFormField): void;
  issues: readonly SettingIssue[];
  /** Prefix for control ids, unique per field on the page. */
  idPrefix: string;
}

/** The settings only some kinds have: limits, options, columns, file types. */
function KindSettings({ field, onChange, issues, idPrefix }: Props): ReactNode {
  const { t } = useTranslation();
  const at = (path: string, exact = false) => messagesFor(issues, path, exact);
  const id = (name: string) => `${idPrefix}-${name}`;
  switch (field.kind) {
    case 'short_text':
      return (
        <Setting label={t('organizer.editor.maxChars')} messages={at('maxChars')} htmlFor={id('maxChars')}>
          <NumberSetting
            id={id('maxChars')}
            min={1}
            max={200}
            value={field.maxChars}
            onChange={(v) => v !== null && onChange({ ...field, maxChars: v })}
          />
        </Setting>
      );
    case 'long_text':
      return (
        <>
          <Row gutter={8}>
            <Col xs={12}>
              <Setting label={t('organizer.editor.minChars')} messages={at('minChars')} htmlFor={id('minChars')}>
                <NumberSetting
                  id={id('minChars')}
                  min={0}
                  max={20000}
                  value={field.minChars}
                  onChange={(v) => v !== null && onChange({ ...field, minChars: v })}
                />
              </Setting>
            </Col>
            <Col xs={12}>
              <Setting label={t('organizer.editor.maxChars')} messages={at('maxChars')} htmlFor={id('maxChars')}>
                <NumberSetting
                  id={id('maxChars')}
                  min={1}
                  max={20000}
                  value={field.maxChars}
                  onChange={(v) => v !== null && onChange({ ...field, maxChars: v })}
                />
              </Setting>
            </Col>
          </Row>
          <Setting
            label={t('organizer.editor.sections')}
            messages={at('sections')}
            extra={t('organizer.editor.sectionsHint')}
            htmlFor={id('sections')}
          >
            <TagsSetting id={id('sections')} value={field.sections} onChange={(sections) => onChange({ ...field, sections })} />
          </Setting>
        </>
      );
    case 'number':
      return (
        <Row gutter={8}>
          <Col xs={12}>
            <Setting label={t('organizer.editor.min')} messages={at('min')} htmlFor={id('min')}>
              <NumberSetting
                id={id('min')}
                nullable
                integer={false}
                value={field.min}
                onChange={(min) => onChange({ ...field, min })}
              />
            </Setting>
          </Col>
          <Col xs={12}>
            <Setting label={t('organizer.editor.max')} messages={at('max')} htmlFor={id('max')}>
              <NumberSetting
                id={id('max')}
                nullable
                integer={false}
                value={field.max}
                onChange={(max) => onChange({ ...field, max })}
              />
            </Setting>
          </Col>
          <Col xs={24}>
            <Checkbox checked={field.integer} onChange={(e) => onChange({ ...field, integer: e.target.checked })}>
              {t('organizer.editor.integer')}
            </Checkbox>
          </Col>
        </Row>
      );
    case 'select':
      return (
        <>
          <Setting
            label={t('organizer.editor.options')}
            messages={at('options')}
            extra={t('organizer.editor.optionsHint')}
            htmlFor={id('options')}
          >
            <TagsSetting id={id('options')} value={field.options} onChange={(options) => onChange({ ...field, options })} />
          </Setting>
          <Checkbox checked={field.multiple} onChange={(e) => onChange({ ...field, multiple: e.target.checked })}>
            {t('organizer.editor.multiple')}
          </Checkbox>
        </>
      );
    case 'table':
      return (
        <>
          <Row gutter={8}>
            <Col xs={12}>
              <Setting label={t('organizer.editor.minRows')} messages={at('minRows')} htmlFor={id('minRows')}>
                <NumberSetting
                  id={id('minRows')}
                  min={0}
                  max={100}
                  value={field.minRows}
                  onChange={(v) => v !== null && onChange({ ...field, minRows: v })}
                />
              </Setting>
            </Col>
            <Col xs={12}>
              <Setting label={t('organizer.editor.maxRows')} messages={at('maxRows')} htmlFor={id('maxRows')}>
                <NumberSetting
                  id={id('maxRows')}
                  min={1}
                  max={100}
                  value={field.maxRows}
                  onChange={(v) => v !== null && onChange({ ...field, maxRows: v })}
                />
              </Setting>
            </Col>
          </Row>
          <Setting label={t('organizer.editor.columns')} messages={at('columns', true)}>
            <ColumnsEditor
              columns={field.columns}
              onChange={(columns) => onChange({ ...field, columns })}
              issues={issues
                .filter((i) => i.path.startsWith('columns.'))
                .map((i) => ({ ...i, path: i.path.slice('columns.'.length) }))}
            />
          </Setting>
        </>
      );
    case 'organization':
      return (
        <Row gutter={8} align="middle">
          <Col xs={24}>
            <Checkbox checked={field.multiple} onChange={(e) => onChange({ ...field, multiple: e.target.checked })}>
              {t('organizer.editor.multipleUnits')}
            </Checkbox>
          </Col>
          {field.multiple ? (
            <Col xs={12} style={{ marginTop: 8 }}>
              <Setting label={t('organizer.editor.maxUnits')} messages={at('maxUnits')} htmlFor={id('maxUnits')}>
                <NumberSetting
                  id={id('maxUnits')}
                  min={1}
                  max={10}
                  value={field.maxUnits}
                  onChange={(v) => v !== null && onChange({ ...field, maxUnits: v })}
                />
              </Setting>
            </Col>
          ) : null}
        </Row>
      );
    case 'attachment':
      return (
        <>
          <Setting label={t('organizer.editor.types')} messages={at('types')}>
            <Checkbox.Group
              value={field.types}
              options={ATTACHMENT_TYPES.map((x) => ({ value: x, label: ATTACHMENT_TYPE_LABELS[x] }))}
              onChange={(types) => onChange({ ...field, types })}
            />
          </Setting>
          <Setting label={t('organizer.editor.maxMb')} messages={at('maxBytes')} htmlFor={id('maxMb')}>
            <NumberSetting
              id={id('maxMb')}
              min={1}
              max={2048}
              value={bytesToMb(field.maxBytes)}
              onChange={(mb) => mb !== null && onChange({ ...field, maxBytes: mbToBytes(mb) })}
            />
          </Setting>
        </>
      );
    case 'date':
    case 'yes_no':
    case 'person':
      return null;
  }
}

/** Everything an organizer can set on one field; each setting shows the contract's message for it. */
export function FieldSettings(props: Props) {
  const { t } = useTranslation();
  const { field, onChange, issues, idPrefix } = props;
  const at = (path: string) => messagesFor(issues, path);
  return (
    <Form layout="vertical" component="div">
      <Row gutter={8}>
        <Col xs={24} sm={14}>
          <Setting label={t('organizer.editor.label')} messages={at('label')} htmlFor={`${idPrefix}-label`}>
            <Input id={`${idPrefix}-label`} value={field.label} onChange={(e) => onChange({ ...field, label: e.target.value })} />
          </Setting>
        </Col>
        <Col xs={24} sm={10}>
          <Setting
            label={t('organizer.editor.key')}
            messages={at('key')}
            htmlFor={`${idPrefix}-key`}
            extra={t('organizer.editor.keyHint')}
          >
            <Input
              id={`${idPrefix}-key`}
              value={field.key}
              onChange={(e) => onChange({ ...field, key: e.target.value.trim() })}
            />
          </Setting>
        </Col>
      </Row>
      <Setting label={t('organizer.editor.help')} messages={at('help')} htmlFor={`${idPrefix}-help`}>
        <Input.TextArea
          id={`${idPrefix}-help`}
          autoSize={{ minRows: 1, maxRows: 6 }}
          value={field.help}
          onChange={(e) => onChange({ ...field, help: e.target.value })}
        />
      </Setting>
      <Setting label={t('organizer.editor.requiredSwitch')} htmlFor={`${idPrefix}-required`}>
        <Switch id={`${idPrefix}-required`} checked={field.required} onChange={(required) => onChange({ ...field, required })} />
      </Setting>
      <KindSettings {...props} />
    </Form>
  );
}
