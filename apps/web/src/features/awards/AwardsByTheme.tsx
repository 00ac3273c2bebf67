import { TrophyOutlined } from '@ant-design/icons';
import type { Locale } from '@casearena/contract';
import { Card, Flex, List, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLang } from '../../i18n/index.ts';

/** One award as the public pages list it (the notice's and the honour list's rows share these fields). */
export interface PublicAwardRow {
  label: Record<Locale, string>;
  entryNumber: string | null;
  entryTitle: string | null;
  organizationName: string;
  honour?: Record<Locale, string> | null;
  tied?: boolean;
}

export interface PublicAwardTheme<Row extends PublicAwardRow> {
  themeId: string | null;
  title: string;
  awards: Row[];
}

/** A theme's key in test ids and React keys: its id, or `campaign` for the campaign-wide awards. */
export const themeKey = (theme: { themeId: string | null }) => theme.themeId ?? 'campaign';

/**
 * The awards by theme on the public pages (the notice, the honour list), phone first: a card per theme (the
 * campaign-wide awards under their own heading), each award with its label, honour, tie, entry and hospital.
 */
export function AwardsByTheme<Row extends PublicAwardRow>({
  themes,
  testId,
  extra,
}: {
  themes: PublicAwardTheme<Row>[];
  /** Test ids: `${prefix}-theme-${key}` on each card, `row(key, index, award)` on each row. */
  testId: { prefix: string; row: (themeKey: string, index: number, award: Row) => string };
  /** Something in a card's header (the honour list's share button). */
  extra?: (theme: PublicAwardTheme<Row>) => ReactNode;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  return themes.map((theme) => {
    const key = themeKey(theme);
    return (
      <Card
        key={key}
        size="small"
        data-testid={`${testId.prefix}-theme-${key}`}
        title={
          <span style={{ whiteSpace: 'normal' }}>
            <TrophyOutlined /> {theme.themeId ? theme.title : t('awards.honours.campaignWide')}
          </span>
        }
        extra={extra?.(theme)}
      >
        <List
          dataSource={theme.awards}
          renderItem={(a, i) => (
            <List.Item style={{ paddingInline: 0 }} data-testid={testId.row(key, i, a)}>
              <Flex vertical gap={2} style={{ minWidth: 0 }}>
                <span>
                  <Tag color="gold">{a.label[lang]}</Tag>
                  {a.honour ? <Tag color="red">{a.honour[lang]}</Tag> : null}
                  {a.tied ? <Tag>{t('awards.honours.tied')}</Tag> : null}
                </span>
                {a.entryTitle ? (
                  <Typography.Text strong style={{ overflowWrap: 'anywhere' }}>
                    {a.entryNumber ? `${a.entryNumber} ` : ''}
                    {a.entryTitle}
                  </Typography.Text>
                ) : null}
                <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                  {a.organizationName}
                </Typography.Text>
              </Flex>
            </List.Item>
          )}
        />
      </Card>
    );
  });
}
