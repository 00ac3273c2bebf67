import type { TEntry, TFormField } from '@casearena/contract';
import { Alert, Card, Flex, Form, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormRenderer } from '../forms/FormRenderer.tsx';
import { AttachmentView } from './AttachmentView.tsx';

/** An entry as submitted: what the applicant sent, as the screener reads it; attachments with their checks. */
export function EntryContentView({ entry, fields }: { entry: TEntry; fields: TFormField[] | null }) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={0}>
      {/* Laid out like the form's own answers below it, so the whole entry reads as one document. */}
      <Form layout="vertical" component="div" style={{ marginBottom: -8 }}>
        <Form.Item label={t('entries.caseTitle')} style={{ marginBottom: 16 }}>
          <Typography.Text data-testid="entry-view-title">{entry.title}</Typography.Text>
        </Form.Item>
        <Form.Item label={t('entries.summary')} style={{ marginBottom: 16 }}>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }} data-testid="entry-view-summary">
            {entry.summary || '—'}
          </Typography.Paragraph>
        </Form.Item>
      </Form>
      {fields ? (
        <FormRenderer
          fields={fields}
          answers={entry.answers}
          onChange={() => undefined}
          attachments={entry.attachments}
          readOnly
          renderAttachment={(field) => {
            const a = entry.attachments.find((x) => x.slot === field.key);
            return a ? (
              <AttachmentView attachment={a} />
            ) : (
              <Typography.Text type="secondary">{t('entries.noAttachment')}</Typography.Text>
            );
          }}
        />
      ) : (
        <Flex vertical gap={8}>
          {entry.attachments.map((a) => (
            <AttachmentView key={a.slot} attachment={a} />
          ))}
        </Flex>
      )}
    </Flex>
  );
}

export function EntryReadonly({ entry, fields, notice }: { entry: TEntry; fields: TFormField[] | null; notice?: string }) {
  return (
    <Flex vertical gap={16}>
      {notice ? <Alert type="info" showIcon title={notice} /> : null}
      <Card>
        <EntryContentView entry={entry} fields={fields} />
      </Card>
    </Flex>
  );
}
