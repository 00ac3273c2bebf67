import { LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { App, Button, Flex } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useLogout, useMe } from '../../api/me.ts';
import { LinkButton } from '../../components/LinkButton.tsx';

/** Signed in: the account's name (to My account) and sign-out; signed out: sign in and register. */
export function UserActions({ onDark, vertical, onDone }: { onDark: boolean; vertical?: boolean; onDone?: () => void }) {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const logout = useLogout();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const color = onDark ? { color: 'rgba(255,255,255,0.88)' } : undefined;

  if (!me) {
    return (
      <Flex gap={8} vertical={vertical}>
        <LinkButton to="/login" onClick={onDone} block={vertical}>
          {t('nav.login')}
        </LinkButton>
        <LinkButton to="/register" onClick={onDone} type="primary" block={vertical}>
          {t('nav.register')}
        </LinkButton>
      </Flex>
    );
  }
  return (
    <Flex gap={8} vertical={vertical} align={vertical ? 'stretch' : 'center'}>
      <LinkButton
        to="/account"
        onClick={onDone}
        type="text"
        icon={<UserOutlined />}
        style={color}
        block={vertical}
        title={t('nav.signedInAs', { name: me.user.name })}
        data-testid="user-menu"
      >
        <span style={{ maxWidth: 140, overflow: 'hidden', textOverflow: 'ellipsis' }}>{me.user.name}</span>
      </LinkButton>
      <Button
        icon={<LogoutOutlined />}
        data-testid="logout"
        loading={logout.isPending}
        ghost={onDark}
        block={vertical}
        onClick={() =>
          logout.mutate(undefined, {
            onSuccess: () => {
              onDone?.();
              message.success(t('auth.loggedOut'));
              navigate('/');
            },
            onError: (err) => message.error(err.message),
          })
        }
      >
        {t('nav.logout')}
      </Button>
    </Flex>
  );
}
