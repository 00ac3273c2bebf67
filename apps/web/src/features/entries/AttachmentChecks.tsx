import { ExclamationCircleOutlined } from '@ant-design/icons';
import { ruleProblemMessage, type TAttachmentChecks } from '@casearena/contract';
import { Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLang } from '../../i18n/index.ts';

const clock = (seconds: number) => `${Math.floor(seconds / 60)}:${String(Math.round(seconds % 60)).padStart(2, '0')}`;

/**
 * What the server read from a file against the slot's rules (S0-4 slide numbers, S0-5 video facts) and which rules
 * failed, in the reader's language; the applicant sees it under the upload and the screener in the entry drawer.
 */
export function AttachmentChecks({ checks, slot }: { checks: TAttachmentChecks; slot: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <Flex vertical gap={4} data-testid={`file-checks-${slot}`}>
      {checks.kind === 'mp4' && checks.width !== null ? (
        <Flex gap={4} wrap="wrap">
          {checks.durationSeconds !== null ? (
            <Tag>{t('entries.videoDuration', { time: clock(checks.durationSeconds) })}</Tag>
          ) : null}
          <Tag>{t('entries.videoSize', { width: checks.width, height: checks.height })}</Tag>
        </Flex>
      ) : null}
      {checks.kind === 'pptx' && checks.smallestPt !== null ? (
        <Flex gap={4} wrap="wrap">
          <Tag>{t('entries.smallestText', { pt: checks.smallestPt })}</Tag>
        </Flex>
      ) : null}
      {checks.problems.map((p) => (
        // Body-coloured text: antd's warning yellow on white is too faint to read (and fails contrast checks).
        <Typography.Text key={p.rule} data-testid={`file-problem-${slot}-${p.rule}`}>
          <ExclamationCircleOutlined aria-hidden style={{ color: '#ad6800' }} /> {ruleProblemMessage(p, lang)}
        </Typography.Text>
      ))}
    </Flex>
  );
}
