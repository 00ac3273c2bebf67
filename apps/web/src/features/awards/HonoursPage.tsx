import { ArrowLeftOutlined, PictureOutlined } from '@ant-design/icons';
import type { THonourList } from '@casearena/contract';
import { Alert, Button, Empty, Flex, Modal, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { useLang } from '../../i18n/index.ts';
import { AwardsByTheme, themeKey } from './AwardsByTheme.tsx';
import { useHonours } from './awards-api.ts';
import { honourImageBlob } from './honour-image.ts';

type Theme = THonourList['themes'][number];

/** The share image of one theme: drawn on demand, shown to long-press (WeChat ignores downloads) and downloadable. */
function ShareImage({ list, theme, onClose }: { list: THonourList; theme: Theme | null; onClose: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    if (!theme) return;
    let live = true;
    let url: string | null = null;
    void honourImageBlob({
      campaign: list.campaignTitle,
      theme: theme.themeId ? theme.title : t('awards.honours.campaignWide'),
      status: list.final ? t('awards.honours.finalShort') : t('awards.honours.onNoticeShort'),
      rows: theme.awards.map((a) => ({
        award: a.label[lang] + (a.tied ? t('awards.honours.tiedMark') : ''),
        title: a.entryTitle ?? a.organizationName,
        hospital: a.entryTitle ? a.organizationName : '',
        honour: a.honour?.[lang] ?? null,
      })),
      more: (n) => t('awards.honours.more', { count: n }),
      footer: t('awards.honours.imageFooter', { host: window.location.host }),
    }).then((blob) => {
      url = URL.createObjectURL(blob);
      if (live) setSrc(url);
      else URL.revokeObjectURL(url);
    });
    return () => {
      live = false;
      if (url) URL.revokeObjectURL(url);
      setSrc(null);
    };
  }, [list, theme, lang, t]);
  return (
    <Modal
      open={theme !== null}
      onCancel={onClose}
      title={t('awards.honours.share')}
      footer={
        src ? (
          <Button
            type="primary"
            href={src}
            download={`honours-${theme?.themeId ?? 'campaign'}.png`}
            data-testid="honour-image-download"
          >
            {t('awards.honours.download')}
          </Button>
        ) : null
      }
      centered
      width={420}
    >
      {src ? (
        <Flex vertical gap={8} align="center">
          <img
            src={src}
            alt={theme?.title ?? ''}
            data-testid="honour-image"
            style={{ width: '100%', maxWidth: 360, border: '1px solid #f0f0f0', borderRadius: 8 }}
          />
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            {t('awards.honours.longPress')}
          </Typography.Text>
        </Flex>
      ) : (
        <Spin style={{ display: 'block', margin: '32px auto' }} />
      )}
    </Modal>
  );
}

/** `/campaigns/:campaignId/honours`: the public honour list (榜单), per theme, phone first; public once frozen. */
export function HonoursPage() {
  const { campaignId = '' } = useParams();
  const { t } = useTranslation();
  const honours = useHonours(campaignId);
  const [sharing, setSharing] = useState<Theme | null>(null);
  if (honours.isPending) return <Spin size="large" style={{ display: 'block', margin: '64px auto' }} />;
  if (honours.isError)
    return honours.error instanceof ApiError && honours.error.status === 404 ? (
      <Empty description={t('awards.honours.none')} data-testid="honours-none" />
    ) : (
      <Alert type="error" showIcon title={honours.error.message} />
    );
  const list = honours.data;
  return (
    <Flex vertical gap={12} style={{ maxWidth: 920, width: '100%', margin: '0 auto' }} data-testid="honours-page">
      <Link to={`/campaigns/${encodeURIComponent(list.campaignId)}`}>
        <ArrowLeftOutlined /> {t('awards.honours.back')}
      </Link>
      <div>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('awards.honours.title')}
        </Typography.Title>
        <Typography.Text type="secondary" style={{ overflowWrap: 'anywhere' }}>
          {list.campaignTitle}
        </Typography.Text>
      </div>
      {list.final ? (
        <Alert type="success" showIcon title={t('awards.honours.final')} data-testid="honours-final" />
      ) : (
        <Alert
          type="info"
          showIcon
          data-testid="honours-on-notice"
          title={t('awards.honours.onNotice')}
          action={<Link to={`/campaigns/${encodeURIComponent(list.campaignId)}/notice`}>{t('awards.honours.toNotice')}</Link>}
        />
      )}
      {list.themes.length === 0 ? <Empty description={t('awards.honours.empty')} /> : null}
      <AwardsByTheme
        themes={list.themes}
        testId={{ prefix: 'honours', row: (key, i) => `honours-row-${key}-${i}` }}
        extra={(theme) => (
          <Button
            size="small"
            icon={<PictureOutlined />}
            onClick={() => setSharing(theme)}
            data-testid={`honours-share-${themeKey(theme)}`}
          >
            {t('awards.honours.share')}
          </Button>
        )}
      />
      <ShareImage list={list} theme={sharing} onClose={() => setSharing(null)} />
    </Flex>
  );
}
