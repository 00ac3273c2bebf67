import {
  CERTIFICATION_FILE,
  type CertificationKind,
  errorMessage,
  PROFESSIONAL_TITLE_LABELS,
  PROFESSIONAL_TITLE_NAMES,
  type TCertificationView as TCertification,
  type TCertificationRequestFields,
  ZCertificationRequestFields,
} from '@casearena/contract';
import { Alert, App, Button, Form, Input, Progress, Radio, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRequestCertification } from '../../api/certifications.ts';
import { applyApiError } from '../../components/api-error.ts';
import { OrgPicker } from '../../components/OrgPicker.tsx';
import { useSessionDraft } from '../../components/session-draft.ts';
import { parseForm, zodRule } from '../../components/zod-form.ts';
import { useLang } from '../../i18n/index.ts';
import { FileField } from './FileField.tsx';
import { fileProblem, maxSizeLabel } from './file-check.ts';

interface RequestValues {
  kind: CertificationKind;
  organizationId?: string | null;
  /** The chosen organization's name, kept with the draft so the picker can show it after a reload. */
  organizationName?: string;
  title?: string | null;
  note?: string;
  file?: File | null;
}

const DRAFT_FIELDS = ['kind', 'organizationId', 'organizationName', 'title', 'note'] as const;

interface Props {
  /** Kinds with a request under review: the server takes one per kind at a time. */
  pendingKinds: CertificationKind[];
  /** The profile's organization and title, the likely answers for a first request. */
  defaults: { organization: { id: string; name: string } | null; title: string | null };
  onSubmitted: (cert: TCertification) => void;
}

export function CertificationRequestForm({ pendingKinds, defaults, onSubmitted }: Props) {
  const { t } = useTranslation();
  const lang = useLang();
  const [form] = Form.useForm<RequestValues>();
  const { message } = App.useApp();
  const [percent, setPercent] = useState(0);
  const request = useRequestCertification(setPercent);
  const draft = useSessionDraft<RequestValues>('certification', DRAFT_FIELDS);
  const [problem, setProblem] = useState<string | null>(null);
  const initial: RequestValues = {
    kind: 'institution',
    organizationId: defaults.organization?.id ?? null,
    organizationName: defaults.organization?.name ?? '',
    title: defaults.title,
    ...draft.initial,
  };
  const kind = Form.useWatch('kind', form) ?? initial.kind;
  const organizationName = Form.useWatch('organizationName', form) ?? initial.organizationName;
  const shape = ZCertificationRequestFields.shape;
  const blocked = pendingKinds.includes(kind);

  const submit = (values: RequestValues) => {
    setProblem(null);
    const fields = parseForm<TCertificationRequestFields>(
      form,
      ZCertificationRequestFields,
      {
        kind: values.kind,
        organizationId: values.organizationId ?? undefined,
        title: values.kind === 'professional' ? (values.title ?? undefined) : undefined,
        note: values.note?.trim() ? values.note : undefined,
      },
      lang,
    );
    if (!fields || !values.file) return;
    setPercent(0);
    request.mutate(
      { ...fields, file: values.file },
      {
        onSuccess: (cert) => {
          draft.clear();
          // Not resetFields: the initial values may hold the draft just cleared. Kind and organization stay for a second request.
          form.setFieldsValue({ note: '', file: null });
          message.success(t('cert.submitted'));
          onSubmitted(cert);
        },
        onError: (err) => setProblem(applyApiError(form, err)),
      },
    );
  };

  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={initial}
      onValuesChange={() => draft.save(form)}
      onFinish={submit}
      disabled={request.isPending}
    >
      {problem ? <Alert type="error" showIcon role="alert" title={problem} style={{ marginBottom: 16 }} /> : null}
      <Form.Item label={t('cert.kind')} name="kind">
        <Radio.Group
          options={[
            { value: 'institution', label: t('cert.kinds.institution') },
            { value: 'professional', label: t('cert.kinds.professional') },
          ]}
        />
      </Form.Item>
      {blocked ? <Alert type="warning" showIcon title={t('cert.pendingExists')} style={{ marginBottom: 16 }} /> : null}
      <Form.Item
        label={t('cert.organization')}
        name="organizationId"
        required
        rules={[zodRule(shape.organizationId, lang, { required: true })]}
      >
        <OrgPicker
          data-testid="org-picker"
          initial={initial.organizationId && organizationName ? { id: initial.organizationId, name: organizationName } : null}
          onChange={(_id, org) => {
            form.setFieldValue('organizationName', org?.name ?? '');
            // setFieldValue does not fire onValuesChange: keep the draft's name in step with the id.
            draft.save(form);
          }}
        />
      </Form.Item>
      <Form.Item name="organizationName" hidden>
        <Input />
      </Form.Item>
      {kind === 'professional' ? (
        <Form.Item label={t('cert.title_')} name="title" rules={[zodRule(shape.title, lang, { required: true })]} required>
          <Select
            showSearch
            allowClear
            options={PROFESSIONAL_TITLE_NAMES.map((n) => ({ value: n, label: PROFESSIONAL_TITLE_LABELS[n][lang] }))}
          />
        </Form.Item>
      ) : null}
      <Form.Item label={t('cert.note')} name="note" rules={[zodRule(shape.note, lang)]}>
        <Input.TextArea rows={3} maxLength={500} showCount placeholder={t('cert.notePlaceholder')} />
      </Form.Item>
      <Form.Item
        label={t('cert.file')}
        name="file"
        required
        extra={t('cert.fileHint', { types: CERTIFICATION_FILE.label, size: maxSizeLabel })}
        rules={[
          {
            validator: async (_rule, file: File | null | undefined) => {
              if (!file) throw new Error(errorMessage('FILE_REQUIRED', lang));
              const why = fileProblem(file, lang);
              if (why) throw new Error(why);
            },
          },
        ]}
      >
        <FileField />
      </Form.Item>
      {request.isPending ? (
        <Progress percent={percent} status="active" aria-label={t('cert.uploading', { percent })} style={{ marginBottom: 16 }} />
      ) : null}
      <Button type="primary" htmlType="submit" loading={request.isPending} disabled={blocked} data-testid="cert-submit">
        {request.isPending ? t('cert.uploading', { percent }) : t('cert.submit')}
      </Button>
    </Form>
  );
}
