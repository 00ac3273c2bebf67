import { DeleteOutlined, UploadOutlined } from '@ant-design/icons';
import type { TAttachment } from '@casearena/contract';
import { Alert, App, Button, Flex, Popconfirm, Progress, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { deleteAttachment } from '../../../api/entries.ts';
import { formatBytes } from '../../../components/format.ts';
import { useLang } from '../../../i18n/index.ts';
import { AttachmentView } from '../AttachmentView.tsx';
import { type AttachmentField, acceptOf, attachmentProblem, typesLabel } from './attachment-check.ts';
import { useUpload } from './use-upload.ts';

interface Props {
  entryId: string;
  field: AttachmentField;
  attachment: TAttachment | undefined;
  disabled?: boolean;
  /** The entry changed on the server (a file added or removed): the editor reloads it. */
  onChanged(): void;
}

/** One attachment slot in the editor: the file it holds, or a picker with progress, speed and resume. */
export function AttachmentUploader({ entryId, field, attachment, disabled, onChanged }: Props) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const input = useRef<HTMLInputElement>(null);
  const upload = useUpload(entryId, field.key, () => {
    message.success(t('entries.uploaded'));
    onChanged();
  });
  const [removing, setRemoving] = useState(false);
  const { state, pending } = upload;
  const busy = state.phase === 'uploading';

  const pick = (file: File | undefined) => {
    if (!file) return;
    const problem = attachmentProblem(file, field, lang);
    if (problem) upload.fail(problem);
    else upload.start(file);
  };

  const remove = async () => {
    setRemoving(true);
    try {
      await deleteAttachment(entryId, field.key);
      onChanged();
    } catch (err) {
      message.error(err instanceof Error ? err.message : String(err));
    } finally {
      setRemoving(false);
    }
  };

  return (
    <Flex vertical gap={8} style={{ position: 'relative', minWidth: 0 }}>
      <input
        ref={input}
        id={`ff-${field.key}`}
        type="file"
        // The slot's Form.Item label is not tied to this hidden input (an attachment is a compound field).
        aria-label={field.label}
        accept={acceptOf(field)}
        data-testid={`upload-input-${field.key}`}
        disabled={disabled || busy}
        style={{ position: 'absolute', width: 1, height: 1, opacity: 0, overflow: 'hidden' }}
        onChange={(e) => {
          pick(e.target.files?.[0]);
          // Lets the same file be chosen again (to resume or after removing it).
          e.target.value = '';
        }}
      />
      {attachment ? <AttachmentView attachment={attachment} /> : null}
      {pending && !busy ? (
        <Alert
          type="info"
          showIcon
          title={t('entries.resumeHint', {
            name: pending.name,
            percent: pending.size ? Math.floor((pending.offset / pending.size) * 100) : 0,
          })}
          action={
            <Button size="small" type="text" onClick={upload.forget}>
              {t('entries.forgetResume')}
            </Button>
          }
          data-testid={`upload-resume-${field.key}`}
        />
      ) : null}
      {state.phase === 'uploading' ? (
        <Flex vertical gap={2} data-testid={`upload-progress-${field.key}`}>
          <Typography.Text ellipsis style={{ minWidth: 0 }}>
            {state.name}
          </Typography.Text>
          <Progress
            percent={state.total ? Math.floor((state.sent / state.total) * 100) : 0}
            status="active"
            aria-label={t('entries.uploading', { percent: state.total ? Math.floor((state.sent / state.total) * 100) : 0 })}
          />
          <Flex gap={8} wrap="wrap" align="center">
            <Typography.Text type="secondary" style={{ fontSize: 13 }}>
              {formatBytes(state.sent)} / {formatBytes(state.total)}
              {state.bytesPerSecond > 0 ? ` · ${t('entries.speed', { speed: formatBytes(state.bytesPerSecond) })}` : ''}
            </Typography.Text>
            {state.retryIn !== null ? (
              <Typography.Text type="warning" style={{ fontSize: 13 }}>
                {t('entries.retrying', { seconds: state.retryIn })}
              </Typography.Text>
            ) : null}
            <Button size="small" type="link" onClick={upload.cancel}>
              {t('entries.cancelUpload')}
            </Button>
          </Flex>
        </Flex>
      ) : null}
      {state.phase === 'failed' ? (
        <Alert type="error" showIcon title={state.message} data-testid={`upload-error-${field.key}`} />
      ) : null}
      {!disabled ? (
        <Flex gap={8} wrap="wrap" align="center">
          <Button icon={<UploadOutlined />} onClick={() => input.current?.click()} disabled={busy}>
            {attachment ? t('entries.replaceFile') : t('entries.chooseFile')}
          </Button>
          {attachment ? (
            <Popconfirm
              title={t('entries.removeConfirm')}
              okText={t('common.ok')}
              cancelText={t('common.cancel')}
              onConfirm={() => void remove()}
            >
              <Button icon={<DeleteOutlined />} loading={removing} disabled={busy} danger type="text">
                {t('entries.removeFile')}
              </Button>
            </Popconfirm>
          ) : null}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('entries.uploadHint', { types: typesLabel(field), size: formatBytes(field.maxBytes) })}
          </Typography.Text>
        </Flex>
      ) : null}
    </Flex>
  );
}
