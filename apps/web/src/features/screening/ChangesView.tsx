import { entryFieldLabel, type TFormField } from '@casearena/contract';
import { Alert, Card, Empty, Flex, Skeleton, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useEntryChanges } from '../../api/entries.ts';
import { formatBytes } from '../../components/format.ts';
import { useLang } from '../../i18n/index.ts';
import { FieldValueView } from '../forms/FormRenderer.tsx';

function plain(value: unknown, empty: string): ReactNode {
  if (value === undefined || value === null || value === '') return <Typography.Text type="secondary">{empty}</Typography.Text>;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{String(value)}</Typography.Paragraph>;
  // An attachment: its name and size, and a link to that very file (a replaced or removed one is kept, X-6).
  if (typeof value === 'object' && 'name' in value) {
    const a = value as { name: unknown; size?: unknown; downloadUrl?: unknown };
    const label = `${String(a.name)}${typeof a.size === 'number' ? ` (${formatBytes(a.size)})` : ''}`;
    return typeof a.downloadUrl === 'string' ? (
      <Typography.Link href={a.downloadUrl} download={String(a.name)}>
        {label}
      </Typography.Link>
    ) : (
      label
    );
  }
  return <Typography.Text code>{JSON.stringify(value)}</Typography.Text>;
}

/** 本轮修改: what the applicant changed since the last screening decision, before next to after. */
export function ChangesView({ entryId, fields }: { entryId: string; fields: readonly TFormField[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  const changes = useEntryChanges(entryId, true);
  if (changes.isPending) return <Skeleton active />;
  if (changes.isError) return <Alert type="error" showIcon title={changes.error.message} />;
  const { fromVersion, toVersion, changes: items } = changes.data;
  const fieldOf = (name: string) => fields.find((f) => f.key === name.replace(/^answers\./, '')) ?? null;
  const show = (name: string, value: unknown) => {
    const field = fieldOf(name);
    return field && field.kind !== 'attachment' ? (
      <FieldValueView field={field} value={value} />
    ) : (
      plain(value, t('entries.empty'))
    );
  };
  return (
    <Flex vertical gap={12} data-testid="changes-view">
      {fromVersion !== null ? (
        <Typography.Text type="secondary">{t('screening.changesIntro', { from: fromVersion, to: toVersion })}</Typography.Text>
      ) : null}
      {items.length === 0 ? <Empty description={t('screening.noChanges')} /> : null}
      {items.map((c) => (
        <Card key={c.field} size="small" title={entryFieldLabel(c.field, c.label, lang)} data-testid={`change-${c.field}`}>
          <Flex gap={12} wrap="wrap">
            {(
              [
                ['before', c.before, '#fff1f0'],
                ['after', c.after, '#f6ffed'],
              ] as const
            ).map(([side, value, bg]) => (
              <Flex
                key={side}
                vertical
                gap={4}
                style={{ flex: '1 1 240px', minWidth: 0, background: bg, padding: 8, borderRadius: 6 }}
              >
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {side === 'before' ? t('screening.before') : t('screening.after')}
                </Typography.Text>
                {show(c.field, value)}
              </Flex>
            ))}
          </Flex>
        </Card>
      ))}
    </Flex>
  );
}
