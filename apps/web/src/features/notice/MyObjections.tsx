import type { TObjection } from '@casearena/contract';
import { fieldMessage } from '@casearena/contract';
import { Alert, Button, Card, Flex, Input, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLang } from '../../i18n/index.ts';
import { useMyObjections, useObjectionAction } from './notice-api.ts';
import { OBJECTION_STATE_COLORS } from './notice-states.ts';
import { ObjectionThread } from './ObjectionThread.tsx';

/** The objector answers the organizer's request for more information (the only step that is theirs). */
function AnswerForm({ objection }: { objection: TObjection }) {
  const { t } = useTranslation();
  const lang = useLang();
  const action = useObjectionAction(objection.id);
  const [text, setText] = useState('');
  const [tried, setTried] = useState(false);
  const short = text.trim().length < 2;
  return (
    <Flex vertical gap={6}>
      <Input.TextArea
        value={text}
        onChange={(e) => setText(e.target.value)}
        autoSize={{ minRows: 3, maxRows: 8 }}
        maxLength={2000}
        placeholder={t('notice.mine.answerPlaceholder')}
        status={tried && short ? 'error' : undefined}
        data-testid={`objection-answer-${objection.id}`}
      />
      {tried && short ? (
        <Typography.Text type="danger" style={{ fontSize: 13 }}>
          {fieldMessage('REASON_REQUIRED', lang)}
        </Typography.Text>
      ) : null}
      {action.error ? <Alert type="error" showIcon title={action.error.message} /> : null}
      <Button
        type="primary"
        loading={action.isPending}
        data-testid={`objection-answer-send-${objection.id}`}
        onClick={() => {
          setTried(true);
          if (!short)
            action.mutate(
              { action: 'answer', version: objection.version, reason: text.trim() },
              { onSuccess: () => setText('') },
            );
        }}
      >
        {t('notice.mine.answer')}
      </Button>
    </Flex>
  );
}

/** The signed-in visitor's own objections on this notice, with the organizer's replies. */
export function MyObjections({ campaignId }: { campaignId: string }) {
  const { t } = useTranslation();
  const mine = useMyObjections(campaignId, true);
  const list = mine.data?.objections ?? [];
  if (list.length === 0) return null;
  return (
    <Card size="small" title={t('notice.mine.title')} data-testid="my-objections">
      <Flex vertical gap={16}>
        {list.map((o) => (
          <Flex key={o.id} vertical gap={6} data-testid={`my-objection-${o.id}`}>
            <Flex justify="space-between" gap={8} wrap="wrap">
              <Typography.Text strong style={{ overflowWrap: 'anywhere' }}>
                {o.entryNumber ? `${o.entryNumber} ` : ''}
                {o.entryTitle}
              </Typography.Text>
              <Tag color={OBJECTION_STATE_COLORS[o.state]} data-testid={`my-objection-state-${o.id}`} data-state={o.state}>
                {t(`notice.objectionStates.${o.state}`)}
              </Tag>
            </Flex>
            <ObjectionThread objection={o} />
            {o.abilities.answer === true ? <AnswerForm objection={o} /> : null}
          </Flex>
        ))}
      </Flex>
    </Card>
  );
}
