import { Alert, Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { LinkButton } from '../../components/LinkButton.tsx';

/** The account is in no organizer (the API said 403): explain how to become one rather than show an error. */
export function NotOrganizer({ detail }: { detail?: string }) {
  const { t } = useTranslation();
  return (
    <Result
      status="info"
      title={t('organizer.notOrganizer')}
      subTitle={
        <>
          {detail ? <div>{detail}</div> : null}
          <div>{t('organizer.notOrganizerHint')}</div>
        </>
      }
      extra={
        <LinkButton to="/" type="primary">
          {t('errors.backHome')}
        </LinkButton>
      }
    />
  );
}

/** A failed load on an organizer page, in the server's words; a refusal reads as "not an organizer here". */
export function PageError({ error, onRetry }: { error: Error; onRetry?: () => void }) {
  const { t } = useTranslation();
  if (error instanceof ApiError && error.status === 403) return <NotOrganizer detail={error.message} />;
  return (
    <Alert
      type="error"
      showIcon
      title={error.message}
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : null
      }
    />
  );
}
