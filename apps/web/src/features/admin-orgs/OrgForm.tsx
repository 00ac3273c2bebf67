import {
  HOSPITAL_GRADE_LABELS,
  HOSPITAL_GRADES,
  HOSPITAL_KINDS,
  HOSPITAL_LEVEL_LABELS,
  HOSPITAL_LEVELS,
  ORG_KINDS,
  type OrgKind,
  type TOrganization,
  type TOrganizationInput,
  type TOrganizationPatch,
  ZOrganizationInput,
  ZOrganizationPatch,
} from '@casearena/contract';
import { Alert, App, Button, Col, Form, Input, Row, Select, Switch } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSaveOrg } from '../../api/orgs.ts';
import { applyApiError } from '../../components/api-error.ts';
import { orgKindLabel } from '../../components/format.ts';
import { OrgPicker } from '../../components/OrgPicker.tsx';
import { RegionCascader } from '../../components/RegionCascader.tsx';
import { parseForm, zodRule } from '../../components/zod-form.ts';
import { useLang } from '../../i18n/index.ts';

type OrgValues = Omit<TOrganizationInput, 'kind'> & { kind: OrgKind | undefined };

const toValues = (org: TOrganization | null): OrgValues => ({
  name: org?.name ?? '',
  aliases: org?.aliases ?? [],
  kind: org?.kind,
  level: org?.level ?? null,
  grade: org?.grade ?? null,
  regionCode: org?.regionCode ?? null,
  isCountyLevel: org?.isCountyLevel ?? false,
  parentId: org?.parent?.id ?? null,
});

const isHospital = (kind: OrgKind | undefined) => Boolean(kind && (HOSPITAL_KINDS as readonly string[]).includes(kind));

/** Level and grade mean something only for hospitals; other kinds store none. */
function normalize(v: OrgValues): OrgValues {
  const hospital = isHospital(v.kind);
  return { ...v, name: v.name?.trim(), level: hospital ? (v.level ?? null) : null, grade: hospital ? (v.grade ?? null) : null };
}

/** The fields that differ, so an edit never overwrites a colleague's change to another field. */
function changes(before: OrgValues, after: OrgValues): Partial<OrgValues> {
  const patch: Record<string, unknown> = {};
  for (const key of Object.keys(after) as (keyof OrgValues)[]) {
    if (JSON.stringify(after[key] ?? null) !== JSON.stringify(before[key] ?? null)) patch[key] = after[key];
  }
  return patch as Partial<OrgValues>;
}

interface Props {
  org: TOrganization | null;
  onSaved: (org: TOrganization) => void;
}

export function OrgForm({ org, onSaved }: Props) {
  const { t } = useTranslation();
  const lang = useLang();
  const [form] = Form.useForm<OrgValues>();
  const { message } = App.useApp();
  const save = useSaveOrg();
  const [problem, setProblem] = useState<string | null>(null);
  const kind = Form.useWatch('kind', form) ?? org?.kind;
  const shape = ZOrganizationPatch.shape;
  const initial = toValues(org);

  const submit = (raw: OrgValues) => {
    setProblem(null);
    const values = normalize(raw);
    const onError = (err: Error) => setProblem(applyApiError(form, err));
    const onSuccess = (saved: TOrganization) => {
      message.success(org ? t('admin.saved') : t('admin.created', { name: saved.name }));
      onSaved(saved);
    };
    if (!org) {
      const input = parseForm<TOrganizationInput>(form, ZOrganizationInput, values, lang);
      if (input) save.mutate({ id: null, input }, { onSuccess, onError });
      return;
    }
    const patch = parseForm<TOrganizationPatch>(form, ZOrganizationPatch, changes(normalize(initial), values), lang);
    if (patch) save.mutate({ id: org.id, patch }, { onSuccess, onError });
  };

  return (
    <Form form={form} layout="vertical" initialValues={initial} onFinish={submit} name={org ? `org-${org.id}` : 'org-new'}>
      {problem ? <Alert type="error" showIcon role="alert" title={problem} style={{ marginBottom: 16 }} /> : null}
      <Form.Item label={t('admin.name')} name="name" rules={[zodRule(shape.name, lang, { required: true })]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item label={t('admin.aliases')} name="aliases" extra={t('admin.aliasesHint')} rules={[zodRule(shape.aliases, lang)]}>
        <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[',', '，', '、']} />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} sm={12}>
          <Form.Item label={t('orgs.kind')} name="kind" rules={[zodRule(shape.kind, lang, { required: true })]}>
            <Select<OrgKind> options={ORG_KINDS.map((k) => ({ value: k, label: orgKindLabel(k, lang) }))} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item label={t('orgs.region')} name="regionCode">
            <RegionCascader />
          </Form.Item>
        </Col>
        {isHospital(kind) ? (
          <>
            <Col xs={12}>
              <Form.Item label={t('orgs.level')} name="level">
                <Select allowClear options={HOSPITAL_LEVELS.map((l) => ({ value: l, label: HOSPITAL_LEVEL_LABELS[l][lang] }))} />
              </Form.Item>
            </Col>
            <Col xs={12}>
              <Form.Item label={t('admin.grade')} name="grade">
                <Select
                  allowClear
                  options={HOSPITAL_GRADES.filter((g) => g !== 'none').map((g) => ({
                    value: g,
                    label: HOSPITAL_GRADE_LABELS[g][lang],
                  }))}
                />
              </Form.Item>
            </Col>
          </>
        ) : null}
      </Row>
      <Form.Item label={t('admin.isCounty')} name="isCountyLevel" valuePropName="checked">
        <Switch />
      </Form.Item>
      <Form.Item label={t('admin.parent')} name="parentId" extra={t('admin.parentHint')}>
        <OrgPicker initial={org?.parent ?? null} excludeId={org?.id ?? null} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="org-save">
        {t('admin.save')}
      </Button>
    </Form>
  );
}
