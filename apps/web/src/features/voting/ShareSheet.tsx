import { CopyOutlined, DownloadOutlined } from '@ant-design/icons';
import type { TVoteCard } from '@casearena/contract';
import { App, Button, Drawer, Flex, Grid, Input, Modal, Typography } from 'antd';
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { posterBlob } from './share-poster.ts';

/** The entry's public page, the address every share points to (the card, its vote button, the live count). */
export function entryShareUrl(card: Pick<TVoteCard, 'campaignId' | 'entryId'>): string {
  return `${window.location.origin}/campaigns/${encodeURIComponent(card.campaignId)}/entries/${encodeURIComponent(card.entryId)}`;
}

/**
 * Share an entry: its link (copy), a QR code to scan from another phone, and a poster image to save and post in
 * WeChat groups. A bottom sheet on phones, a dialog on desktops. WeChat's browser ignores downloads, so the poster
 * also shows as an image to long-press and save.
 */
export function ShareSheet({
  card,
  campaignTitle,
  open,
  onClose,
}: {
  card: TVoteCard;
  campaignTitle: string;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const url = entryShareUrl(card);
  const [qr, setQr] = useState<string | null>(null);
  const [poster, setPoster] = useState<string | null>(null);
  const [drawing, setDrawing] = useState(false);

  useEffect(() => {
    if (!open) return;
    let live = true;
    void QRCode.toDataURL(url, { errorCorrectionLevel: 'M', margin: 2, width: 480 }).then((d) => {
      if (live) setQr(d);
    });
    return () => {
      live = false;
    };
  }, [open, url]);

  // The object URL lives as long as the preview shows it.
  useEffect(
    () => () => {
      if (poster) URL.revokeObjectURL(poster);
    },
    [poster],
  );

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      void message.success(t('voting.copied'));
    } catch {
      void message.info(t('voting.copyFailed'));
    }
  };

  const downloadPoster = async () => {
    setDrawing(true);
    try {
      const blob = await posterBlob({
        campaign: campaignTitle,
        theme: `${card.theme.code} ${card.theme.title}`,
        number: card.number,
        title: card.title,
        hospital: card.organizationName,
        url,
        call: t('voting.posterCall'),
        footer: t('voting.posterFooter'),
      });
      const href = URL.createObjectURL(blob);
      setPoster(href);
      const a = document.createElement('a');
      a.href = href;
      a.download = `${t('voting.posterFile')}-${card.number}.png`;
      document.body.append(a);
      a.click();
      a.remove();
    } finally {
      setDrawing(false);
    }
  };

  const body = (
    <Flex vertical gap={16} align="stretch" data-testid="share-sheet">
      <div>
        <Typography.Text strong>{t('voting.shareLink')}</Typography.Text>
        <Flex gap={8} style={{ marginTop: 8 }}>
          <Input
            readOnly
            value={url}
            aria-label={t('voting.shareLink')}
            data-testid="share-link"
            onFocus={(e) => e.target.select()}
          />
          <Button icon={<CopyOutlined />} onClick={() => void copy()} data-testid="share-copy">
            {t('voting.copy')}
          </Button>
        </Flex>
      </div>
      <Flex vertical align="center" gap={4}>
        {qr ? (
          <img
            src={qr}
            alt={t('voting.qrAlt')}
            width={200}
            height={200}
            data-testid="share-qr"
            style={{ imageRendering: 'pixelated' }}
          />
        ) : (
          <div style={{ width: 200, height: 200 }} />
        )}
        <Typography.Text type="secondary">{t('voting.qrHint')}</Typography.Text>
      </Flex>
      <Button
        type="primary"
        size="large"
        block
        icon={<DownloadOutlined />}
        loading={drawing}
        onClick={() => void downloadPoster()}
        data-testid="share-poster"
      >
        {t('voting.poster')}
      </Button>
      {poster ? (
        <img
          src={poster}
          alt={t('voting.poster')}
          data-testid="share-poster-image"
          style={{ width: '100%', maxWidth: 360, alignSelf: 'center', borderRadius: 8 }}
        />
      ) : null}
    </Flex>
  );

  return screens.md ? (
    <Modal open={open} onCancel={onClose} footer={null} title={t('voting.shareTitle')} destroyOnHidden>
      {body}
    </Modal>
  ) : (
    <Drawer
      open={open}
      onClose={onClose}
      placement="bottom"
      title={t('voting.shareTitle')}
      destroyOnHidden
      size="auto"
      styles={{ wrapper: { maxHeight: '92vh' } }}
    >
      {body}
    </Drawer>
  );
}
