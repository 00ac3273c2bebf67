import { TeamOutlined } from '@ant-design/icons';
import type { TCampaignView, TJudgeView, TPanel, TPanelInput } from '@casearena/contract';
import { Alert, App, Button, type ButtonProps, Card, Col, Flex, Form, Row, Select, Skeleton, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../../api/client.ts';
import { useJudgePool, usePanel, useSavePanel } from '../../../../api/judging-setup.ts';
import { LinkButton } from '../../../../components/LinkButton.tsx';
import { PageError } from '../../../organizer/PageError.tsx';
import { errorText } from './refusals.ts';

type ThemeSeats = Record<string, { judgeIds: string[]; lead: string | null }>;
interface PanelValues {
  themes: ThemeSeats;
}

const toValues = (panel: TPanel): PanelValues => ({
  themes: Object.fromEntries(panel.themes.map((th) => [th.id, { judgeIds: th.judgeIds, lead: th.leadJudgeId }])),
});

/** The panel by theme, as the API takes it: by judge, with the themes they sit on and those they lead. */
function toInput(values: PanelValues): TPanelInput {
  const byJudge = new Map<string, { themeIds: string[]; leadThemeIds: string[] }>();
  for (const [themeId, seat] of Object.entries(values.themes ?? {})) {
    for (const judgeId of seat?.judgeIds ?? []) {
      const m = byJudge.get(judgeId) ?? { themeIds: [], leadThemeIds: [] };
      m.themeIds.push(themeId);
      if (seat.lead === judgeId) m.leadThemeIds.push(themeId);
      byJudge.set(judgeId, m);
    }
  }
  return { members: [...byJudge].map(([judgeId, m]) => ({ judgeId, ...m })) };
}

/**
 * What saving `input` would end: per member of the saved panel, the themes they lose on which they have open
 * assignments (assigned, not submitted, in rounds not frozen: the panel's `openAssignments`), and the total.
 */
function endedBySave(panel: TPanel, input: TPanelInput) {
  const seated = new Map(input.members.map((m) => [m.judgeId, new Set(m.themeIds)]));
  const lines = panel.members.flatMap((m) => {
    const lost = m.themeIds.filter((th) => (m.openAssignments[th] ?? 0) > 0 && !seated.get(m.judge.id)?.has(th));
    if (lost.length === 0) return [];
    const count = lost.reduce((n, th) => n + (m.openAssignments[th] ?? 0), 0);
    return [{ judge: m.judge, themeIds: lost, count }];
  });
  return { lines, total: lines.reduce((n, l) => n + l.count, 0) };
}

const describe = (j: { name: string; organizationName: string | null; title: string | null }) =>
  [j.name, j.organizationName, j.title].filter(Boolean).join(' · ');

/** The 评审专家组 tab: who judges each theme of the campaign, and each theme's lead judge (组长). */
export function PanelTab({ campaign }: { campaign: TCampaignView }) {
  const panel = usePanel(campaign.id);
  const pool = useJudgePool(campaign.organizer.id);
  if (panel.isPending || pool.isPending) return <Skeleton active />;
  if (panel.isError) return <PageError error={panel.error} onRetry={() => void panel.refetch()} />;
  if (pool.isError) return <PageError error={pool.error} onRetry={() => void pool.refetch()} />;
  return <PanelEditor campaign={campaign} panel={panel.data} judges={pool.data.items} />;
}

function PanelEditor({ campaign, panel, judges }: { campaign: TCampaignView; panel: TPanel; judges: TJudgeView[] }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<PanelValues>();
  const save = useSavePanel(campaign.id);
  const [problem, setProblem] = useState<string | null>(null);
  const [initial] = useState(() => toValues(panel));
  const seats = (Form.useWatch('themes', form) ?? initial.themes) as ThemeSeats;
  const readOnly = panel.abilities.edit !== true;

  // Judges the server lets us seat, plus anyone seated already (who may have been removed since: shown as such).
  const options = useMemo(() => {
    const list = judges
      .filter((j) => j.abilities.seat === true)
      .map((j) => ({ value: j.id, label: describe({ ...j, organizationName: j.organization?.name ?? j.organizationName }) }));
    for (const m of panel.members)
      if (!list.some((o) => o.value === m.judge.id))
        list.push({
          value: m.judge.id,
          label: `${describe(m.judge)}${t('judgingOrganizer.panel.notActive', { status: t(`judgingOrganizer.pool.status.${m.judge.status}`) })}`,
        });
    return list;
  }, [judges, panel.members, t]);
  const nameOf = (id: string) => options.find((o) => o.value === id)?.label.split(' · ')[0] ?? id;

  const codeOf = (themeId: string) => panel.themes.find((th) => th.id === themeId)?.code ?? themeId;

  const submit = () => {
    setProblem(null);
    const input = toInput(form.getFieldsValue(true) as PanelValues);
    // Seats taken away end the judge's open assignments of those themes: the organizer confirms first.
    const ending = endedBySave(panel, input);
    if (ending.total === 0) return void write(input);
    modal.confirm({
      title: t('judgingOrganizer.panel.endConfirmTitle'),
      content: (
        <Flex vertical gap={4} data-testid="panel-end-confirm">
          <Typography.Text>{t('judgingOrganizer.panel.endConfirm', { count: ending.total })}</Typography.Text>
          {ending.lines.map((l) => (
            <Typography.Text key={l.judge.id} type="secondary">
              {t('judgingOrganizer.panel.endConfirmLine', {
                name: l.judge.name,
                themes: l.themeIds.map(codeOf).join('、'),
                count: l.count,
              })}
            </Typography.Text>
          ))}
        </Flex>
      ),
      okText: t('judgingOrganizer.panel.endConfirmOk'),
      okButtonProps: { danger: true, 'data-testid': 'panel-end-ok' } as ButtonProps,
      onOk: () => write(input),
    });
  };

  const write = (input: TPanelInput) =>
    save.mutateAsync(input).then(
      (saved) => {
        form.setFieldsValue(toValues(saved));
        const { endedAssignments, keptSubmitted } = saved.ended;
        message.success(
          endedAssignments > 0 || keptSubmitted > 0
            ? t('judgingOrganizer.panel.savedEnded', { ended: endedAssignments, kept: keptSubmitted })
            : t('judgingOrganizer.panel.saved'),
        );
      },
      (err: unknown) => {
        // Field errors name a member by index (members.2.judgeId): say which expert instead.
        const fields = err instanceof ApiError ? err.fields : [];
        const details = fields.map((f) => {
          const i = Number(f.path.split('.')[1]);
          const who = input.members[i]?.judgeId;
          return who ? `${nameOf(who)}：${f.message}` : f.message;
        });
        setProblem([errorText('panel', err), ...details].join('；'));
      },
    );

  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={initial}
      disabled={readOnly}
      onFinish={submit}
      onValuesChange={(changed: Partial<PanelValues>) => {
        // A lead judge sits on the theme: taking them off the theme takes the lead away too.
        for (const [themeId, seat] of Object.entries(changed.themes ?? {})) {
          const now = form.getFieldValue(['themes', themeId]) as ThemeSeats[string];
          if (seat?.judgeIds && now?.lead && !now.judgeIds.includes(now.lead))
            form.setFieldValue(['themes', themeId, 'lead'], null);
        }
      }}
      name={`panel-${campaign.id}`}
    >
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">{t('judgingOrganizer.panel.intro')}</Typography.Text>
        {readOnly ? <Alert type="info" showIcon title={t('judgingOrganizer.panel.readOnly')} /> : null}
        {options.length === 0 ? (
          <Alert
            type="warning"
            showIcon
            title={t('judgingOrganizer.panel.noActive')}
            action={
              <LinkButton size="small" to={`/organizer/${campaign.organizer.id}/judges`} icon={<TeamOutlined />}>
                {t('judgingOrganizer.panel.toPool')}
              </LinkButton>
            }
          />
        ) : null}
        {panel.themes.map((th) => {
          const chosen = seats?.[th.id]?.judgeIds ?? [];
          return (
            <Card
              key={th.id}
              size="small"
              data-testid={`panel-theme-${th.code}`}
              title={
                <Flex gap={8} align="center" wrap="wrap">
                  <Tag>{th.code}</Tag>
                  <span style={{ whiteSpace: 'normal' }}>{th.title}</span>
                </Flex>
              }
              extra={
                <Typography.Text type="secondary">{t('judgingOrganizer.panel.count', { count: chosen.length })}</Typography.Text>
              }
            >
              <Row gutter={8}>
                <Col xs={24} md={16}>
                  <Form.Item
                    label={t('judgingOrganizer.panel.judges')}
                    name={['themes', th.id, 'judgeIds']}
                    style={{ marginBottom: 8 }}
                  >
                    <Select
                      mode="multiple"
                      optionFilterProp="label"
                      options={options}
                      placeholder={t('judgingOrganizer.panel.judgesPlaceholder')}
                      data-testid={`panel-judges-${th.code}`}
                    />
                  </Form.Item>
                </Col>
                <Col xs={24} md={8}>
                  <Form.Item
                    label={t('judgingOrganizer.panel.lead')}
                    name={['themes', th.id, 'lead']}
                    style={{ marginBottom: 8 }}
                  >
                    <Select
                      allowClear
                      placeholder={t('judgingOrganizer.panel.leadPlaceholder')}
                      options={options.filter((o) => chosen.includes(o.value))}
                      data-testid={`panel-lead-${th.code}`}
                    />
                  </Form.Item>
                </Col>
              </Row>
            </Card>
          );
        })}
        {problem ? <Alert type="error" showIcon role="alert" title={problem} data-testid="panel-error" /> : null}
        {readOnly ? null : (
          <div>
            <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="panel-save">
              {t('judgingOrganizer.panel.save')}
            </Button>
          </div>
        )}
      </Flex>
    </Form>
  );
}
