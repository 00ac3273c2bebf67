import type { AnswerProblem, TPerson } from '@casearena/contract';
import { Col, Form, Input, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLang } from '../../i18n/index.ts';
import { controlId, messagesAt } from './answers.ts';

const PARTS = ['name', 'title', 'phone', 'email'] as const satisfies readonly (keyof TPerson)[];

interface Props {
  fieldKey: string;
  required: boolean;
  value: unknown;
  onChange(value: TPerson | null): void;
  problems: readonly AnswerProblem[];
}

export function toPerson(value: unknown): TPerson {
  const v = (typeof value === 'object' && value !== null ? value : {}) as Partial<Record<keyof TPerson, unknown>>;
  const s = (x: unknown) => (typeof x === 'string' ? x : '');
  return { name: s(v.name), title: s(v.title), phone: s(v.phone), email: s(v.email) };
}

/** A contact person: name, position, phone and email; a person with nothing filled in is no answer at all. */
export function PersonAnswer({ fieldKey, required, value, onChange, problems }: Props) {
  const { t } = useTranslation();
  const lang = useLang();
  const person = toPerson(value);
  const set = (part: keyof TPerson, text: string) => {
    const next = { ...person, [part]: text };
    onChange(PARTS.every((p) => !next[p].trim()) ? null : next);
  };
  return (
    <Row gutter={12}>
      {PARTS.map((part) => {
        const messages = messagesAt(problems, `${fieldKey}.${part}`, lang);
        const id = controlId(fieldKey, part);
        return (
          <Col key={part} xs={24} sm={12}>
            <Form.Item
              label={t(`forms.person.${part}`)}
              htmlFor={id}
              required={required && part === 'name'}
              validateStatus={messages.length > 0 ? 'error' : undefined}
              help={messages.length > 0 ? messages.join('；') : undefined}
              style={{ marginBottom: 8 }}
            >
              <Input
                id={id}
                data-testid={id}
                value={person[part]}
                inputMode={part === 'phone' ? 'tel' : part === 'email' ? 'email' : undefined}
                autoComplete={part === 'name' ? 'name' : part === 'phone' ? 'tel' : part === 'email' ? 'email' : 'off'}
                onChange={(e) => set(part, e.target.value)}
              />
            </Form.Item>
          </Col>
        );
      })}
    </Row>
  );
}
