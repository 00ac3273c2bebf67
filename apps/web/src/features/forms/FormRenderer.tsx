import {
  type AnswerProblem,
  type Answers,
  fieldMessage,
  type TAttachment,
  type TFormField,
  type TPerson,
} from '@casearena/contract';
import { Alert, Form, Input, InputNumber, Radio, Select, Typography } from 'antd';
import { type JSX, memo, type ReactNode, useCallback, useLayoutEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useLang } from '../../i18n/index.ts';
import { AttachmentSlot } from './AttachmentSlot.tsx';
import { controlId, messagesAt, strayProblems, withAnswer } from './answers.ts';
import { FieldValueView } from './FieldValueView.tsx';
import { OrganizationAnswer } from './OrganizationAnswer.tsx';
import { PersonAnswer } from './PersonAnswer.tsx';
import { ProblemText } from './ProblemText.tsx';
import { TableAnswer } from './TableAnswer.tsx';
import { TextAnswer } from './TextAnswer.tsx';

export { FieldValueView, FormAnswersView } from './FieldValueView.tsx';

export interface FormRendererProps {
  fields: TFormField[];
  answers: Answers;
  onChange(next: Answers): void;
  /** From checkAnswers() or the server's field errors: each shows under its field ('key', 'key.0.col', 'key.name'). */
  problems?: AnswerProblem[];
  attachments?: TAttachment[];
  /** The entry editor passes its uploader for attachment fields; without it the slot shows its rules and the current file. */
  renderAttachment?(field: Extract<TFormField, { kind: 'attachment' }>): ReactNode;
  readOnly?: boolean;
}

/** Kinds whose problems belong to parts of the answer (a person's phone, a table cell), shown at those parts. */
const COMPOUND: ReadonlySet<TFormField['kind']> = new Set(['person', 'table', 'organization', 'attachment']);

interface ControlProps {
  field: TFormField;
  value: unknown;
  set(value: unknown): void;
  problems: readonly AnswerProblem[];
  invalid: boolean;
  attachments: readonly TAttachment[];
  renderAttachment: FormRendererProps['renderAttachment'];
}

function FieldControl({ field, value, set, problems, invalid, attachments, renderAttachment }: ControlProps): ReactNode {
  const { t } = useTranslation();
  const id = controlId(field.key);
  const status = invalid ? 'error' : undefined;
  switch (field.kind) {
    case 'short_text':
    case 'long_text':
      return <TextAnswer field={field} value={value} onChange={set} id={id} invalid={invalid} />;
    case 'number':
      return (
        <InputNumber
          id={id}
          data-testid={id}
          status={status}
          style={{ width: '100%' }}
          // No min/max here: clamping would change what was typed; the message says what is allowed instead.
          value={typeof value === 'number' ? value : null}
          onChange={(v) => set(typeof v === 'number' ? v : null)}
        />
      );
    case 'date':
      // The native picker: a phone shows its own calendar, and the value is already YYYY-MM-DD.
      return (
        <Input
          id={id}
          data-testid={id}
          type="date"
          status={status}
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => set(e.target.value)}
        />
      );
    case 'select':
      return (
        <Select
          id={id}
          data-testid={id}
          status={status}
          allowClear
          mode={field.multiple ? 'multiple' : undefined}
          placeholder={t('forms.choose')}
          value={field.multiple ? (Array.isArray(value) ? value : []) : typeof value === 'string' ? value : undefined}
          options={field.options.map((o) => ({ value: o, label: o }))}
          onChange={(v: string | string[] | undefined) => set(v ?? null)}
        />
      );
    case 'yes_no':
      return (
        <Radio.Group
          id={id}
          data-testid={id}
          value={typeof value === 'boolean' ? value : undefined}
          onChange={(e) => set(e.target.value as boolean)}
          options={[
            { value: true, label: t('forms.yes') },
            { value: false, label: t('forms.no') },
          ]}
        />
      );
    case 'person':
      return (
        <PersonAnswer
          fieldKey={field.key}
          required={field.required}
          value={value}
          onChange={(p: TPerson | null) => set(p)}
          problems={problems}
        />
      );
    case 'table':
      return <TableAnswer field={field} value={value} onChange={set} problems={problems} />;
    case 'organization':
      return <OrganizationAnswer field={field} value={value} onChange={set} id={id} />;
    case 'attachment':
      return renderAttachment ? renderAttachment(field) : <AttachmentSlot field={field} attachments={attachments} />;
  }
}

// Shared empties: a fresh [] per render would look like a change to every memoized field.
const NO_PROBLEMS: AnswerProblem[] = [];
const NO_FILES: TAttachment[] = [];

const sameProblems = (a: readonly AnswerProblem[], b: readonly AnswerProblem[]) =>
  a.length === b.length &&
  a.every((p, i) => {
    const q = b[i];
    return q !== undefined && p.path === q.path && p.code === q.code && JSON.stringify(p.params) === JSON.stringify(q.params);
  });

interface BlockProps {
  field: TFormField;
  value: unknown;
  /** This field's problems only (its own path and the paths below it). */
  problems: readonly AnswerProblem[];
  setAnswer(key: string, value: unknown): void;
  attachments: readonly TAttachment[];
  renderAttachment: FormRendererProps['renderAttachment'];
  readOnly: boolean;
}

/**
 * One field with its label, help and messages. Memoized: typing in one field of a long form (or editing one field
 * in the form editor) redraws that field only, not the sixty around it. checkAnswers returns new problem objects
 * on every call, so problems are compared by content.
 */
const FieldBlock = memo(
  function FieldBlock({ field, value, problems, setAnswer, attachments, renderAttachment, readOnly }: BlockProps) {
    const lang = useLang();
    const messages = messagesAt(problems, field.key, lang);
    const invalid = messages.length > 0;
    const compound = COMPOUND.has(field.kind);
    return (
      <Form.Item
        label={field.label}
        htmlFor={compound ? undefined : controlId(field.key)}
        required={field.required}
        // Compound answers mark their own parts; an error status here would turn every inner input red.
        validateStatus={invalid && !compound ? 'error' : undefined}
        help={invalid ? compound ? <ProblemText messages={messages} /> : messages.join('；') : undefined}
        data-testid={`field-${field.key}`}
      >
        {field.help ? (
          <Typography.Paragraph type="secondary" style={{ whiteSpace: 'pre-wrap', marginBottom: 8 }}>
            {field.help}
          </Typography.Paragraph>
        ) : null}
        {readOnly && !(field.kind === 'attachment' && renderAttachment) ? (
          <FieldValueView field={field} value={value} attachments={attachments} />
        ) : (
          <FieldControl
            field={field}
            value={value}
            set={(v) => setAnswer(field.key, v)}
            problems={problems}
            invalid={invalid}
            attachments={attachments}
            renderAttachment={renderAttachment}
          />
        )}
      </Form.Item>
    );
  },
  (a, b) =>
    a.field === b.field &&
    a.value === b.value &&
    a.setAnswer === b.setAnswer &&
    a.attachments === b.attachments &&
    a.renderAttachment === b.renderAttachment &&
    a.readOnly === b.readOnly &&
    sameProblems(a.problems, b.problems),
);

/**
 * An entry form drawn from its definition: the same fields the server checks, with each problem under the part
 * it concerns. Vertical and full width, so it reads the same on a 375 px phone as on a desktop.
 */
export function FormRenderer({
  fields,
  answers,
  onChange,
  problems = NO_PROBLEMS,
  attachments = NO_FILES,
  renderAttachment,
  readOnly = false,
}: FormRendererProps): JSX.Element {
  const { t } = useTranslation();
  const lang = useLang();
  // One stable setter for every field, reading the latest answers: a new closure per render would defeat the memo.
  const latest = useRef({ answers, onChange });
  useLayoutEffect(() => {
    latest.current = { answers, onChange };
  });
  const setAnswer = useCallback((key: string, value: unknown) => {
    const next = withAnswer(latest.current.answers, key, value);
    // Two changes before the next render (rare) must build on each other, not on the same old answers.
    latest.current = { ...latest.current, answers: next };
    latest.current.onChange(next);
  }, []);
  const byField = useMemo(() => {
    const map = new Map<string, AnswerProblem[]>();
    for (const p of problems) {
      const key = p.path.split('.')[0] ?? '';
      map.set(key, [...(map.get(key) ?? []), p]);
    }
    return map;
  }, [problems]);
  const stray = strayProblems(problems, fields);
  return (
    // A div, not a <form>: the renderer sits inside the page's own form or card and never submits by itself.
    <Form layout="vertical" component="div" requiredMark={!readOnly}>
      {stray.length > 0 ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('forms.otherProblems')}
          description={stray.map((p) => `${p.path}：${fieldMessage(p.code, lang, p.params)}`).join('；')}
        />
      ) : null}
      {fields.map((field) => (
        <FieldBlock
          key={field.key}
          field={field}
          value={answers[field.key]}
          problems={byField.get(field.key) ?? NO_PROBLEMS}
          setAnswer={setAnswer}
          attachments={attachments}
          renderAttachment={renderAttachment}
          readOnly={readOnly}
        />
      ))}
    </Form>
  );
}
