import {
  CheckCircleOutlined,
  CloudOutlined,
  ExclamationCircleOutlined,
  LoadingOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import { Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SaveState } from './use-autosave.ts';

const clock = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});

/** One line that says where the text is: saved on the server (and when), on this device only, or in conflict. */
export function SaveStatus({ state, lastSaved }: { state: SaveState; lastSaved: Date }) {
  const { t } = useTranslation();
  let icon: ReactNode;
  let text: string;
  let type: 'secondary' | 'warning' | 'danger' | 'success' = 'secondary';
  switch (state.kind) {
    case 'idle':
      icon = <CheckCircleOutlined />;
      text = t('entries.savedAt', { time: clock.format(lastSaved) });
      break;
    case 'saved':
      icon = <CheckCircleOutlined />;
      text = t('entries.savedAt', { time: clock.format(state.at) });
      type = 'success';
      break;
    case 'pending':
    case 'saving':
      icon = <LoadingOutlined />;
      text = t('entries.saving');
      break;
    case 'offline':
      icon = <CloudOutlined />;
      text = t('entries.offline');
      type = 'warning';
      break;
    case 'held':
      icon = <WarningOutlined />;
      text = t('entries.localOnly');
      type = 'warning';
      break;
    case 'failed':
      icon = <ExclamationCircleOutlined />;
      text = t('entries.saveFailed', { message: state.message });
      type = 'danger';
      break;
    case 'conflict':
      icon = <ExclamationCircleOutlined />;
      text = t('entries.conflictTitle');
      type = 'danger';
      break;
  }
  return (
    <Typography.Text type={type} role="status" aria-live="polite" data-testid="save-status" data-state={state.kind}>
      {icon} {text}
    </Typography.Text>
  );
}
