import type { TAttachment, TFormField } from '@casearena/contract';
import { Descriptions, Flex, Table, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useOrg } from '../../api/orgs.ts';
import { AttachmentFiles } from './AttachmentSlot.tsx';
import { isBlank } from './answers.ts';
import { toOrgIds } from './OrganizationAnswer.tsx';
import { toPerson } from './PersonAnswer.tsx';
import { toRows } from './TableAnswer.tsx';

function OrgName({ id }: { id: string }) {
  const { data } = useOrg(id);
  return <span>{data?.name ?? id.slice(0, 8)}</span>;
}

const cellText = (v: unknown) =>
  isBlank(v) ? '' : typeof v === 'string' || typeof v === 'number' ? String(v) : JSON.stringify(v);

export interface FieldValueViewProps {
  field: TFormField;
  value: unknown;
  /** The entry's files; an attachment field shows those in its slot. */
  attachments?: readonly TAttachment[];
}

/** One answer as a reader sees it (screeners, judges, the applicant's summary); nothing here is editable. */
export function FieldValueView({ field, value, attachments = [] }: FieldValueViewProps): ReactNode {
  const { t } = useTranslation();
  const empty = <Typography.Text type="secondary">{t('forms.empty')}</Typography.Text>;
  if (field.kind === 'attachment') return <AttachmentFiles files={attachments.filter((a) => a.slot === field.key)} />;
  if (isBlank(value)) return empty;
  switch (field.kind) {
    case 'short_text':
    case 'long_text':
    case 'date':
      // Long texts keep their paragraphs; the applicant's line breaks are part of the case.
      return <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{cellText(value)}</Typography.Paragraph>;
    case 'number':
      return <span>{cellText(value)}</span>;
    case 'select':
      return <span>{(Array.isArray(value) ? value : [value]).map(cellText).join('、')}</span>;
    case 'yes_no':
      return <span>{value === true ? t('forms.yes') : value === false ? t('forms.no') : cellText(value)}</span>;
    case 'person': {
      const p = toPerson(value);
      return (
        <Descriptions size="small" column={{ xs: 1, sm: 2 }}>
          <Descriptions.Item label={t('forms.person.name')}>{p.name}</Descriptions.Item>
          <Descriptions.Item label={t('forms.person.title')}>{p.title}</Descriptions.Item>
          <Descriptions.Item label={t('forms.person.phone')}>{p.phone}</Descriptions.Item>
          <Descriptions.Item label={t('forms.person.email')}>{p.email}</Descriptions.Item>
        </Descriptions>
      );
    }
    case 'table':
      return (
        <Table
          size="small"
          bordered
          pagination={false}
          scroll={{ x: 'max-content' }}
          // Field keys start with a letter, so this row number never collides with a column.
          rowKey="__row"
          dataSource={toRows(value).map((row, i) => ({ ...row, __row: i }))}
          columns={[
            { key: '#', title: '#', width: 48, render: (_, __, i) => i + 1 },
            ...field.columns.map((c) => ({
              key: c.key,
              title: c.label,
              render: (_: unknown, row: Record<string, unknown>) => cellText(row[c.key]),
            })),
          ]}
        />
      );
    case 'organization':
      return (
        <Flex vertical gap={2}>
          {toOrgIds(value).map((id) => (
            <OrgName key={id} id={id} />
          ))}
        </Flex>
      );
  }
}

/** A whole entry's answers, label by label, in the form's order. */
export function FormAnswersView({
  fields,
  answers,
  attachments,
}: {
  fields: readonly TFormField[];
  answers: Record<string, unknown>;
  attachments?: readonly TAttachment[];
}) {
  return (
    <Descriptions column={1} bordered size="small" layout="vertical">
      {fields.map((f) => (
        <Descriptions.Item key={f.key} label={f.label}>
          <FieldValueView field={f} value={answers[f.key]} attachments={attachments ?? []} />
        </Descriptions.Item>
      ))}
    </Descriptions>
  );
}
