import type { TCampaignView } from '@casearena/contract';
import { App, Button, Popconfirm } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCampaignTransition } from '../../../api/organizer.ts';

/** Publish and close, offered only when the server grants the ability (issue 8 item 3). */
export function CampaignStatusActions({ campaign }: { campaign: TCampaignView }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const transition = useCampaignTransition(campaign.id);
  const run = (to: 'publish' | 'close') =>
    transition.mutateAsync(to).then(
      () => void message.success(t(to === 'publish' ? 'organizer.actions.published' : 'organizer.actions.closed')),
      (err: Error) => void message.error(err.message),
    );
  return (
    <>
      {campaign.abilities.publish === true ? (
        <Popconfirm title={t('organizer.actions.publishConfirm')} onConfirm={() => run('publish')}>
          <Button
            type="primary"
            loading={transition.isPending && transition.variables === 'publish'}
            data-testid="campaign-publish"
          >
            {t('organizer.actions.publish')}
          </Button>
        </Popconfirm>
      ) : null}
      {campaign.abilities.close === true ? (
        <Popconfirm title={t('organizer.actions.closeConfirm')} okButtonProps={{ danger: true }} onConfirm={() => run('close')}>
          <Button danger loading={transition.isPending && transition.variables === 'close'} data-testid="campaign-close">
            {t('organizer.actions.close')}
          </Button>
        </Popconfirm>
      ) : null}
    </>
  );
}
