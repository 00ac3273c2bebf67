import { Form, InputNumber, Select } from 'antd';
import type { ReactNode } from 'react';

/** A problem with one field's settings, path relative to the field ('label', 'columns.0.key', 'options.2'). */
export interface SettingIssue {
  path: string;
  message: string;
}

/** Messages at `path`, and below it unless `exact` (a table's columns show their own). */
export function messagesFor(issues: readonly SettingIssue[], path: string, exact = false): string[] {
  return issues.filter((i) => i.path === path || (!exact && i.path.startsWith(`${path}.`))).map((i) => i.message);
}

interface SettingProps {
  label: ReactNode;
  messages?: string[];
  extra?: ReactNode;
  htmlFor?: string;
  children: ReactNode;
}

export function Setting({ label, messages = [], extra, htmlFor, children }: SettingProps) {
  return (
    <Form.Item
      label={label}
      htmlFor={htmlFor}
      validateStatus={messages.length > 0 ? 'error' : undefined}
      help={messages.length > 0 ? messages.join('；') : undefined}
      extra={extra}
      style={{ marginBottom: 12 }}
    >
      {children}
    </Form.Item>
  );
}

interface NumberProps {
  id?: string;
  value: number | null;
  onChange(value: number | null): void;
  min?: number;
  max?: number;
  /** Whether clearing the box means "no limit" (null) or is ignored (the number is needed). */
  nullable?: boolean;
  integer?: boolean;
  placeholder?: string;
}

/** A number setting: a cleared box either means "none" or snaps back, never NaN. */
export function NumberSetting({ id, value, onChange, min, max, nullable = false, integer = true, placeholder }: NumberProps) {
  return (
    <InputNumber
      id={id}
      style={{ width: '100%' }}
      value={value}
      min={min}
      max={max}
      precision={integer ? 0 : undefined}
      placeholder={placeholder}
      onChange={(v) => {
        if (typeof v === 'number') onChange(v);
        else if (nullable) onChange(null);
      }}
    />
  );
}

/** A list of short texts (options, section headings): typed and confirmed with Enter, or pasted separated by 、. */
export function TagsSetting({ id, value, onChange }: { id?: string; value: string[]; onChange(value: string[]): void }) {
  return (
    <Select
      id={id}
      mode="tags"
      open={false}
      suffixIcon={null}
      tokenSeparators={['\n', '、', '；', ';']}
      value={value}
      onChange={(v: string[]) => onChange(v.map((x) => x.trim()).filter(Boolean))}
      style={{ width: '100%' }}
    />
  );
}
