import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { useRouteError } from 'react-router';

/**
 * Shown instead of a blank page when a page crashes or its code cannot be loaded (typically right after a
 * release, when an open tab asks for a chunk that no longer exists): reloading fixes both.
 */
export function RouteErrorPage() {
  const { t } = useTranslation();
  const error = useRouteError();
  // Kept in the console for whoever is asked to look at it; users see a way forward, not a stack trace.
  console.error(error);
  return (
    <Result
      status="error"
      title={t('errors.unknown')}
      extra={
        <Button type="primary" onClick={() => window.location.reload()}>
          {t('common.retry')}
        </Button>
      }
    />
  );
}
