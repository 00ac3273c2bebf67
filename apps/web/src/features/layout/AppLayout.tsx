import { Grid, Layout, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, ScrollRestoration } from 'react-router';
import { useMe } from '../../api/me.ts';
import { useLang } from '../../i18n/index.ts';
import { AppHeader } from './AppHeader.tsx';
import { useLocaleSync } from './use-locale-sync.ts';

export function AppLayout() {
  const { t } = useTranslation();
  const lang = useLang();
  const { data: me } = useMe();
  const screens = Grid.useBreakpoint();
  useLocaleSync(me);
  useEffect(() => {
    document.title = lang === 'en' ? 'CaseArena 案例擂台' : '案例擂台 CaseArena';
  }, [lang]);

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <AppHeader />
      <Layout.Content
        style={{ padding: screens.md ? 24 : 12, maxWidth: 1200, width: '100%', margin: '0 auto', boxSizing: 'border-box' }}
      >
        <Outlet />
      </Layout.Content>
      <Layout.Footer style={{ textAlign: 'center', padding: '16px 12px' }}>
        <Typography.Text type="secondary">案例擂台 CaseArena · {t('footer')}</Typography.Text>
      </Layout.Footer>
      <ScrollRestoration />
    </Layout>
  );
}
