import { HistoryOutlined } from '@ant-design/icons';
import { Collapse, Descriptions, Empty, Flex, List, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useEntryVersions } from '../../api/entries.ts';
import { formatBytes, formatDateTime } from '../../components/format.ts';
import { useLang } from '../../i18n/index.ts';

/**
 * Every saved version of the entry, newest first, and every file it ever had, replaced and removed ones included, each
 * with a download link (X-6: nothing typed or uploaded is lost); loaded when opened.
 */
export function VersionHistory({ entryId }: { entryId: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [open, setOpen] = useState(false);
  const versions = useEntryVersions(entryId, open);
  const items = [...(versions.data?.items ?? [])].reverse();
  const files = [...(versions.data?.files ?? [])].reverse();
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
              <Flex vertical gap={12}>
                {files.length > 0 ? (
                  <List
                    size="small"
                    header={<Typography.Text strong>{t('entries.history.files')}</Typography.Text>}
                    dataSource={files}
                    data-testid="file-history"
                    renderItem={(f) => (
                      <List.Item
                        actions={[
                          <Typography.Link key="download" href={f.downloadUrl} download={f.name}>
                            {t('entries.history.download')}
                          </Typography.Link>,
                        ]}
                      >
                        <Flex gap={8} wrap="wrap" align="center" style={{ minWidth: 0 }}>
                          <Typography.Text ellipsis style={{ minWidth: 0 }}>
                            {t('entries.history.fileLine', {
                              name: f.name,
                              size: formatBytes(f.size),
                              time: formatDateTime(f.uploadedAt, lang),
                              by: f.uploadedBy,
                            })}
                          </Typography.Text>
                          {f.current ? (
                            <Tag color="green">{t('entries.history.current')}</Tag>
                          ) : f.replacedAt ? (
                            <Tag>{t('entries.history.replaced', { time: formatDateTime(f.replacedAt, lang) })}</Tag>
                          ) : null}
                        </Flex>
                      </List.Item>
                    )}
                  />
                ) : null}
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
              </Flex>
            ),
        },
      ]}
    />
  );
}
