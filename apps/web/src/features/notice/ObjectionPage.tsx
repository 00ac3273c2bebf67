import { ArrowLeftOutlined } from '@ant-design/icons';
import type { TObjection, TObjectionActionInput } from '@casearena/contract';
import { Alert, Button, Card, Descriptions, Flex, Radio, Select, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { applyApiError } from '../../components/api-error.ts';
import { LinkButton } from '../../components/LinkButton.tsx';
import { useLang } from '../../i18n/index.ts';
import { AddAwardFields, type AddChoice } from '../awards/AddAwardFields.tsx';
import { useAwardSet } from '../awards/awards-api.ts';
import { ReasonModal } from '../awards/ReasonModal.tsx';
import { shanghaiMinute } from '../campaigns/campaign-time.ts';
import { PageError } from '../organizer/PageError.tsx';
import { useObjection, useObjectionAction } from './notice-api.ts';
import { OBJECTION_STATE_COLORS } from './notice-states.ts';
import { ObjectionThread } from './ObjectionThread.tsx';

type Step = 'request_info' | 'dismiss' | 'uphold' | 'answer';
type Change = 'none' | 'remove' | 'add';

/** What upholding changes: nothing, the removal of one of the entry's awards, or an award added to the entry. */
function UpholdChange({
  objection,
  change,
  onChange,
  removeId,
  onRemoveId,
  add,
  onAdd,
}: {
  objection: TObjection;
  change: Change;
  onChange: (c: Change) => void;
  removeId: string | undefined;
  onRemoveId: (id: string) => void;
  add: AddChoice;
  onAdd: (c: AddChoice) => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const set = useAwardSet(objection.campaignId);
  const awards = (set.data?.awards ?? []).filter((a) => a.origin !== 'removed');
  const ofEntry = awards.filter((a) => a.entryId === objection.entryId);
  return (
    <Flex vertical gap={8} style={{ marginBottom: 12 }}>
      <Typography.Text>{t('notice.objection.change')}</Typography.Text>
      <Radio.Group
        value={change}
        onChange={(e) => onChange(e.target.value as Change)}
        data-testid="objection-change"
        options={[
          { value: 'remove', label: t('notice.objection.changeRemove') },
          { value: 'add', label: t('notice.objection.changeAdd') },
          { value: 'none', label: t('notice.objection.changeNone') },
        ]}
      />
      {change === 'remove' ? (
        <Select
          data-testid="objection-change-award"
          value={removeId}
          onChange={onRemoveId}
          placeholder={t('notice.objection.pickAward')}
          options={ofEntry.map((a) => ({
            value: a.id,
            label: `${a.label[lang]}${a.themeTitle ? ` · ${a.themeTitle}` : ''}`,
          }))}
          notFoundContent={t('notice.objection.noAward')}
        />
      ) : null}
      {change === 'add' && set.data ? (
        <AddAwardFields
          campaignId={objection.campaignId}
          rules={set.data.rules}
          awards={set.data.awards}
          value={{ ...add, entryId: objection.entryId }}
          onChange={onAdd}
          entryFixed={{ id: objection.entryId, label: `${objection.entryNumber ?? ''} ${objection.entryTitle}` }}
        />
      ) : null}
    </Flex>
  );
}

/**
 * `/objections/:objectionId`: one objection with the objector's identity (the organizer and the objector only), its
 * evidence and messages; the organizer asks for more, dismisses or upholds (changing the awards, with the reason);
 * the objector answers. Each step needs a written reason and is sent to the other side.
 */
export function ObjectionPage() {
  const { objectionId = '' } = useParams();
  const { t } = useTranslation();
  const objection = useObjection(objectionId);
  const action = useObjectionAction(objectionId);
  const [step, setStep] = useState<Step | null>(null);
  const [change, setChange] = useState<Change>('remove');
  const [removeId, setRemoveId] = useState<string>();
  const [add, setAdd] = useState<AddChoice>({});
  const [error, setError] = useState<string | null>(null);
  if (objection.isPending) return <Spin size="large" style={{ display: 'block', margin: '64px auto' }} />;
  if (objection.isError) return <PageError error={objection.error} onRetry={() => void objection.refetch()} />;
  const o = objection.data;
  const ab = o.abilities;
  const close = () => {
    setStep(null);
    setError(null);
    setChange('remove');
    setRemoveId(undefined);
    setAdd({});
  };
  const ready =
    step !== 'uphold' ||
    change === 'none' ||
    (change === 'remove' && Boolean(removeId)) ||
    (change === 'add' && Boolean(add.ruleKey && add.level));
  const send = (reason: string) => {
    if (!step) return;
    let input: TObjectionActionInput;
    if (step === 'uphold') {
      const c: Extract<TObjectionActionInput, { action: 'uphold' }>['change'] =
        change === 'remove' && removeId
          ? { op: 'remove', awardId: removeId }
          : change === 'add' && add.ruleKey && add.level
            ? { op: 'add', ruleKey: add.ruleKey, level: add.level, entryId: o.entryId }
            : { op: 'none' };
      input = { action: 'uphold', version: o.version, reason, change: c };
    } else input = { action: step, version: o.version, reason };
    action.mutate(input, { onSuccess: close, onError: (err) => setError(applyApiError(null, err)) });
  };
  const buttons: Array<{ step: Step; ok: boolean; danger?: boolean; primary?: boolean }> = [
    { step: 'request_info', ok: ab.requestInfo === true },
    { step: 'dismiss', ok: ab.dismiss === true },
    { step: 'uphold', ok: ab.uphold === true, danger: true },
    { step: 'answer', ok: ab.answer === true, primary: true },
  ];
  return (
    <Flex vertical gap={16} style={{ maxWidth: 920 }} data-testid="objection-page">
      {ab.uphold === true || ab.dismiss === true || ab.requestInfo === true || o.state === 'upheld' || o.state === 'dismissed' ? (
        <LinkButton
          to={`/organizer/campaigns/${o.campaignId}/notice`}
          type="link"
          icon={<ArrowLeftOutlined />}
          style={{ paddingLeft: 0, alignSelf: 'start' }}
        >
          {t('notice.manager.title')}
        </LinkButton>
      ) : null}
      <Flex align="center" gap={8} wrap="wrap">
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('notice.objection.title')}
        </Typography.Title>
        <Tag color={OBJECTION_STATE_COLORS[o.state]} data-testid="objection-state" data-state={o.state}>
          {t(`notice.objectionStates.${o.state}`)}
        </Tag>
      </Flex>
      <Card size="small">
        <Descriptions
          column={1}
          size="small"
          items={[
            { key: 'entry', label: t('notice.manager.entry'), children: `${o.entryNumber ?? ''} ${o.entryTitle}` },
            {
              key: 'who',
              label: t('notice.manager.objector'),
              children: <span data-testid="objection-identity">{`${o.realName} · ${o.phone}`}</span>,
            },
            { key: 'at', label: t('notice.manager.filedAt'), children: shanghaiMinute(o.createdAt) },
            ...(o.closedAt
              ? [{ key: 'closed', label: t('notice.objection.closedAt'), children: shanghaiMinute(o.closedAt) }]
              : []),
          ]}
        />
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 8 }} data-testid="objection-text-shown">
          {o.text}
        </Typography.Paragraph>
      </Card>
      <Card size="small" title={t('notice.objection.messages')}>
        <ObjectionThread objection={o} />
      </Card>
      <Flex gap={8} wrap="wrap">
        {buttons
          .filter((b) => b.ok)
          .map((b) => (
            <Button
              key={b.step}
              danger={b.danger}
              type={b.primary ? 'primary' : 'default'}
              onClick={() => setStep(b.step)}
              data-testid={`objection-action-${b.step}`}
            >
              {t(`notice.objection.actions.${b.step}`)}
            </Button>
          ))}
      </Flex>
      {error && !step ? <Alert type="error" showIcon title={error} /> : null}
      <ReasonModal
        open={step !== null}
        title={step ? t(`notice.objection.actions.${step}`) : ''}
        okText={step ? t(`notice.objection.actions.${step}`) : ''}
        danger={step === 'uphold'}
        loading={action.isPending}
        error={error}
        ready={ready}
        maxLength={2000}
        testId="objection-dialog"
        onCancel={close}
        onOk={send}
      >
        {step === 'uphold' ? (
          <UpholdChange
            objection={o}
            change={change}
            onChange={setChange}
            removeId={removeId}
            onRemoveId={setRemoveId}
            add={add}
            onAdd={setAdd}
          />
        ) : (
          <Typography.Paragraph type="secondary">{step ? t(`notice.objection.hints.${step}`) : ''}</Typography.Paragraph>
        )}
      </ReasonModal>
    </Flex>
  );
}
