import type { TEntry, TFormField } from '@casearena/contract';
import { Alert, Button, Card, Flex, Modal, Radio, Skeleton, Typography } from 'antd';
import { type ReactNode, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchEntry } from '../../../api/entries.ts';
import { FieldValueView } from '../../forms/FormRenderer.tsx';
import { contentOf, type EntryContent, sameValue } from './entry-content.ts';

type Choice = 'mine' | 'theirs';

interface Row {
  /** 'title', 'summary' or 'answers.<key>'. */
  path: string;
  label: string;
  mine: unknown;
  theirs: unknown;
  field: TFormField | null;
}

interface Props {
  open: boolean;
  entryId: string;
  /** What the user has on screen now. */
  mine: EntryContent;
  /** The text the user's edits started from: a field they did not touch defaults to the saved version. */
  mineBase: EntryContent;
  fields: readonly TFormField[];
  current: number;
  yours: number;
  onResolve(merged: EntryContent, theirs: TEntry): void;
}

const valueAt = (c: EntryContent, path: string): unknown =>
  path === 'title' ? c.title : path === 'summary' ? c.summary : c.answers[path.slice('answers.'.length)];

/**
 * Someone saved in between (another window, a colleague): the latest saved text next to what the user typed, field by
 * field, and the user picks. Nothing is thrown away until they choose, and the local copy stays until it is saved.
 */
export function ConflictDialog({ open, entryId, mine, mineBase, fields, current, yours, onResolve }: Props) {
  const { t } = useTranslation();
  const [theirs, setTheirs] = useState<TEntry | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [choices, setChoices] = useState<Record<string, Choice>>({});

  const load = () => {
    setError(null);
    setTheirs(null);
    fetchEntry(entryId).then(setTheirs, (err: Error) => setError(err.message));
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: reload only when the dialog opens for a new conflict.
  useEffect(() => {
    if (open) load();
  }, [open, current]);

  const rows = useMemo<Row[]>(() => {
    if (!theirs) return [];
    const saved = contentOf(theirs);
    const all: Row[] = [
      { path: 'title', label: t('entries.caseTitle'), mine: mine.title, theirs: saved.title, field: null },
      { path: 'summary', label: t('entries.summary'), mine: mine.summary, theirs: saved.summary, field: null },
      ...fields
        .filter((f) => f.kind !== 'attachment')
        .map((f) => ({
          path: `answers.${f.key}`,
          label: f.label,
          mine: mine.answers[f.key],
          theirs: saved.answers[f.key],
          field: f,
        })),
    ];
    return all.filter((r) => !sameValue(r.mine, r.theirs));
  }, [theirs, mine, fields, t]);

  useEffect(() => {
    // Three-way default: keep what the user changed; take the saved value where the user left the field alone.
    setChoices(Object.fromEntries(rows.map((r) => [r.path, sameValue(r.mine, valueAt(mineBase, r.path)) ? 'theirs' : 'mine'])));
  }, [rows, mineBase]);

  const resolve = () => {
    if (!theirs) return;
    const merged = contentOf(theirs);
    const answers = { ...merged.answers };
    for (const r of rows) {
      if (choices[r.path] !== 'mine') continue;
      if (r.path === 'title') merged.title = r.mine as string;
      else if (r.path === 'summary') merged.summary = r.mine as string;
      else {
        const key = r.path.slice('answers.'.length);
        if (r.mine === undefined) delete answers[key];
        else answers[key] = r.mine;
      }
    }
    onResolve({ ...merged, answers }, theirs);
  };

  const show = (r: Row, value: unknown): ReactNode =>
    r.field ? (
      <FieldValueView field={r.field} value={value} />
    ) : typeof value === 'string' && value ? (
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{value}</Typography.Paragraph>
    ) : (
      <Typography.Text type="secondary">{t('entries.empty')}</Typography.Text>
    );

  return (
    <Modal
      open={open}
      title={t('entries.conflictTitle')}
      closable={false}
      mask={{ closable: false }}
      keyboard={false}
      width={880}
      footer={
        <Button type="primary" disabled={!theirs} onClick={resolve} data-testid="conflict-save">
          {t('entries.conflictSave')}
        </Button>
      }
    >
      <Flex vertical gap={12}>
        <Typography.Paragraph style={{ margin: 0 }}>{t('entries.conflictIntro', { current, yours })}</Typography.Paragraph>
        {error ? (
          <Alert type="error" showIcon title={error} action={<Button onClick={load}>{t('common.retry')}</Button>} />
        ) : null}
        {!theirs && !error ? <Skeleton active title={{ width: 200 }} /> : null}
        {theirs && rows.length === 0 ? <Alert type="success" title={t('entries.same')} /> : null}
        {rows.map((r) => (
          <Card key={r.path} size="small" title={r.label} data-testid={`conflict-${r.path}`}>
            <Radio.Group
              value={choices[r.path] ?? 'mine'}
              onChange={(e) => setChoices((c) => ({ ...c, [r.path]: e.target.value as Choice }))}
              style={{ width: '100%' }}
            >
              <Flex gap={12} wrap="wrap">
                {(['mine', 'theirs'] as const).map((side) => (
                  <Flex
                    key={side}
                    vertical
                    gap={6}
                    style={{
                      flex: '1 1 260px',
                      minWidth: 0,
                      padding: 8,
                      border: '1px solid #f0f0f0',
                      borderRadius: 6,
                      maxHeight: 260,
                      overflow: 'auto',
                    }}
                  >
                    <Radio value={side} data-testid={`conflict-${r.path}-${side}`}>
                      <Typography.Text strong>
                        {side === 'mine' ? t('entries.keepMine') : t('entries.keepTheirs')}
                      </Typography.Text>
                    </Radio>
                    {show(r, side === 'mine' ? r.mine : r.theirs)}
                  </Flex>
                ))}
              </Flex>
            </Radio.Group>
          </Card>
        ))}
      </Flex>
    </Modal>
  );
}
