import { PaperClipOutlined } from '@ant-design/icons';
import { ATTACHMENT_TYPE_LABELS, type TAttachment } from '@casearena/contract';
import { Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatBytes } from '../../components/format.ts';
import type { FieldOf } from './answers.ts';

/** What an attachment slot accepts, e.g. "支持 PDF / PPTX，单个文件不超过 200.0 MB". */
export function AttachmentRules({ field }: { field: FieldOf<'attachment'> }) {
  const { t } = useTranslation();
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
      {t('forms.attachmentRules', {
        types: field.types.map((x) => ATTACHMENT_TYPE_LABELS[x]).join(' / '),
        size: formatBytes(field.maxBytes),
      })}
    </Typography.Text>
  );
}

export function AttachmentFiles({ files }: { files: readonly TAttachment[] }) {
  const { t } = useTranslation();
  if (files.length === 0) return <Typography.Text type="secondary">{t('forms.noFile')}</Typography.Text>;
  return (
    <Flex vertical gap={4}>
      {files.map((a) => (
        <Flex key={a.fileId} gap={8} align="center" style={{ minWidth: 0 }}>
          <PaperClipOutlined />
          <Typography.Text ellipsis style={{ minWidth: 0, flex: '0 1 auto' }}>
            {a.name}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
            {formatBytes(a.size)}
          </Typography.Text>
        </Flex>
      ))}
    </Flex>
  );
}

/** The slot without an uploader (preview, read-only): its rules and the file it holds. */
export function AttachmentSlot({ field, attachments }: { field: FieldOf<'attachment'>; attachments: readonly TAttachment[] }) {
  return (
    <Flex vertical gap={4}>
      <AttachmentFiles files={attachments.filter((a) => a.slot === field.key)} />
      <AttachmentRules field={field} />
    </Flex>
  );
}
