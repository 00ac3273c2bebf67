import type { TJudgeAssignment, TSheetView } from '@casearena/contract';
import { Button, Card, Flex, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLang } from '../../../i18n/index.ts';
import { draftOf, type SheetDraft } from './sheet-local.ts';

function Copy({
  title,
  draft,
  spec,
  testId,
}: {
  title: string;
  draft: SheetDraft;
  spec: TJudgeAssignment['spec'];
  testId: string;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <Card size="small" title={title} data-testid={testId} style={{ flex: '1 1 240px' }}>
      <Flex vertical gap={4}>
        {spec.criteria.map((c) => (
          <Flex key={c.key} justify="space-between" gap={8}>
            <Typography.Text>{c.label[lang]}</Typography.Text>
            <Typography.Text strong>{draft.scores[c.key] ?? t('judgingJudge.notScored')}</Typography.Text>
          </Flex>
        ))}
        {draft.recommendation ? (
          <Typography.Text>
            {t('judgingJudge.recommendation')}：{draft.recommendation}
          </Typography.Text>
        ) : null}
        <Typography.Paragraph
          type="secondary"
          style={{ whiteSpace: 'pre-wrap', margin: 0 }}
          ellipsis={{ rows: 4, expandable: true }}
        >
          {draft.comment || t('judgingJudge.noComment')}
        </Typography.Paragraph>
      </Flex>
    </Card>
  );
}

/** STALE_VERSION: both copies side by side; the judge keeps theirs (saved on the new version) or takes the server's. */
export function SheetConflict(props: {
  conflict: { mine: SheetDraft; theirs: TSheetView };
  spec: TJudgeAssignment['spec'];
  onKeepMine: () => void;
  onTakeTheirs: () => void;
}) {
  const { t } = useTranslation();
  const { conflict, spec } = props;
  return (
    <Modal
      open
      closable={false}
      maskClosable={false}
      keyboard={false}
      title={t('judgingJudge.conflictTitle')}
      width={720}
      footer={
        <Flex gap={8} justify="end" wrap="wrap">
          <Button onClick={props.onTakeTheirs} data-testid="sheet-conflict-theirs">
            {t('judgingJudge.takeTheirs')}
          </Button>
          <Button type="primary" onClick={props.onKeepMine} data-testid="sheet-conflict-mine">
            {t('judgingJudge.keepMine')}
          </Button>
        </Flex>
      }
    >
      <Flex vertical gap={12} data-testid="sheet-conflict">
        <Typography.Paragraph style={{ margin: 0 }}>
          {t('judgingJudge.conflictHint', { version: conflict.theirs.version })}
        </Typography.Paragraph>
        <Flex gap={12} wrap="wrap">
          <Copy title={t('judgingJudge.conflictMine')} draft={conflict.mine} spec={spec} testId="sheet-conflict-copy-mine" />
          <Copy
            title={t('judgingJudge.conflictTheirs')}
            draft={draftOf(conflict.theirs)}
            spec={spec}
            testId="sheet-conflict-copy-theirs"
          />
        </Flex>
      </Flex>
    </Modal>
  );
}
