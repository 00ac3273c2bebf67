import {
  CheckCircleFilled,
  CloudUploadOutlined,
  DisconnectOutlined,
  EditOutlined,
  ExclamationCircleFilled,
  LoadingOutlined,
  LockOutlined,
} from '@ant-design/icons';
import { Flex, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../components/format.ts';
import { useLang } from '../../../i18n/index.ts';
import type { SaveState } from './use-sheet-autosave.ts';

const ICONS: Record<SaveState, ReactNode> = {
  idle: <EditOutlined />,
  pending: <CloudUploadOutlined />,
  saving: <LoadingOutlined />,
  saved: <CheckCircleFilled style={{ color: '#52c41a' }} />,
  offline: <DisconnectOutlined style={{ color: '#fa8c16' }} />,
  invalid: <ExclamationCircleFilled style={{ color: '#ff4d4f' }} />,
  conflict: <ExclamationCircleFilled style={{ color: '#fa8c16' }} />,
  refused: <ExclamationCircleFilled style={{ color: '#ff4d4f' }} />,
  locked: <LockOutlined />,
};

/**
 * Where the judge's typing is. `data-state` is for tests and reads `saved` only after the server confirmed the
 * content shown (use-sheet-autosave.ts), so a test may wait on it without racing the debounce.
 */
export function SaveStateBadge(props: { state: SaveState; savedAt: string | null; refusal: string | null; stored: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { state, savedAt, refusal, stored } = props;
  const text =
    state === 'saved' && savedAt
      ? t('judgingJudge.save.savedAt', { time: formatDateTime(savedAt, lang) })
      : state === 'refused'
        ? t('judgingJudge.save.refused', { message: refusal ?? '' })
        : t(`judgingJudge.save.${state}`);
  return (
    <Flex vertical gap={2}>
      <Flex
        gap={6}
        align="center"
        role="status"
        aria-live="polite"
        data-testid="sheet-save-state"
        data-state={state}
        style={{ fontSize: 13 }}
      >
        {ICONS[state]}
        <Typography.Text type={state === 'offline' || state === 'invalid' || state === 'refused' ? 'warning' : 'secondary'}>
          {text}
        </Typography.Text>
      </Flex>
      {stored ? null : (
        <Typography.Text type="danger" style={{ fontSize: 12 }} data-testid="sheet-no-storage">
          {t('judgingJudge.save.noStorage')}
        </Typography.Text>
      )}
    </Flex>
  );
}
