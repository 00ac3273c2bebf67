import { GlobalOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { saveLocale, useMe } from '../../api/me.ts';
import { setLanguage, useLang } from '../../i18n/index.ts';

/** Toggles zh-CN / English; remembered on this device and, when signed in, saved with the profile. */
export function LanguageSwitch({ onDark }: { onDark: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { data: me } = useMe();
  const { message } = App.useApp();
  const toggle = () => {
    const next = lang === 'en' ? 'zh-CN' : 'en';
    setLanguage(next, true);
    if (me) void saveLocale(next).catch(() => message.warning(t('lang.saveFailed')));
  };
  return (
    <Button
      type="text"
      icon={<GlobalOutlined />}
      onClick={toggle}
      data-testid="lang-switch"
      aria-label={t('lang.switchLabel')}
      lang={lang === 'en' ? 'zh-CN' : 'en'}
      autoInsertSpace={false}
      style={onDark ? { color: 'rgba(255,255,255,0.88)' } : undefined}
    >
      {t('lang.switch')}
    </Button>
  );
}
