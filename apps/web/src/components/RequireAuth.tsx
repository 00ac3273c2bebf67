import type { Ability } from '@casearena/contract';
import { Button, Result, Spin } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { useMe } from '../api/me.ts';
import { LinkButton } from './LinkButton.tsx';

/**
 * Sends a signed-out visitor to sign in and back to this very page afterwards; hides pages the account's
 * abilities do not allow (abilities, never roles, decide what the UI offers).
 */
export function RequireAuth({ children, ability }: { children: ReactNode; ability?: Ability }) {
  const { t } = useTranslation();
  const { data: me, isPending, isError, refetch } = useMe();
  const location = useLocation();
  if (isPending) return <Spin size="large" style={{ display: 'block', margin: '64px auto' }} />;
  if (isError) {
    // Not a 401 (that reads as signed out): the server could not be reached, so offer a retry, not the login page.
    return (
      <Result
        status="warning"
        title={t('errors.network')}
        extra={<Button onClick={() => void refetch()}>{t('common.retry')}</Button>}
      />
    );
  }
  if (!me) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />;
  }
  if (ability && !me.abilities.includes(ability)) {
    return (
      <Result
        status="403"
        title="403"
        subTitle={t('errors.forbidden')}
        extra={
          <LinkButton to="/" type="primary">
            {t('errors.backHome')}
          </LinkButton>
        }
      />
    );
  }
  return <>{children}</>;
}
