import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { RouterProvider } from 'react-router';
import { queryClient } from './api/query-client.ts';
import { useLang } from './i18n/index.ts';
import { router } from './routes.tsx';

const theme = {
  token: {
    colorPrimary: '#0f6cbd',
    // WCAG AA contrast (4.5:1, issue 8 item 14): links, secondary/description text, placeholders, errors and the
    // green of status tags are darker than antd's defaults, which measure 3.3-4.1 on white and on the #f5f5f5 page.
    colorLink: '#0f6cbd',
    colorInfo: '#0f6cbd',
    colorTextSecondary: 'rgba(0, 0, 0, 0.68)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    colorTextDescription: 'rgba(0, 0, 0, 0.62)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.56)',
    colorError: '#cf1322',
    colorWarning: '#945700',
    green: '#237804',
    borderRadius: 6,
    // System fonts first: on Chinese Windows and phones they render CJK crisply without a web-font download.
    fontFamily:
      '-apple-system, BlinkMacSystemFont, "Segoe UI", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Helvetica Neue", Arial, sans-serif',
  },
};

export function App() {
  const lang = useLang();
  return (
    <QueryClientProvider client={queryClient}>
      <ConfigProvider locale={lang === 'en' ? enUS : zhCN} theme={theme}>
        {/* Toasts appear below the sticky 64 px header, so they never hide the navigation. */}
        <AntApp message={{ top: 72 }}>
          <RouterProvider router={router} />
        </AntApp>
      </ConfigProvider>
    </QueryClientProvider>
  );
}
