import type { TStageAction, TStageHostView } from '@casearena/contract';
import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client.ts';
import { refetchStage, useStageAction } from '../stage-api.ts';

/**
 * One host step on the version the console shows (compare-and-set). A step someone else took first (another
 * console, STALE_VERSION) reloads the view and asks the host to look again; every other refusal is shown in the
 * server's words.
 */
export function useHostStep(view: TStageHostView) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const mutation = useStageAction(view.id);
  const run = (action: TStageAction, extra: { reason?: string; judgeId?: string } = {}) =>
    mutation.mutateAsync({ action, version: view.version, ...extra }).then(
      () => {
        void message.success(t('stage.host.done', { action: t(`stage.actions.${action}`) }), 1.5);
        return true;
      },
      (err: unknown) => {
        if (err instanceof ApiError && err.code === 'STALE_VERSION') {
          void refetchStage(view.id);
          void message.warning(t('stage.host.stale'));
        } else {
          void message.error(err instanceof Error ? err.message : String(err));
        }
        return false;
      },
    );
  return { run, pending: mutation.isPending, action: mutation.variables?.action };
}
