import { DownloadOutlined, FilePdfOutlined, FilePptOutlined, PlayCircleOutlined } from '@ant-design/icons';
import type { TJudgeEntry } from '@casearena/contract';
import { Alert, Button, Card, Descriptions, Flex, Grid, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { judgeFileUrl } from '../../../api/judging-judge.ts';
import { formatBytes } from '../../../components/format.ts';

type Attachment = TJudgeEntry['attachments'][number];
type Kind = 'pdf' | 'video' | 'ppt' | 'other';

export function kindOf(a: Pick<Attachment, 'name' | 'type'>): Kind {
  const name = a.name.toLowerCase();
  if (a.type === 'application/pdf' || name.endsWith('.pdf')) return 'pdf';
  if (a.type.startsWith('video/') || /\.(mp4|m4v|mov|webm)$/.test(name)) return 'video';
  if (a.type.includes('presentation') || a.type.includes('powerpoint') || /\.pptx?$/.test(name)) return 'ppt';
  return 'other';
}

/** A form answer as text: contacts and other groups as "key: value", lists joined. */
function valueText(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) return value.map(valueText).join('、');
  if (typeof value === 'object')
    return Object.values(value as Record<string, unknown>)
      .filter((v) => v !== null && v !== undefined && v !== '')
      .map(valueText)
      .join(' · ');
  return String(value);
}

/**
 * The files route answers `Content-Disposition: attachment` (a download everywhere else), so the PDF is read as a
 * blob and shown from an object URL, which the browser's viewer displays in the frame.
 */
function PdfPreview({ url, name }: { url: string; name: string }) {
  const { t } = useTranslation();
  const [blobUrl, setBlobUrl] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let made: string | null = null;
    const ctl = new AbortController();
    fetch(url, { credentials: 'same-origin', signal: ctl.signal })
      .then((res) => (res.ok ? res.blob() : Promise.reject(new Error(String(res.status)))))
      .then((blob) => {
        made = URL.createObjectURL(new Blob([blob], { type: 'application/pdf' }));
        setBlobUrl(made);
      })
      .catch(() => {
        if (!ctl.signal.aborted) setFailed(true);
      });
    return () => {
      ctl.abort();
      if (made) URL.revokeObjectURL(made);
    };
  }, [url]);
  if (failed) return <Alert type="warning" showIcon title={t('judgingJudge.pdfFailed')} />;
  if (!blobUrl) return <Spin description={t('judgingJudge.pdfLoading')} />;
  return (
    <Flex vertical gap={4}>
      <iframe
        title={name}
        src={blobUrl}
        data-testid="material-pdf-frame"
        style={{ width: '100%', height: '70vh', minHeight: 360, border: '1px solid #f0f0f0', borderRadius: 6 }}
      />
      <Typography.Link href={blobUrl} target="_blank" rel="noreferrer">
        {t('judgingJudge.openPdf')}
      </Typography.Link>
    </Flex>
  );
}

function AttachmentBlock({ assignmentId, a }: { assignmentId: string; a: Attachment }) {
  const { t } = useTranslation();
  const url = judgeFileUrl(assignmentId, a.fileId);
  const kind = kindOf(a);
  // Phone browsers do not draw a PDF inside a frame (Android Chrome shows nothing): there it is a download.
  const inlinePdf = Grid.useBreakpoint().md === true;
  const [preview, setPreview] = useState(false);
  const icon = kind === 'pdf' ? <FilePdfOutlined /> : kind === 'video' ? <PlayCircleOutlined /> : <FilePptOutlined />;
  return (
    <Card size="small" data-testid={`material-${a.slot}`} data-kind={kind}>
      <Flex vertical gap={8}>
        <Flex justify="space-between" align="center" gap={8} wrap="wrap">
          <Flex gap={6} align="center" style={{ minWidth: 0 }}>
            {icon}
            <Typography.Text strong style={{ overflowWrap: 'anywhere' }}>
              {a.label}
            </Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {a.name} · {formatBytes(a.size)}
            </Typography.Text>
          </Flex>
          <Button
            size="small"
            icon={<DownloadOutlined />}
            href={url}
            download={a.name}
            data-testid={`material-download-${a.slot}`}
          >
            {t('judgingJudge.download')}
          </Button>
        </Flex>
        {kind === 'pdf' && inlinePdf ? <PdfPreview url={url} name={a.name} /> : null}
        {kind === 'pdf' && !inlinePdf ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('judgingJudge.pdfPhoneHint')}
          </Typography.Text>
        ) : null}
        {kind === 'video' ? (
          <Flex vertical gap={4}>
            {/* biome-ignore lint/a11y/useMediaCaption: entrants' recorded presentations come without caption files */}
            <video
              controls
              preload="metadata"
              playsInline
              src={url}
              data-testid={`material-video-${a.slot}`}
              style={{ width: '100%', maxHeight: '60vh', background: '#000', borderRadius: 6 }}
            />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('judgingJudge.videoHint')}
            </Typography.Text>
          </Flex>
        ) : null}
        {kind === 'ppt' && !preview ? (
          <Flex gap={8} align="center" wrap="wrap">
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t(a.pdfPreview ? 'judgingJudge.pptPreviewHint' : 'judgingJudge.pptHint')}
            </Typography.Text>
            {/* The server says which decks it converts (LibreOffice installed, not a blind round's legacy .ppt). */}
            {a.pdfPreview ? (
              <Button size="small" type="link" onClick={() => setPreview(true)} data-testid={`material-preview-${a.slot}`}>
                {t('judgingJudge.pdfPreview')}
              </Button>
            ) : null}
          </Flex>
        ) : null}
        {/* Converted on first demand: asked on click, not on every page view. */}
        {kind === 'ppt' && a.pdfPreview && preview ? <PdfPreview url={`${url}/preview.pdf`} name={`${a.label}.pdf`} /> : null}
      </Flex>
    </Card>
  );
}

/** The entry as the judge may see it: summary, the form's answers the round shows, its files inline. */
export function SheetMaterials({ assignmentId, entry }: { assignmentId: string; entry: TJudgeEntry }) {
  const { t } = useTranslation();
  // On a phone the labels go above their answers: a 375 px row has no room for a label column.
  const wide = Grid.useBreakpoint().sm === true;
  return (
    <Flex vertical gap={12} data-testid="sheet-materials">
      <Descriptions
        size="small"
        column={1}
        layout={wide ? 'horizontal' : 'vertical'}
        bordered
        items={[
          {
            key: 'summary',
            label: t('judgingJudge.summary'),
            children: <span style={{ whiteSpace: 'pre-wrap' }}>{entry.summary || '—'}</span>,
          },
          ...(entry.organization
            ? [{ key: 'org', label: t('judgingJudge.invitation.organization'), children: entry.organization.name }]
            : []),
          ...entry.fields.map((f) => ({
            key: f.key,
            label: f.label,
            children: <span style={{ whiteSpace: 'pre-wrap' }}>{valueText(f.value)}</span>,
          })),
        ]}
      />
      <Typography.Text strong>{t('judgingJudge.attachments')}</Typography.Text>
      {entry.attachments.length === 0 ? (
        <Typography.Text type="secondary">{t('judgingJudge.noMaterials')}</Typography.Text>
      ) : (
        entry.attachments.map((a) => <AttachmentBlock key={a.fileId} assignmentId={assignmentId} a={a} />)
      )}
    </Flex>
  );
}
