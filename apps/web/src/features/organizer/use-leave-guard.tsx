import { Modal } from 'antd';
import { type ReactNode, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useBlocker } from 'react-router';

/**
 * Asks before leaving a page with unsaved changes: in-app navigation gets our own dialog (render the returned
 * element), closing the tab or reloading gets the browser's (which shows its own text; ours cannot be set there).
 * The dialog is declarative: it is open exactly while the router holds the navigation blocked.
 */
export function useLeaveGuard(dirty: boolean): ReactNode {
  const { t } = useTranslation();
  const blocker = useBlocker(({ currentLocation, nextLocation }) => dirty && currentLocation.pathname !== nextLocation.pathname);

  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      // Older browsers need returnValue set to show the prompt.
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  return (
    <Modal
      open={blocker.state === 'blocked'}
      title={t('organizer.editor.leaveTitle')}
      okText={t('organizer.editor.leave')}
      cancelText={t('organizer.editor.stay')}
      onOk={() => blocker.proceed?.()}
      onCancel={() => blocker.reset?.()}
      data-testid="leave-guard"
    >
      {t('organizer.editor.leaveBody')}
    </Modal>
  );
}
