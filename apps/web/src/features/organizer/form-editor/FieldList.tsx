import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined } from '@ant-design/icons';
import type { TFormField } from '@casearena/contract';
import { Button, Collapse, Empty, Flex, Popconfirm, Tag, Typography } from 'antd';
import { type MouseEvent, memo, useCallback, useLayoutEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { FieldSettings } from './FieldSettings.tsx';
import type { SettingIssue } from './Setting.tsx';

/** A field with an identity that survives edits of its key, so its panel stays open while the key changes. */
export interface EditorItem {
  uid: string;
  field: TFormField;
}

interface Props {
  items: EditorItem[];
  issues: ReadonlyMap<number, SettingIssue[]>;
  open: string[];
  onOpen(uids: string[]): void;
  onChange(index: number, field: TFormField): void;
  onMove(from: number, to: number): void;
  onRemove(index: number): void;
}

const NO_ISSUES: SettingIssue[] = [];

/** A callback whose identity never changes but which always calls the latest `fn`, so memoized panels stay put. */
function useStable<A extends unknown[]>(fn: (...args: A) => void): (...args: A) => void {
  const ref = useRef(fn);
  useLayoutEffect(() => {
    ref.current = fn;
  });
  return useCallback((...args: A) => ref.current(...args), []);
}

const sameIssues = (a: readonly SettingIssue[], b: readonly SettingIssue[]) =>
  a.length === b.length && a.every((x, i) => x.path === b[i]?.path && x.message === b[i]?.message);

// The header's buttons sit inside the panel's toggle: a click on them must not open or close the panel.
const stop = (e: MouseEvent) => e.stopPropagation();

interface PartProps {
  index: number;
  field: TFormField;
  issues: SettingIssue[];
}

const FieldHeader = memo(
  function FieldHeader({ index, field, issues }: PartProps) {
    const { t } = useTranslation();
    return (
      <Flex gap={6} wrap="wrap" align="center" data-testid={`editor-field-${index}`}>
        <Typography.Text strong>
          {index + 1}. {field.label || '—'}
        </Typography.Text>
        <Tag>{t(`organizer.editor.kinds.${field.kind}`)}</Tag>
        {field.required ? <Tag color="blue">{t('organizer.editor.required')}</Tag> : null}
        {issues.length > 0 ? <Tag color="error">{t('organizer.editor.hasErrors', { count: issues.length })}</Tag> : null}
      </Flex>
    );
  },
  (a, b) => a.index === b.index && a.field === b.field && sameIssues(a.issues, b.issues),
);

const FieldActions = memo(function FieldActions({
  index,
  last,
  label,
  onMove,
  onRemove,
}: {
  index: number;
  last: boolean;
  label: string;
  onMove(from: number, to: number): void;
  onRemove(index: number): void;
}) {
  const { t } = useTranslation();
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: only stops the click reaching the panel toggle
    // biome-ignore lint/a11y/useKeyWithClickEvents: the buttons inside handle their own keys
    <span onClick={stop}>
      <Button
        size="small"
        type="text"
        icon={<ArrowUpOutlined />}
        aria-label={t('organizer.editor.moveUp')}
        disabled={index === 0}
        onClick={() => onMove(index, index - 1)}
      />
      <Button
        size="small"
        type="text"
        icon={<ArrowDownOutlined />}
        aria-label={t('organizer.editor.moveDown')}
        disabled={last}
        onClick={() => onMove(index, index + 1)}
      />
      <Popconfirm
        title={t('organizer.editor.removeConfirm', { label })}
        onConfirm={() => onRemove(index)}
        okButtonProps={{ danger: true }}
      >
        <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('organizer.editor.remove')} />
      </Popconfirm>
    </span>
  );
});

const FieldPanel = memo(
  function FieldPanel({
    index,
    field,
    issues,
    uid,
    onChange,
  }: PartProps & { uid: string; onChange(index: number, field: TFormField): void }) {
    return <FieldSettings field={field} onChange={(next) => onChange(index, next)} issues={issues} idPrefix={`fe-${uid}`} />;
  },
  (a, b) =>
    a.index === b.index && a.field === b.field && a.uid === b.uid && a.onChange === b.onChange && sameIssues(a.issues, b.issues),
);

/**
 * The fields as an accordion, each panel memoized: typing in one field's label redraws that panel and its header,
 * not the other fifty-nine.
 */
export function FieldList({ items, issues, open, onOpen, onChange, onMove, onRemove }: Props) {
  const { t } = useTranslation();
  const change = useStable(onChange);
  const move = useStable(onMove);
  const remove = useStable(onRemove);
  if (items.length === 0) return <Empty description={t('organizer.editor.empty')} />;
  return (
    <Collapse
      activeKey={open}
      onChange={(keys) => onOpen(Array.isArray(keys) ? keys.map(String) : [String(keys)])}
      items={items.map(({ uid, field }, i) => {
        const own = issues.get(i) ?? NO_ISSUES;
        return {
          key: uid,
          label: <FieldHeader index={i} field={field} issues={own} />,
          extra: <FieldActions index={i} last={i === items.length - 1} label={field.label} onMove={move} onRemove={remove} />,
          children: <FieldPanel index={i} field={field} issues={own} uid={uid} onChange={change} />,
        };
      })}
    />
  );
}
