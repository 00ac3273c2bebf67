import { BellOutlined } from '@ant-design/icons';
import { type Locale, renderStoredNotice } from '@casearena/contract';
import { Badge, Button, Drawer, Empty, Flex, Grid, List, Popover, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useMe } from '../../api/me.ts';
import { type TNotification, useMarkAllRead, useMarkRead, useNotifications } from '../../api/notifications.ts';
import { formatDateTime } from '../../components/format.ts';
import { useLang } from '../../i18n/index.ts';

/** Only same-site paths are followed from a notification. */
const internal = (link: string | null) => (link?.startsWith('/') && !link.startsWith('//') ? link : null);

/**
 * A notice in the language on screen: rendered from its template and params with the server's catalogue
 * (packages/contract/src/notices.ts), so switching the language re-renders the bell at once; the text the server
 * sent is kept for a notice without a template.
 */
const textOf = (n: TNotification, lang: Locale) => renderStoredNotice(n.template, n.params, lang) ?? n;

function NotificationList({ onOpen, width }: { onOpen: (n: TNotification) => void; width: number | string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { data, isPending } = useNotifications(true);
  const markAll = useMarkAllRead();
  const items = data?.items ?? [];
  return (
    <Flex vertical gap={8} style={{ width }} data-testid="notification-list">
      <Flex justify="space-between" align="center">
        <Typography.Text strong>{t('notifications.title')}</Typography.Text>
        <Button
          type="link"
          size="small"
          disabled={!data?.unread}
          loading={markAll.isPending}
          onClick={() => markAll.mutate()}
          data-testid="notification-read-all"
        >
          {t('notifications.readAll')}
        </Button>
      </Flex>
      {isPending ? (
        <Spin />
      ) : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notifications.none')} />
      ) : (
        <List
          size="small"
          dataSource={items}
          style={{ maxHeight: 420, overflowY: 'auto' }}
          renderItem={(n) => {
            const text = textOf(n, lang);
            return (
              <List.Item
                style={{ cursor: 'pointer', paddingInline: 8, background: n.readAt ? undefined : '#e6f4ff', borderRadius: 4 }}
                onClick={() => onOpen(n)}
                data-testid={`notification-${n.id}`}
                data-read={n.readAt ? 'true' : 'false'}
              >
                <Flex vertical gap={2} style={{ minWidth: 0 }}>
                  <Typography.Text strong={!n.readAt}>{text.title}</Typography.Text>
                  {text.body ? (
                    <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: 0, fontSize: 13 }}>
                      {text.body}
                    </Typography.Paragraph>
                  ) : null}
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {formatDateTime(n.createdAt, lang)}
                  </Typography.Text>
                </Flex>
              </List.Item>
            );
          }}
        />
      )}
    </Flex>
  );
}

/** The bell in the header for a signed-in user: unread count, the latest notifications, a click opens the entry. */
export function NotificationBell({ onDark }: { onDark: boolean }) {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const { data } = useNotifications(Boolean(me));
  const markRead = useMarkRead();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const wide = Grid.useBreakpoint().md === true;
  if (!me) return null;
  const unread = data?.unread ?? 0;
  const onOpen = (n: TNotification) => {
    if (!n.readAt) markRead.mutate(n.id);
    const to = internal(n.link);
    if (to) {
      setOpen(false);
      navigate(to);
    }
  };
  const bell = (
    <Button
      type="text"
      aria-label={t('notifications.open', { count: unread })}
      data-testid="notification-bell"
      onClick={wide ? undefined : () => setOpen(true)}
      style={{ flexShrink: 0, ...(onDark ? { color: 'rgba(255,255,255,0.88)' } : {}) }}
      icon={
        <Badge count={unread} size="small" offset={[4, -2]} data-testid="notification-unread">
          <BellOutlined style={{ fontSize: 18, color: onDark ? 'rgba(255,255,255,0.88)' : undefined }} />
        </Badge>
      }
    />
  );
  // A phone gets the list as a sheet from the top: a popover anchored at the bell would run off the narrow screen.
  if (!wide)
    return (
      <>
        {bell}
        <Drawer open={open} onClose={() => setOpen(false)} placement="top" size="auto">
          {open ? <NotificationList onOpen={onOpen} width="100%" /> : null}
        </Drawer>
      </>
    );
  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      trigger="click"
      placement="bottomRight"
      arrow={false}
      content={<NotificationList onOpen={onOpen} width={360} />}
    >
      {bell}
    </Popover>
  );
}
