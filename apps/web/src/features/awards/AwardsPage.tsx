import {
  ArrowLeftOutlined,
  CalculatorOutlined,
  DownloadOutlined,
  EditOutlined,
  LockOutlined,
  PlusOutlined,
} from '@ant-design/icons';
import { errorMessage, type TAward, type TAwardSetAbilities, type TAwardSetState, type TAwardSetView } from '@casearena/contract';
import { Alert, App, Button, Card, Flex, List, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useCampaign } from '../../api/campaigns.ts';
import { applyApiError } from '../../components/api-error.ts';
import { LinkButton } from '../../components/LinkButton.tsx';
import { useLang } from '../../i18n/index.ts';
import { shanghaiMinute } from '../campaigns/campaign-time.ts';
import { PageError } from '../organizer/PageError.tsx';
import { AddAwardFields, type AddChoice } from './AddAwardFields.tsx';
import { AwardsPreview } from './AwardsPreview.tsx';
import { awardsExportUrl, useAdjustAwards, useAwardAction, useAwardSet } from './awards-api.ts';
import { ReasonModal } from './ReasonModal.tsx';
import { RulesEditor } from './RulesEditor.tsx';
import { ruleSummary } from './rule-summary.ts';

export const AWARD_SET_COLORS = {
  draft: 'default',
  computed: 'processing',
  frozen: 'blue',
  final: 'success',
} as const satisfies Record<TAwardSetState, string>;

type AwardRefusal = Exclude<TAwardSetAbilities[keyof TAwardSetAbilities], true>;

/** The refusal under a button, in the contract's words (the ability is `true` or the code the route refuses with). */
function Refusal({ code, testId }: { code: true | AwardRefusal; testId: string }) {
  const { t } = useTranslation();
  if (code === true) return null;
  return (
    <Typography.Text type="secondary" style={{ fontSize: 13 }} data-testid={testId} data-code={code}>
      {t(`awards.refusals.${code}`)}
    </Typography.Text>
  );
}

function Problems({ view }: { view: TAwardSetView }) {
  const lang = useLang();
  const { t } = useTranslation();
  if (view.problems.length === 0) return null;
  const labelOf = (key: string) => view.rules.find((r) => r.key === key)?.label[lang] ?? key;
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="award-problems"
      title={t('awards.manager.problems')}
      description={
        <List
          size="small"
          dataSource={view.problems}
          renderItem={(p) => (
            <List.Item style={{ paddingInline: 0 }}>
              {errorMessage(p.code, lang, { rule: labelOf(p.ruleKey), source: t(`awards.kinds.${kindOf(view, p.ruleKey)}`) })}
            </List.Item>
          )}
        />
      }
    />
  );
}

const kindOf = (view: TAwardSetView, key: string) => view.rules.find((r) => r.key === key)?.kind ?? 'tiers';

/**
 * `/organizer/campaigns/:id/awards`: the award set (issue 12 item 1). Rules (campaign data) -> compute -> preview
 * (who gets what and why) -> adjust with a written reason (audited) -> freeze; the Excel export of every award.
 */
export function AwardsPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const lang = useLang();
  const { message, modal } = App.useApp();
  const campaign = useCampaign(id);
  const set = useAwardSet(id);
  const action = useAwardAction(id);
  const adjust = useAdjustAwards(id);
  const [editing, setEditing] = useState(false);
  const [removing, setRemoving] = useState<TAward | null>(null);
  const [adding, setAdding] = useState(false);
  const [choice, setChoice] = useState<AddChoice>({});
  const [adjustError, setAdjustError] = useState<string | null>(null);
  if (set.isPending) return <Spin size="large" style={{ display: 'block', margin: '64px auto' }} />;
  if (set.isError) return <PageError error={set.error} onRetry={() => void set.refetch()} />;
  const v = set.data;
  const ab = v.abilities;
  const run = (name: 'compute' | 'freeze') =>
    action.mutate(
      { action: name, version: v.version },
      {
        onSuccess: () => void message.success(t(`awards.manager.${name}Done`)),
        onError: (err) => void message.error(applyApiError(null, err)),
      },
    );
  const closeAdjust = () => {
    setRemoving(null);
    setAdding(false);
    setChoice({});
    setAdjustError(null);
  };
  const onAdjustError = (err: Error) => setAdjustError(applyApiError(null, err));
  return (
    <Flex vertical gap={16} data-testid="awards-page">
      <LinkButton
        to={`/organizer/campaigns/${id}`}
        type="link"
        icon={<ArrowLeftOutlined />}
        style={{ paddingLeft: 0, alignSelf: 'start' }}
      >
        {campaign.data?.title ?? t('awards.manager.back')}
      </LinkButton>
      <Flex justify="space-between" align="center" wrap="wrap" gap={8}>
        <Flex align="center" gap={8} wrap="wrap">
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('awards.manager.title')}
          </Typography.Title>
          <Tag color={AWARD_SET_COLORS[v.state]} data-testid="award-set-state" data-state={v.state}>
            {t(`awards.states.${v.state}`)}
          </Tag>
        </Flex>
        <Flex gap={8} wrap="wrap">
          <Button href={awardsExportUrl(id)} icon={<DownloadOutlined />} data-testid="awards-export">
            {t('awards.manager.export')}
          </Button>
          <LinkButton to={`/organizer/campaigns/${id}/notice`} data-testid="awards-to-notice">
            {t('notice.manager.link')}
          </LinkButton>
          <LinkButton to={`/organizer/campaigns/${id}/certificates`} data-testid="awards-to-certificates">
            {t('certificates.manager.link')}
          </LinkButton>
        </Flex>
      </Flex>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('awards.manager.intro')}
        {v.computedAt ? ` ${t('awards.manager.computedAt', { at: shanghaiMinute(v.computedAt) })}` : ''}
        {v.frozenAt ? ` ${t('awards.manager.frozenAt', { at: shanghaiMinute(v.frozenAt) })}` : ''}
        {v.finalAt ? ` ${t('awards.manager.finalAt', { at: shanghaiMinute(v.finalAt) })}` : ''}
      </Typography.Paragraph>
      <Card
        size="small"
        title={t('awards.manager.rules')}
        extra={
          ab.editRules === true && !editing ? (
            <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="award-rules-edit">
              {t('awards.manager.editRules')}
            </Button>
          ) : null
        }
      >
        {editing ? (
          <RulesEditor campaignId={id} version={v.version} rules={v.rules} onDone={() => setEditing(false)} />
        ) : (
          <List
            size="small"
            dataSource={v.rules}
            data-testid="award-rules"
            renderItem={(r) => (
              <List.Item style={{ paddingInline: 0 }} data-testid={`award-rule-${r.key}`}>
                <Flex vertical gap={2}>
                  <span>
                    <Typography.Text strong>{r.label[lang]}</Typography.Text> <Tag>{t(`awards.kinds.${r.kind}`)}</Tag>
                  </span>
                  <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                    {ruleSummary(r, lang)}
                  </Typography.Text>
                </Flex>
              </List.Item>
            )}
          />
        )}
      </Card>
      <Problems view={v} />
      <Card size="small">
        <Flex gap={16} wrap="wrap" align="start">
          <Flex vertical gap={4}>
            <Button
              type="primary"
              icon={<CalculatorOutlined />}
              disabled={ab.compute !== true}
              loading={action.isPending && action.variables?.action === 'compute'}
              onClick={() => run('compute')}
              data-testid="award-compute"
            >
              {v.state === 'draft' ? t('awards.manager.compute') : t('awards.manager.recompute')}
            </Button>
            <Refusal code={ab.compute} testId="award-compute-refusal" />
          </Flex>
          <Flex vertical gap={4}>
            <Button icon={<PlusOutlined />} disabled={ab.adjust !== true} onClick={() => setAdding(true)} data-testid="award-add">
              {t('awards.manager.add')}
            </Button>
          </Flex>
          <Flex vertical gap={4}>
            <Button
              icon={<LockOutlined />}
              disabled={ab.freeze !== true}
              loading={action.isPending && action.variables?.action === 'freeze'}
              data-testid="award-freeze"
              onClick={() =>
                modal.confirm({
                  title: t('awards.manager.freezeConfirm'),
                  content: t('awards.manager.freezeHint'),
                  okText: t('awards.manager.freeze'),
                  onOk: () => run('freeze'),
                })
              }
            >
              {t('awards.manager.freeze')}
            </Button>
            <Refusal code={ab.freeze} testId="award-freeze-refusal" />
          </Flex>
        </Flex>
      </Card>
      <AwardsPreview awards={v.awards} onRemove={ab.adjust === true ? setRemoving : null} />
      <ReasonModal
        open={removing !== null}
        title={t('awards.adjust.removeTitle')}
        okText={t('awards.adjust.remove')}
        danger
        loading={adjust.isPending}
        error={adjustError}
        testId="award-remove-dialog"
        onCancel={closeAdjust}
        onOk={(reason) =>
          removing &&
          adjust.mutate(
            { op: 'remove', version: v.version, awardId: removing.id, reason },
            { onSuccess: closeAdjust, onError: onAdjustError },
          )
        }
      >
        {removing ? (
          <Typography.Paragraph>
            {t('awards.adjust.removeWhat', {
              award: removing.label[lang],
              who: removing.entryTitle ?? removing.organizationName,
            })}
          </Typography.Paragraph>
        ) : null}
      </ReasonModal>
      <ReasonModal
        open={adding}
        title={t('awards.adjust.addTitle')}
        okText={t('awards.adjust.add')}
        loading={adjust.isPending}
        error={adjustError}
        ready={Boolean(choice.ruleKey && choice.level && choice.entryId)}
        testId="award-add-dialog"
        onCancel={closeAdjust}
        onOk={(reason) => {
          if (!choice.ruleKey || !choice.level || !choice.entryId) return;
          adjust.mutate(
            { op: 'add', version: v.version, ruleKey: choice.ruleKey, level: choice.level, entryId: choice.entryId, reason },
            { onSuccess: closeAdjust, onError: onAdjustError },
          );
        }}
      >
        <AddAwardFields campaignId={id} rules={v.rules} awards={v.awards} value={choice} onChange={setChoice} />
      </ReasonModal>
    </Flex>
  );
}
