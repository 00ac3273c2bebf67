import {
  type Locale,
  PROFESSIONAL_TITLE_LABELS,
  PROFESSIONAL_TITLE_NAMES,
  type TMe,
  type TUpdateProfileInput,
  ZUpdateProfileInput,
} from '@casearena/contract';
import { Alert, App, Button, Col, Form, Input, Row, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useUpdateProfile } from '../../api/me.ts';
import { applyApiError } from '../../components/api-error.ts';
import { parseForm, zodRule } from '../../components/zod-form.ts';
import { setLanguage, useLang } from '../../i18n/index.ts';

interface ProfileValues {
  name: string;
  email: string;
  phone: string;
  department: string;
  title: string | null;
  /** The language of the site and of the mail, SMS and notices the server writes to this person. */
  locale: Locale;
}

const toValues = (user: TMe['user']): ProfileValues => ({
  name: user.name,
  email: user.email ?? '',
  phone: user.phone ?? '',
  department: user.department ?? '',
  title: user.title,
  locale: user.locale,
});

/** Clearing a text box means "remove it": the API takes null for that, not an empty string. */
const orNull = (v: string | null | undefined) => (v === undefined || v === null || v.trim() === '' ? null : v);

/** Only what changed is sent, so an untouched field is never re-validated or overwritten by a stale copy. */
function changes(before: ProfileValues, after: ProfileValues): Record<string, string | null> {
  const patch: Record<string, string | null> = {};
  for (const key of Object.keys(before) as (keyof ProfileValues)[]) {
    const next = key === 'name' ? after.name : orNull(after[key]);
    if (next !== orNull(before[key])) patch[key] = next;
  }
  return patch;
}

/** Name, contact and professional details. The organization is not here: see MyOrganizationCard. */
export function ProfileForm({ me }: { me: TMe }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [form] = Form.useForm<ProfileValues>();
  const { message } = App.useApp();
  const update = useUpdateProfile();
  const [problem, setProblem] = useState<string | null>(null);
  const shape = ZUpdateProfileInput.shape;
  const initial = toValues(me.user);

  const submit = (values: ProfileValues) => {
    setProblem(null);
    const patch = changes(initial, values);
    if (Object.keys(patch).length === 0) {
      message.info(t('account.noChanges'));
      return;
    }
    const input = parseForm<TUpdateProfileInput>(form, ZUpdateProfileInput, patch, lang);
    if (!input) return;
    update.mutate(input, {
      onSuccess: (res) => {
        form.setFieldsValue(toValues(res.user));
        if (res.user.locale !== lang) setLanguage(res.user.locale, true);
        message.success(t('account.saved'));
      },
      onError: (err) => setProblem(applyApiError(form, err)),
    });
  };

  return (
    <Form form={form} layout="vertical" initialValues={initial} onFinish={submit}>
      {problem ? <Alert type="error" showIcon role="alert" title={problem} style={{ marginBottom: 16 }} /> : null}
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item label={t('auth.name')} name="name" rules={[zodRule(shape.name, lang, { required: true })]}>
            <Input autoComplete="name" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label={t('account.title_')} name="title">
            <Select
              allowClear
              showSearch
              placeholder={t('account.titlePlaceholder')}
              options={PROFESSIONAL_TITLE_NAMES.map((n) => ({ value: n, label: PROFESSIONAL_TITLE_LABELS[n][lang] }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label={t('auth.email')} name="email" rules={[zodRule(shape.email, lang)]} extra={t('account.contactHint')}>
            <Input autoComplete="email" inputMode="email" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label={t('auth.phone')} name="phone" rules={[zodRule(shape.phone, lang)]}>
            <Input autoComplete="tel" inputMode="tel" maxLength={11} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label={t('account.department')} name="department" rules={[zodRule(shape.department, lang)]}>
            <Input placeholder={t('account.departmentPlaceholder')} maxLength={50} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label={t('account.locale')} name="locale" extra={t('account.localeHint')}>
            <Select
              data-testid="profile-locale"
              options={[
                { value: 'zh-CN', label: '简体中文' },
                { value: 'en', label: 'English' },
              ]}
            />
          </Form.Item>
        </Col>
      </Row>
      <Button type="primary" htmlType="submit" loading={update.isPending} data-testid="profile-save">
        {t('account.save')}
      </Button>
    </Form>
  );
}
