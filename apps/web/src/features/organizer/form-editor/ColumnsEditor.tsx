import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { TFormField } from '@casearena/contract';
import { Button, Card, Checkbox, Col, Flex, Input, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { freeKey } from './new-field.ts';
import { messagesFor, Setting, type SettingIssue, TagsSetting } from './Setting.tsx';

type Column = Extract<TFormField, { kind: 'table' }>['columns'][number];
const COLUMN_KINDS = ['text', 'number', 'select', 'phone', 'email'] as const satisfies readonly Column['kind'][];

interface Props {
  columns: Column[];
  onChange(columns: Column[]): void;
  /** Issues under `columns.` (paths like '0.key', relative to the list). */
  issues: readonly SettingIssue[];
}

const move = <T,>(list: T[], from: number, to: number): T[] => {
  const next = [...list];
  const [item] = next.splice(from, 1);
  if (item !== undefined) next.splice(to, 0, item);
  return next;
};

export function ColumnsEditor({ columns, onChange, issues }: Props) {
  const { t } = useTranslation();
  const set = (i: number, patch: Partial<Column>) => onChange(columns.map((c, j) => (j === i ? { ...c, ...patch } : c)));
  return (
    <Flex vertical gap={8}>
      {columns.map((c, i) => {
        const at = (name: string) => messagesFor(issues, `${i}.${name}`);
        return (
          <Card
            // Columns are edited in place, keys included; position is their identity while editing.
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            key={i}
            size="small"
            title={t('organizer.editor.column', { n: i + 1 })}
            extra={
              <Flex gap={4}>
                <Button
                  size="small"
                  type="text"
                  icon={<ArrowUpOutlined />}
                  aria-label={t('organizer.editor.moveUp')}
                  disabled={i === 0}
                  onClick={() => onChange(move(columns, i, i - 1))}
                />
                <Button
                  size="small"
                  type="text"
                  icon={<ArrowDownOutlined />}
                  aria-label={t('organizer.editor.moveDown')}
                  disabled={i === columns.length - 1}
                  onClick={() => onChange(move(columns, i, i + 1))}
                />
                <Button
                  size="small"
                  type="text"
                  danger
                  icon={<DeleteOutlined />}
                  aria-label={t('common.remove')}
                  disabled={columns.length === 1}
                  onClick={() => onChange(columns.filter((_, j) => j !== i))}
                />
              </Flex>
            }
          >
            <Row gutter={8}>
              <Col xs={24} sm={12}>
                <Setting label={t('organizer.editor.label')} messages={at('label')}>
                  <Input value={c.label} onChange={(e) => set(i, { label: e.target.value })} />
                </Setting>
              </Col>
              <Col xs={24} sm={12}>
                <Setting label={t('organizer.editor.key')} messages={at('key')}>
                  <Input value={c.key} onChange={(e) => set(i, { key: e.target.value.trim() })} />
                </Setting>
              </Col>
              <Col xs={24} sm={12}>
                <Setting label={t('organizer.editor.columnKind')} messages={at('kind')}>
                  <Select
                    value={c.kind}
                    options={COLUMN_KINDS.map((k) => ({ value: k, label: t(`organizer.editor.columnKinds.${k}`) }))}
                    onChange={(kind: Column['kind']) => set(i, { kind })}
                  />
                </Setting>
              </Col>
              <Col xs={24} sm={12}>
                <Setting label=" ">
                  <Checkbox checked={c.required} onChange={(e) => set(i, { required: e.target.checked })}>
                    {t('organizer.editor.requiredSwitch')}
                  </Checkbox>
                </Setting>
              </Col>
              {c.kind === 'select' ? (
                <Col xs={24}>
                  <Setting
                    label={t('organizer.editor.options')}
                    messages={at('options')}
                    extra={t('organizer.editor.optionsHint')}
                  >
                    <TagsSetting value={c.options} onChange={(options) => set(i, { options })} />
                  </Setting>
                </Col>
              ) : null}
            </Row>
          </Card>
        );
      })}
      <div>
        <Button
          icon={<PlusOutlined />}
          disabled={columns.length >= 12}
          onClick={() =>
            onChange([
              ...columns,
              {
                key: freeKey(
                  'col',
                  columns.map((c) => c.key),
                ),
                label: t('organizer.editor.column', { n: columns.length + 1 }),
                kind: 'text',
                options: [],
                required: false,
              },
            ])
          }
        >
          {t('organizer.editor.addColumn')}
        </Button>
      </div>
    </Flex>
  );
}
