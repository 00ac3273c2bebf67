import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Flex, Typography } from 'antd';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { formatBytes } from '../../components/format.ts';
import { ACCEPT } from './file-check.ts';

interface Props {
  value?: File | null;
  onChange?: (file: File | null) => void;
  id?: string;
  disabled?: boolean;
}

/**
 * One file, kept in the form until submitted. A native file input (labelled by the Form.Item, reachable by tests
 * and assistive technology) behind a styled button; the file is sent by our own upload with progress.
 */
export function FileField({ value, onChange, id, disabled }: Props) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  return (
    <Flex vertical gap={8} style={{ position: 'relative' }}>
      <input
        ref={input}
        id={id}
        type="file"
        accept={ACCEPT}
        data-testid="cert-file"
        disabled={disabled}
        style={{ position: 'absolute', width: 1, height: 1, opacity: 0, overflow: 'hidden' }}
        onChange={(e) => {
          onChange?.(e.target.files?.[0] ?? null);
          // Lets the same file be chosen again after it was removed.
          e.target.value = '';
        }}
      />
      <div>
        <Button icon={<UploadOutlined />} onClick={() => input.current?.click()} disabled={disabled}>
          {t('cert.choose')}
        </Button>
      </div>
      {value ? (
        <Flex gap={8} align="center" style={{ minWidth: 0 }}>
          <PaperClipOutlined />
          <Typography.Text ellipsis style={{ minWidth: 0, flex: '0 1 auto' }}>
            {value.name}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
            {formatBytes(value.size)}
          </Typography.Text>
          <Button
            type="text"
            size="small"
            icon={<DeleteOutlined />}
            aria-label={t('common.remove')}
            onClick={() => onChange?.(null)}
            disabled={disabled}
          />
        </Flex>
      ) : null}
    </Flex>
  );
}
