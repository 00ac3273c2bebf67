import { MenuOutlined } from '@ant-design/icons';
import { Button, Drawer, Flex, Grid, Layout, Menu } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { useMe } from '../../api/me.ts';
import { NotificationBell } from '../notifications/NotificationBell.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { UserActions } from './UserActions.tsx';
import { selectedKey, useNavItems } from './use-nav-items.tsx';

/** Brand, navigation, language and account. Below the md breakpoint the navigation folds into a drawer. */
export function AppHeader() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const items = useNavItems(me);
  const { pathname } = useLocation();
  const screens = Grid.useBreakpoint();
  const wide = screens.md === true;
  const [open, setOpen] = useState(false);
  const selected = selectedKey(items, pathname);
  // At a desk the bar keeps the daily pages in sight (the screening queue included, issue 8 item 13): platform
  // administration folds into one 管理 submenu and My account is the name button, so nothing hides in an overflow "…".
  const admin = items.filter((i) => i.key.startsWith('/admin/'));
  const barItems = [
    ...items.filter((i) => !i.key.startsWith('/admin/') && i.key !== '/account'),
    ...(admin.length > 0 ? [{ key: 'admin', label: t('nav.admin'), children: admin }] : []),
  ];

  return (
    <Layout.Header
      style={{
        display: 'flex',
        alignItems: 'center',
        gap: 12,
        paddingInline: wide ? 24 : 12,
        position: 'sticky',
        top: 0,
        zIndex: 10,
      }}
    >
      <Link to="/" style={{ color: '#fff', fontWeight: 600, fontSize: wide ? 18 : 17, whiteSpace: 'nowrap' }}>
        案例擂台
        {/* Below 576 px the Latin name gives way to the notification bell; the Chinese brand stays. */}
        {screens.sm ? <span style={{ fontWeight: 400, opacity: 0.85 }}> CaseArena</span> : null}
      </Link>
      {wide ? (
        <>
          <Menu
            theme="dark"
            mode="horizontal"
            selectedKeys={selected}
            items={barItems}
            style={{ flex: 1, minWidth: 0 }}
            data-testid="nav-bar"
          />
          <LanguageSwitch onDark />
          <NotificationBell onDark />
          <UserActions onDark />
        </>
      ) : (
        <>
          <div style={{ flex: 1 }} />
          <LanguageSwitch onDark />
          <NotificationBell onDark />
          <Button
            icon={<MenuOutlined />}
            aria-label={t('nav.menu')}
            aria-expanded={open}
            data-testid="nav-menu"
            onClick={() => setOpen(true)}
          />
          <Drawer open={open} onClose={() => setOpen(false)} title={t('nav.menu')} size={280} placement="right">
            <Flex vertical gap={16}>
              <Menu
                mode="inline"
                selectedKeys={selected}
                items={items}
                onClick={() => setOpen(false)}
                style={{ borderInlineEnd: 'none' }}
              />
              <UserActions onDark={false} vertical onDone={() => setOpen(false)} />
            </Flex>
          </Drawer>
        </>
      )}
    </Layout.Header>
  );
}
