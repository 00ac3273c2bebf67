import { PaperClipOutlined } from '@ant-design/icons';
import type { TObjection } from '@casearena/contract';
import { Flex, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { shanghaiMinute } from '../campaigns/campaign-time.ts';
import { evidenceUrl } from './notice-api.ts';

/** An objection's messages, oldest first, and its evidence files (opened through the API, never a storage URL). */
export function ObjectionThread({ objection }: { objection: TObjection }) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={8}>
      {objection.evidence.length > 0 ? (
        <Flex gap={8} wrap="wrap" data-testid="objection-evidence-list">
          {objection.evidence.map((e) => (
            <a key={e.id} href={evidenceUrl(objection.id, e.id)} target="_blank" rel="noreferrer">
              <PaperClipOutlined /> {e.name}
            </a>
          ))}
        </Flex>
      ) : null}
      <Timeline
        data-testid="objection-messages"
        items={objection.messages.map((m, i) => ({
          key: `${m.at}-${i}`,
          color: m.from === 'organizer' ? 'blue' : 'gray',
          content: (
            <Flex vertical gap={2}>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {shanghaiMinute(m.at)} · {t(`notice.messageKinds.${m.kind}`)}
              </Typography.Text>
              <Typography.Text style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{m.text}</Typography.Text>
            </Flex>
          ),
        }))}
      />
    </Flex>
  );
}
