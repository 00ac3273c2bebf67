import {
  PROFESSIONAL_TITLE_LABELS,
  PROFESSIONAL_TITLE_NAMES,
  type TJudgeInviteInput,
  ZJudgeInviteInput,
} from '@casearena/contract';
import { Alert, App, Col, Form, Input, Modal, Row, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useInviteJudge } from '../../../../api/judging-setup.ts';
import { applyApiError } from '../../../../components/api-error.ts';
import { OrgPicker } from '../../../../components/OrgPicker.tsx';
import { useSessionDraft } from '../../../../components/session-draft.ts';
import { parseForm, zodRule } from '../../../../components/zod-form.ts';
import { useLang } from '../../../../i18n/index.ts';
import { errorText } from './refusals.ts';

interface InviteValues {
  name: string;
  email: string;
  mobile: string;
  organizationId: string | null;
  organizationName: string;
  title: string | null;
  specialties: string[];
}

const DRAFT_FIELDS = ['name', 'email', 'mobile', 'organizationId', 'organizationName', 'title', 'specialties'] as const;
const shape = ZJudgeInviteInput.shape;
const EMPTY: InviteValues = {
  name: '',
  email: '',
  mobile: '',
  organizationId: null,
  organizationName: '',
  title: null,
  specialties: [],
};

/** Empty strings are "not given" for the optional parts of the invitation. */
function toInput(v: InviteValues): unknown {
  return {
    name: v.name,
    email: v.email?.trim() || undefined,
    mobile: v.mobile?.trim() || undefined,
    organizationId: v.organizationId || null,
    organizationName: v.organizationId ? null : v.organizationName?.trim() || null,
    title: v.title || null,
    specialties: v.specialties ?? [],
  };
}

/**
 * Invites an expert into the organizer's pool by email or mobile number (issue 10 item 1). What is typed stays in the
 * session until the invitation goes out, so a refusal, a closed dialog or a reload costs nothing.
 */
export function InviteJudgeDialog({ organizerId, open, onClose }: { organizerId: string; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<InviteValues>();
  const invite = useInviteJudge(organizerId);
  const draft = useSessionDraft<InviteValues>(`judge-invite.${organizerId}`, DRAFT_FIELDS);
  const [problem, setProblem] = useState<string | null>(null);
  const orgId = Form.useWatch('organizationId', form);

  const submit = () => {
    setProblem(null);
    const values = form.getFieldsValue(true) as InviteValues;
    const input = parseForm<TJudgeInviteInput>(form, ZJudgeInviteInput, toInput(values), lang);
    if (!input) return;
    invite.mutate(input, {
      onSuccess: (judge) => {
        message.success(t('judgingOrganizer.invite.sent', { to: [judge.email, judge.mobile].filter(Boolean).join(' / ') }));
        form.setFieldsValue(EMPTY);
        draft.clear();
        onClose();
      },
      onError: (err) => {
        const rest = applyApiError(form, err);
        // applyApiError gives the server's summary; ours is clearer for the pool's refusals.
        setProblem(rest === (err as Error).message ? errorText('pool', err) : rest);
      },
    });
  };

  return (
    <Modal
      open={open}
      title={t('judgingOrganizer.invite.title')}
      okText={t('judgingOrganizer.invite.send')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={invite.isPending}
      forceRender
      okButtonProps={{ 'data-testid': 'invite-send' }}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ ...EMPTY, ...draft.initial }}
        onFinish={submit}
        onValuesChange={() => draft.save(form)}
        name={`invite-${organizerId}`}
      >
        <Form.Item label={t('judgingOrganizer.invite.name')} name="name" rules={[zodRule(shape.name, lang, { required: true })]}>
          <Input maxLength={50} autoComplete="off" data-testid="invite-name" />
        </Form.Item>
        <Row gutter={8}>
          <Col xs={24} sm={12}>
            <Form.Item label={t('judgingOrganizer.invite.email')} name="email" rules={[zodRule(shape.email, lang)]}>
              <Input type="email" autoComplete="off" data-testid="invite-email" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item label={t('judgingOrganizer.invite.mobile')} name="mobile" rules={[zodRule(shape.mobile, lang)]}>
              <Input inputMode="tel" autoComplete="off" data-testid="invite-mobile" />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
          {t('judgingOrganizer.invite.contactHint')}
        </Typography.Paragraph>
        <Form.Item label={t('judgingOrganizer.invite.organization')} name="organizationId">
          <OrgPicker />
        </Form.Item>
        {orgId ? null : (
          <Form.Item
            label={t('judgingOrganizer.invite.organizationName')}
            name="organizationName"
            extra={t('judgingOrganizer.invite.organizationHint')}
          >
            <Input maxLength={100} />
          </Form.Item>
        )}
        <Form.Item label={t('judgingOrganizer.invite.jobTitle')} name="title">
          <Select
            showSearch
            allowClear
            options={PROFESSIONAL_TITLE_NAMES.map((n) => ({ value: n, label: PROFESSIONAL_TITLE_LABELS[n][lang] }))}
          />
        </Form.Item>
        <Form.Item
          label={t('judgingOrganizer.invite.specialties')}
          name="specialties"
          extra={t('judgingOrganizer.invite.specialtiesHint')}
        >
          <Select mode="tags" tokenSeparators={[',', '，', '、']} open={false} suffixIcon={null} />
        </Form.Item>
        <Typography.Paragraph type="secondary">{t('judgingOrganizer.invite.linkNote')}</Typography.Paragraph>
        {problem ? <Alert type="error" showIcon role="alert" title={problem} data-testid="invite-error" /> : null}
      </Form>
    </Modal>
  );
}
