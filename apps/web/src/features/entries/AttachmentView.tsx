import { CheckOutlined, CloseOutlined, PaperClipOutlined } from '@ant-design/icons';
import type { TAttachment } from '@casearena/contract';
import { Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { fileUrl } from '../../api/entries.ts';
import { formatBytes } from '../../components/format.ts';
import { AttachmentChecks } from './AttachmentChecks.tsx';

/**
 * A file in an entry, with a download link and, for slides, what the server found in them (S0-4: the template's
 * copyright page kept, no animations), so neither the applicant nor the screener has to open the file to check.
 */
export function AttachmentView({ attachment: a }: { attachment: TAttachment }) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={4} style={{ minWidth: 0 }} data-testid={`attachment-${a.slot}`}>
      <Flex gap={8} align="center" wrap="wrap" style={{ minWidth: 0 }}>
        <a
          href={fileUrl(a.fileId)}
          download={a.name}
          title={t('entries.download')}
          style={{ minWidth: 0, overflowWrap: 'anywhere' }}
          data-testid={`attachment-download-${a.slot}`}
        >
          <PaperClipOutlined /> {a.name}
        </a>
        <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
          {formatBytes(a.size)}
        </Typography.Text>
      </Flex>
      {a.pptx ? (
        <Flex gap={4} wrap="wrap" data-testid={`pptx-checks-${a.slot}`}>
          <Tag>{t('entries.pptxSlides', { count: a.pptx.slides })}</Tag>
          <Tag
            color={a.pptx.copyrightPage ? 'success' : 'error'}
            icon={a.pptx.copyrightPage ? <CheckOutlined /> : <CloseOutlined />}
            data-testid={`pptx-copyright-${a.slot}`}
            data-ok={a.pptx.copyrightPage}
          >
            {t('entries.pptxCopyright')}
          </Tag>
          <Tag color={a.pptx.animatedSlides > 0 ? 'warning' : 'default'}>
            {t('entries.pptxAnimated', { count: a.pptx.animatedSlides })}
          </Tag>
        </Flex>
      ) : null}
      {a.checks ? <AttachmentChecks checks={a.checks} slot={a.slot} /> : null}
    </Flex>
  );
}
