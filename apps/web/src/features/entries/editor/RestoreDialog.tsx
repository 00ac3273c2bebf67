import { Button, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../components/format.ts';
import { useLang } from '../../../i18n/index.ts';
import type { LocalDraft } from './local-draft.ts';

/**
 * Text typed on this device that never reached the server (offline, tab closed mid-save). The user decides before
 * editing on, so the older local copy is not overwritten by new typing.
 */
export function RestoreDialog({
  offer,
  onRestore,
  onDiscard,
}: {
  offer: LocalDraft | null;
  onRestore(): void;
  onDiscard(): void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <Modal
      open={offer !== null}
      title={t('entries.restoreTitle', { time: offer ? formatDateTime(offer.at, lang) : '' })}
      closable={false}
      mask={{ closable: false }}
      keyboard={false}
      footer={[
        <Button key="discard" onClick={onDiscard} data-testid="restore-discard">
          {t('entries.discardLocal')}
        </Button>,
        <Button key="restore" type="primary" onClick={onRestore} data-testid="restore-accept">
          {t('entries.restore')}
        </Button>,
      ]}
    >
      <Typography.Paragraph>{t('entries.restoreBody')}</Typography.Paragraph>
      {offer ? (
        <Typography.Paragraph type="secondary" ellipsis={{ rows: 3 }} style={{ margin: 0 }}>
          {offer.content.title}
          {offer.content.summary ? ` — ${offer.content.summary}` : ''}
        </Typography.Paragraph>
      ) : null}
    </Modal>
  );
}
