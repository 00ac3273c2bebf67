import { fieldMessage, type TRegisterInput, ZRegisterInput } from '@casearena/contract';
import { Alert, App, Button, Form, Input, Segmented, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useRegister } from '../../api/me.ts';
import { applyApiError } from '../../components/api-error.ts';
import { PasswordRules } from '../../components/PasswordRules.tsx';
import { safeNext } from '../../components/safe-next.ts';
import { useSessionDraft } from '../../components/session-draft.ts';
import { parseForm, zodRule } from '../../components/zod-form.ts';
import { useLang } from '../../i18n/index.ts';
import { AuthCard } from './AuthCard.tsx';

type Channel = 'email' | 'phone';

interface RegisterValues {
  channel: Channel;
  email?: string;
  phone?: string;
  name?: string;
  password?: string;
  confirm?: string;
}

/** Kept across reloads until registration succeeds; passwords are never stored. */
const DRAFT_FIELDS = ['channel', 'email', 'phone', 'name'] as const;

export function RegisterPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const [form] = Form.useForm<RegisterValues>();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const register = useRegister();
  const draft = useSessionDraft<RegisterValues>('register', DRAFT_FIELDS);
  const [problem, setProblem] = useState<string | null>(null);
  const channel = Form.useWatch('channel', form) ?? draft.initial.channel ?? 'email';
  const password = Form.useWatch('password', form);
  const shape = ZRegisterInput.shape;

  const submit = (values: RegisterValues) => {
    setProblem(null);
    // Only the chosen channel is sent, so a half-typed value in the other one cannot block registration.
    const payload = {
      name: values.name,
      password: values.password,
      ...(values.channel === 'phone' ? { phone: values.phone } : { email: values.email }),
    };
    const input = parseForm<TRegisterInput>(form, ZRegisterInput, payload, lang);
    if (!input) return;
    register.mutate(input, {
      onSuccess: () => {
        draft.clear();
        message.success(t('auth.registered'));
        // Certification is the next step for almost everyone who registers.
        navigate(safeNext(params.get('next'), '/certification'), { replace: true });
      },
      onError: (err) => setProblem(applyApiError(form, err)),
    });
  };

  return (
    <AuthCard title={t('auth.registerTitle')}>
      {problem ? <Alert type="error" showIcon role="alert" title={problem} style={{ marginBottom: 16 }} /> : null}
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ channel: 'email', ...draft.initial }}
        onValuesChange={() => draft.save(form)}
        onFinish={submit}
      >
        <Form.Item name="channel" label={t('auth.channel')}>
          <Segmented<Channel>
            block
            options={[
              { value: 'email', label: t('auth.useEmail') },
              { value: 'phone', label: t('auth.usePhone') },
            ]}
          />
        </Form.Item>
        {channel === 'email' ? (
          <Form.Item label={t('auth.email')} name="email" rules={[zodRule(shape.email, lang, { required: true })]}>
            <Input autoComplete="email" inputMode="email" size="large" />
          </Form.Item>
        ) : (
          <Form.Item label={t('auth.phone')} name="phone" rules={[zodRule(shape.phone, lang, { required: true })]}>
            <Input autoComplete="tel" inputMode="tel" maxLength={11} size="large" />
          </Form.Item>
        )}
        <Form.Item label={t('auth.name')} name="name" rules={[zodRule(shape.name, lang, { required: true })]}>
          <Input autoComplete="name" placeholder={t('auth.namePlaceholder')} size="large" />
        </Form.Item>
        <Form.Item
          label={t('auth.password')}
          name="password"
          rules={[zodRule(shape.password, lang, { required: true })]}
          extra={<PasswordRules value={password} />}
        >
          <Input.Password autoComplete="new-password" size="large" />
        </Form.Item>
        <Form.Item
          label={t('auth.confirm')}
          name="confirm"
          dependencies={['password']}
          rules={[
            { required: true, message: fieldMessage('REQUIRED', lang) },
            ({ getFieldValue }) => ({
              validator: async (_rule, value: string | undefined) => {
                if (value && value !== getFieldValue('password')) throw new Error(t('auth.mismatch'));
              },
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" size="large" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block size="large" loading={register.isPending} data-testid="register-submit">
          {t('auth.register')}
        </Button>
      </Form>
      <Typography.Paragraph style={{ marginTop: 16, marginBottom: 0 }}>
        {t('auth.haveAccount')}{' '}
        <Link to={`/login${params.get('next') ? `?next=${encodeURIComponent(params.get('next') ?? '')}` : ''}`}>
          {t('auth.goLogin')}
        </Link>
      </Typography.Paragraph>
    </AuthCard>
  );
}
