import { Input, Segmented, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  id?: string;
  value?: string;
  onChange?: (html: string) => void;
  disabled?: boolean;
}

const FRAME_STYLE =
  'body{margin:12px;font:14px/1.7 -apple-system,BlinkMacSystemFont,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;color:#1f1f1f}' +
  'img{max-width:100%}table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:4px 8px}';

/**
 * Basic HTML typed as text, with a preview. The preview is a sandboxed frame (no scripts, no same-origin
 * access), so markup pasted from elsewhere cannot run in the organizer's session before the server sanitizes it.
 */
export function IntroductionEditor({ id, value = '', onChange, disabled }: Props) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<'edit' | 'preview'>('edit');
  return (
    <div>
      <Segmented
        size="small"
        style={{ marginBottom: 8 }}
        value={mode}
        onChange={(m) => setMode(m as 'edit' | 'preview')}
        options={[
          { value: 'edit', label: t('organizer.settingsForm.edit') },
          { value: 'preview', label: t('organizer.settingsForm.preview') },
        ]}
      />
      {mode === 'edit' ? (
        <Input.TextArea
          id={id}
          value={value}
          disabled={disabled}
          autoSize={{ minRows: 6, maxRows: 24 }}
          style={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace' }}
          onChange={(e) => onChange?.(e.target.value)}
        />
      ) : value.trim() ? (
        <iframe
          title={t('organizer.settingsForm.preview')}
          sandbox=""
          srcDoc={`<!doctype html><meta charset="utf-8"><style>${FRAME_STYLE}</style>${value}`}
          style={{ width: '100%', height: 360, border: '1px solid var(--ant-color-border, #d9d9d9)', borderRadius: 6 }}
        />
      ) : (
        <Typography.Text type="secondary">{t('organizer.settingsForm.previewEmpty')}</Typography.Text>
      )}
    </div>
  );
}
