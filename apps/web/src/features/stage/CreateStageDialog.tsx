import {
  MEDALS_S0_10,
  PRIZES_S2_6,
  type TCampaignView,
  type TCreateStageInput,
  type TStageAward,
  type TStageMethod,
} from '@casearena/contract';
import { App, type ButtonProps, Form, Input, InputNumber, Modal, Radio, Select, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useRoundRanking } from '../../api/judging-round.ts';
import { useJudgePool, useRounds } from '../../api/judging-setup.ts';
import { useLang } from '../../i18n/index.ts';
import { tierLabel } from '../judging/organizer/round/RankingGroup.tsx';
import { useCreateStage } from './stage-api.ts';

type Preset = 'medals' | 'prizes';
const PRESETS: Record<Preset, TStageAward[]> = { medals: MEDALS_S0_10, prizes: PRIZES_S2_6 };

interface Values {
  label: string;
  themeId: string;
  trackKey: string;
  sourceRoundId: string;
  tiers: string[];
  judgeIds: string[];
  presentMinutes: number;
  qaMinutes: number;
  warnSeconds: number;
  method: TStageMethod;
  preset: Preset;
}

/** '' stands for "all tracks" in the select (antd options need a string). */
const ALL = '';

/**
 * A new stage from a frozen round (issue 11 item 1): the theme (and track), the tiers whose entries are the
 * finalists (seed 000: 卓越), the judges from the organizer's pool, the clocks, the method and the awards (S0-10
 * gold/silver/bronze or S2-6 first/second/third prizes, counts editable). The sheet is the source round's.
 */
export function CreateStageDialog({ campaign, open, onClose }: { campaign: TCampaignView; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const rounds = useRounds(campaign.id);
  const pool = useJudgePool(campaign.organizer.id);
  const create = useCreateStage(campaign.id);
  const [counts, setCounts] = useState<Record<Preset, number[]>>({
    medals: MEDALS_S0_10.map((a) => a.count),
    prizes: PRIZES_S2_6.map((a) => a.count),
  });
  const roundId = Form.useWatch('sourceRoundId', form) ?? '';
  const themeId = Form.useWatch('themeId', form) ?? '';
  const trackKey = Form.useWatch('trackKey', form) ?? ALL;
  const preset = Form.useWatch('preset', form) ?? 'medals';
  const ranking = useRoundRanking(roundId);
  const frozen = (rounds.data?.rounds ?? []).filter((r) => r.status === 'frozen');
  const round = frozen.find((r) => r.id === roundId);

  /** The tiers the frozen round gave this theme's (and track's) entries, with how many each. */
  const tierOptions = useMemo(() => {
    const found = new Map<string, number>();
    for (const g of ranking.data?.groups ?? []) {
      if (g.themeId !== themeId || (trackKey !== ALL && g.trackKey !== trackKey)) continue;
      for (const row of g.rows) if (row.tier) found.set(row.tier, (found.get(row.tier) ?? 0) + 1);
    }
    const data = ranking.data;
    return [...found].map(([tier, n]) => ({ value: tier, label: `${data ? tierLabel(data, tier, lang) : tier} (${n})` }));
  }, [ranking.data, themeId, trackKey, lang]);

  const submit = (v: Values) => {
    if (!round) return;
    const awards = PRESETS[v.preset].map((a, i) => ({ ...a, count: counts[v.preset][i] ?? a.count }));
    const input: TCreateStageInput = {
      label: v.label.trim(),
      themeId: v.themeId,
      trackKey: v.trackKey === ALL ? null : v.trackKey,
      sourceRoundId: v.sourceRoundId,
      tiers: v.tiers ?? [],
      judgeIds: v.judgeIds,
      presentSeconds: Math.round(v.presentMinutes * 60),
      qaSeconds: Math.round(v.qaMinutes * 60),
      warnSeconds: v.warnSeconds,
      method: v.method,
      sheet: round.sheet,
      awards,
    };
    create.mutate(input, {
      onSuccess: (view) => {
        void message.success(t('stage.create.created'));
        onClose();
        navigate(`/stages/${view.id}/host`);
      },
      onError: (err) => void message.error(err.message),
    });
  };

  const required = [{ required: true, message: t('stage.create.required') }];
  return (
    <Modal
      open={open}
      title={t('stage.create.title')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('stage.create.submit')}
      okButtonProps={{ loading: create.isPending, ...({ 'data-testid': 'stage-create-submit' } as ButtonProps) }}
      width={640}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          trackKey: ALL,
          tiers: [],
          judgeIds: [],
          presentMinutes: 8,
          qaMinutes: 7,
          warnSeconds: 60,
          method: 'trimmed',
          preset: 'medals',
        }}
      >
        <Form.Item name="label" label={t('stage.create.label')} rules={required}>
          <Input maxLength={80} placeholder={t('stage.create.labelPlaceholder')} data-testid="stage-create-label" />
        </Form.Item>
        <Space.Compact block>
          <Form.Item name="themeId" label={t('stage.create.theme')} rules={required} style={{ flex: 2 }}>
            <Select
              data-testid="stage-create-theme"
              options={campaign.themes.map((th) => ({ value: th.id, label: `${th.code} ${th.title}` }))}
            />
          </Form.Item>
          {campaign.tracks.length > 0 ? (
            <Form.Item name="trackKey" label={t('stage.create.track')} style={{ flex: 1 }}>
              <Select
                options={[
                  { value: ALL, label: t('stage.create.trackAll') },
                  ...campaign.tracks.map((tr) => ({ value: tr.key, label: tr.label })),
                ]}
              />
            </Form.Item>
          ) : null}
        </Space.Compact>
        <Form.Item
          name="sourceRoundId"
          label={t('stage.create.round')}
          rules={required}
          extra={rounds.data && frozen.length === 0 ? t('stage.create.roundNone') : undefined}
        >
          <Select
            loading={rounds.isPending}
            data-testid="stage-create-round"
            options={frozen.map((r) => ({ value: r.id, label: r.label }))}
          />
        </Form.Item>
        <Form.Item name="tiers" label={t('stage.create.tiers')} extra={t('stage.create.tiersHint')}>
          <Select mode="tags" loading={ranking.isLoading} options={tierOptions} data-testid="stage-create-tiers" />
        </Form.Item>
        <Form.Item name="judgeIds" label={t('stage.create.judges')} rules={required} extra={t('stage.create.judgesHint')}>
          <Select
            mode="multiple"
            loading={pool.isPending}
            optionFilterProp="label"
            data-testid="stage-create-judges"
            options={(pool.data?.items ?? [])
              .filter((j) => j.status === 'active')
              .map((j) => ({
                value: j.id,
                label: `${j.name}${j.organization?.name || j.organizationName ? ` · ${j.organization?.name ?? j.organizationName}` : ''}`,
              }))}
          />
        </Form.Item>
        <Space wrap size={16}>
          <Form.Item name="presentMinutes" label={t('stage.create.presentMinutes')} rules={required}>
            <InputNumber min={1} max={60} step={1} />
          </Form.Item>
          <Form.Item name="qaMinutes" label={t('stage.create.qaMinutes')} rules={required}>
            <InputNumber min={0} max={60} step={1} />
          </Form.Item>
          <Form.Item name="warnSeconds" label={t('stage.create.warnSeconds')} rules={required}>
            <InputNumber min={0} max={600} step={10} />
          </Form.Item>
        </Space>
        <Form.Item name="method" label={t('stage.create.method')}>
          <Radio.Group options={(['trimmed', 'mean'] as const).map((m) => ({ value: m, label: t(`stage.method.${m}`) }))} />
        </Form.Item>
        <Form.Item name="preset" label={t('stage.create.awards')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'medals', label: t('stage.create.awardsMedals') },
              { value: 'prizes', label: t('stage.create.awardsPrizes') },
            ]}
          />
        </Form.Item>
        <Space wrap size={16}>
          {PRESETS[preset].map((a, i) => (
            <Space key={a.key} direction="vertical" size={2}>
              <Typography.Text type="secondary">{t('stage.create.awardCount', { label: a.label[lang] })}</Typography.Text>
              <InputNumber
                min={1}
                max={100}
                value={counts[preset][i] ?? a.count}
                onChange={(n) =>
                  setCounts((c) => ({
                    ...c,
                    [preset]: c[preset].map((x, j) => (j === i && typeof n === 'number' ? n : x)),
                  }))
                }
              />
            </Space>
          ))}
        </Space>
        {round ? (
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
            {t('stage.create.sheet')}: {t('stage.create.sheetFromRound')} (
            {round.sheet.criteria.map((c) => `${c.label[lang]} ${c.max}`).join('、')})
          </Typography.Paragraph>
        ) : null}
      </Form>
    </Modal>
  );
}
