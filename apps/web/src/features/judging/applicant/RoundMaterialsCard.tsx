import { UploadOutlined } from '@ant-design/icons';
import { ATTACHMENT_TYPE_LABELS, type TEntryRoundMaterials } from '@casearena/contract';
import { Alert, App, Button, Card, Flex, List, Progress, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client.ts';
import { uploadRoundMaterial, useEntryRoundMaterials } from '../../../api/judging-materials.ts';
import { formatBytes, formatDateTime } from '../../../components/format.ts';
import { useLang } from '../../../i18n/index.ts';

type Round = TEntryRoundMaterials['rounds'][number];
type Slot = Round['slots'][number];

/**
 * The applicant's side of a round's own materials (issue 10 item 2; seed 002's 复审 asks finalists for a 汇报 PPT and
 * an MP4 <= 8 min). Renders nothing when no round asks this entry, so the entry page can always include it.
 */
export function RoundMaterialsCard({ entryId }: { entryId: string }) {
  const { t } = useTranslation();
  const materials = useEntryRoundMaterials(entryId);
  if (materials.isError) {
    // Only the entering unit's people are asked for materials; to anyone else who reads the entry (organizer staff,
    // the screener) the server answers NOT_FOUND, and the card has nothing to say to them.
    if (materials.error instanceof ApiError && materials.error.code === 'NOT_FOUND') return null;
    return <Alert type="error" showIcon title={materials.error.message} />;
  }
  const rounds = materials.data?.rounds ?? [];
  if (rounds.length === 0) return null;
  return (
    <Card title={t('judgingJudge.roundMaterials.title')} data-testid="round-materials">
      <Flex vertical gap={16}>
        <Typography.Text type="secondary">{t('judgingJudge.roundMaterials.hint')}</Typography.Text>
        {rounds.map((round) => (
          <RoundBlock key={round.roundId} entryId={entryId} round={round} />
        ))}
      </Flex>
    </Card>
  );
}

function RoundBlock({ entryId, round }: { entryId: string; round: Round }) {
  const { t } = useTranslation();
  const lang = useLang();
  const refusal = round.abilities.upload === true ? null : round.abilities.upload;
  return (
    <Flex vertical gap={8} data-testid={`round-materials-${round.roundId}`}>
      <Flex gap={8} align="baseline" wrap="wrap">
        <Typography.Text strong>{round.label}</Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          {t('judgingJudge.roundMaterials.opensAt', { time: formatDateTime(round.opensAt, lang) })}
        </Typography.Text>
      </Flex>
      {refusal ? <Alert type="info" showIcon title={t(`judgingJudge.roundMaterials.refusals.${refusal}`)} /> : null}
      <List
        bordered
        dataSource={round.slots}
        rowKey="key"
        renderItem={(slot) => (
          <List.Item>
            <SlotRow entryId={entryId} roundId={round.roundId} slot={slot} canUpload={refusal === null} />
          </List.Item>
        )}
      />
    </Flex>
  );
}

function SlotRow({ entryId, roundId, slot, canUpload }: { entryId: string; roundId: string; slot: Slot; canUpload: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const [percent, setPercent] = useState<number | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const video = slot.videoRules?.maxSeconds;
  const rules = [
    t('judgingJudge.roundMaterials.types', { types: slot.types.map((x) => ATTACHMENT_TYPE_LABELS[x]).join(' / ') }),
    t('judgingJudge.roundMaterials.maxSize', { size: formatBytes(slot.maxBytes) }),
    ...(video
      ? [
          t(video.level === 'enforce' ? 'judgingJudge.roundMaterials.maxVideo' : 'judgingJudge.roundMaterials.maxVideoWarn', {
            minutes: Math.round((video.seconds / 60) * 10) / 10,
          }),
        ]
      : []),
  ];
  const file = slot.file;

  return (
    <Flex vertical gap={6} style={{ width: '100%', minWidth: 0 }} data-testid={`round-slot-${slot.key}`}>
      <Flex gap={8} align="center" wrap="wrap" justify="space-between">
        <Flex gap={8} align="center" wrap="wrap" style={{ minWidth: 0 }}>
          <Typography.Text style={{ overflowWrap: 'anywhere' }}>{slot.label}</Typography.Text>
          <Tag color={slot.required ? 'red' : 'default'}>
            {t(slot.required ? 'judgingJudge.roundMaterials.required' : 'judgingJudge.roundMaterials.optional')}
          </Tag>
        </Flex>
        {canUpload ? (
          <Upload
            accept={slot.types.map((x) => `.${x}`).join(',')}
            showUploadList={false}
            disabled={percent !== null}
            customRequest={({ file: raw, onProgress, onSuccess, onError }) => {
              const picked = raw as File;
              setFailure(null);
              setPercent(0);
              uploadRoundMaterial({ roundId, entryId, slotKey: slot.key, file: picked }, (p) => {
                setPercent(p);
                onProgress?.({ percent: p });
              }).then(
                (saved) => {
                  setPercent(null);
                  onSuccess?.(saved);
                  message.success(t('judgingJudge.roundMaterials.uploaded', { name: saved.name }));
                },
                (err: unknown) => {
                  setPercent(null);
                  const text = err instanceof Error ? err.message : String(err);
                  setFailure(text);
                  onError?.(err instanceof Error ? err : new Error(text));
                },
              );
            }}
          >
            <Button icon={<UploadOutlined />} loading={percent !== null} data-testid={`round-upload-${slot.key}`}>
              {t(file ? 'judgingJudge.roundMaterials.replace' : 'judgingJudge.roundMaterials.upload')}
            </Button>
          </Upload>
        ) : null}
      </Flex>
      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
        {rules.join(' · ')}
      </Typography.Text>
      <Typography.Text type={file ? undefined : 'secondary'} style={{ fontSize: 13, overflowWrap: 'anywhere' }}>
        {file
          ? t('judgingJudge.roundMaterials.file', {
              name: file.name,
              size: formatBytes(file.size),
              version: file.version,
              time: formatDateTime(file.uploadedAt, lang),
            })
          : t('judgingJudge.roundMaterials.empty')}
      </Typography.Text>
      {percent !== null ? <Progress percent={percent} size="small" /> : null}
      {failure ? <Alert type="error" showIcon title={failure} closable onClose={() => setFailure(null)} /> : null}
    </Flex>
  );
}
