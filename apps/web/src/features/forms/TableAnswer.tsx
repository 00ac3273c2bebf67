import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { AnswerProblem } from '@casearena/contract';
import { Button, Card, Col, Flex, Form, Input, InputNumber, Row, Select, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLang } from '../../i18n/index.ts';
import { controlId, type FieldOf, isBlank, messagesAt } from './answers.ts';

type Column = FieldOf<'table'>['columns'][number];
type TableRow = Record<string, unknown>;

export function toRows(value: unknown): TableRow[] {
  return Array.isArray(value) ? value.map((r) => (typeof r === 'object' && r !== null && !Array.isArray(r) ? r : {})) : [];
}

interface CellProps {
  column: Column;
  value: unknown;
  onChange(value: unknown): void;
  id: string;
  invalid: boolean;
}

function Cell({ column, value, onChange, id, invalid }: CellProps): ReactNode {
  const { t } = useTranslation();
  const status = invalid ? 'error' : undefined;
  const text = typeof value === 'string' ? value : '';
  switch (column.kind) {
    case 'number':
      return (
        <InputNumber
          id={id}
          data-testid={id}
          status={status}
          style={{ width: '100%' }}
          value={typeof value === 'number' ? value : null}
          onChange={(v) => onChange(typeof v === 'number' ? v : null)}
        />
      );
    case 'select':
      return (
        <Select
          id={id}
          data-testid={id}
          status={status}
          allowClear
          placeholder={t('forms.choose')}
          value={text || undefined}
          options={column.options.map((o) => ({ value: o, label: o }))}
          onChange={(v: string | undefined) => onChange(v ?? null)}
        />
      );
    case 'phone':
    case 'email':
    case 'text':
      return (
        <Input
          id={id}
          data-testid={id}
          status={status}
          value={text}
          inputMode={column.kind === 'phone' ? 'tel' : column.kind === 'email' ? 'email' : undefined}
          onChange={(e) => onChange(e.target.value)}
        />
      );
  }
}

interface Props {
  field: FieldOf<'table'>;
  value: unknown;
  onChange(rows: TableRow[]): void;
  problems: readonly AnswerProblem[];
}

/**
 * Rows as stacked cards rather than a grid: a table of inputs does not fit a 375 px phone, a card of labelled
 * inputs does, and on a wide screen the columns sit side by side within each card.
 */
export function TableAnswer({ field, value, onChange, problems }: Props) {
  const { t } = useTranslation();
  const lang = useLang();
  const rows = toRows(value);
  const setCell = (i: number, col: string, cell: unknown) =>
    onChange(
      rows.map((row, j) => {
        if (j !== i) return row;
        const next = { ...row };
        if (isBlank(cell)) delete next[col];
        else next[col] = cell;
        return next;
      }),
    );
  const span = field.columns.length >= 3 ? 8 : field.columns.length === 2 ? 12 : 24;
  return (
    <Flex vertical gap={8}>
      {rows.length === 0 ? <Typography.Text type="secondary">{t('forms.noRows')}</Typography.Text> : null}
      {rows.map((row, i) => (
        <Card
          // Rows have no identity of their own; they are controlled, so an index key loses nothing.
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          key={i}
          size="small"
          title={t('forms.row', { n: i + 1 })}
          extra={
            <Button
              type="text"
              size="small"
              danger
              icon={<DeleteOutlined />}
              aria-label={`${t('forms.removeRow')} ${i + 1}`}
              onClick={() => onChange(rows.filter((_, j) => j !== i))}
              data-testid={controlId(field.key, `remove-${i}`)}
            />
          }
        >
          <Row gutter={12}>
            {field.columns.map((c) => {
              const id = controlId(field.key, `${i}-${c.key}`);
              const messages = messagesAt(problems, `${field.key}.${i}.${c.key}`, lang);
              return (
                <Col key={c.key} xs={24} md={span}>
                  <Form.Item
                    label={c.label}
                    htmlFor={id}
                    required={c.required}
                    validateStatus={messages.length > 0 ? 'error' : undefined}
                    help={messages.length > 0 ? messages.join('；') : undefined}
                    style={{ marginBottom: 8 }}
                  >
                    <Cell
                      column={c}
                      id={id}
                      value={row[c.key]}
                      invalid={messages.length > 0}
                      onChange={(v) => setCell(i, c.key, v)}
                    />
                  </Form.Item>
                </Col>
              );
            })}
          </Row>
        </Card>
      ))}
      <Flex justify="space-between" align="center" wrap="wrap" gap={8}>
        <Button
          icon={<PlusOutlined />}
          disabled={rows.length >= field.maxRows}
          onClick={() => onChange([...rows, {}])}
          data-testid={controlId(field.key, 'add')}
        >
          {t('forms.addRow')}
        </Button>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('forms.rowsHint', { count: rows.length, min: field.minRows, max: field.maxRows })}
        </Typography.Text>
      </Flex>
    </Flex>
  );
}
