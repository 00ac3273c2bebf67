import { HistoryOutlined } from '@ant-design/icons';
import { Collapse, Descriptions, Empty, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useEntryVersions } from '../../api/entries.ts';
import { formatDateTime } from '../../components/format.ts';
import { useLang } from '../../i18n/index.ts';

/** Every saved version of the entry (X-6: nothing typed is lost), newest first; loaded when opened. */
export function VersionHistory({ entryId }: { entryId: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [open, setOpen] = useState(false);
  const versions = useEntryVersions(entryId, open);
  const items = [...(versions.data?.items ?? [])].reverse();
  return (
    <Collapse
      onChange={(keys) => setOpen(keys.length > 0)}
      items={[
        {
          key: 'history',
          label: (
            <span data-testid="version-history">
              <HistoryOutlined /> {t('entries.history.title')}
            </span>
          ),
          children:
            items.length === 0 && !versions.isPending ? (
              <Empty description={t('entries.history.empty')} />
            ) : (
              <Collapse
                size="small"
                items={items.map((v) => ({
                  key: String(v.version),
                  label: t('entries.history.version', {
                    version: v.version,
                    time: formatDateTime(v.savedAt, lang),
                    by: v.savedBy,
                  }),
                  children: (
                    <Descriptions column={1} size="small">
                      <Descriptions.Item label={t('entries.history.caseTitle')}>{v.title}</Descriptions.Item>
                      <Descriptions.Item label={t('entries.history.summary')}>
                        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{v.summary}</Typography.Paragraph>
                      </Descriptions.Item>
                    </Descriptions>
                  ),
                }))}
              />
            ),
        },
      ]}
    />
  );
}
