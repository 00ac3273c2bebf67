import { fieldMessage, type TResetConfirmInput, ZResetConfirmInput, ZResetRequestInput } from '@casearena/contract';
import { Alert, App, Button, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useConfirmReset, useRequestReset } from '../../api/me.ts';
import { applyApiError } from '../../components/api-error.ts';
import { PasswordRules } from '../../components/PasswordRules.tsx';
import { useCountdown } from '../../components/use-countdown.ts';
import { parseForm, zodRule } from '../../components/zod-form.ts';
import { useLang } from '../../i18n/index.ts';
import { AuthCard } from './AuthCard.tsx';

/** The server accepts one code request a minute per account; the button says how long to wait. */
const RESEND_SECONDS = 60;

interface ResetValues {
  identifier?: string;
  code?: string;
  newPassword?: string;
  confirm?: string;
}

export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const [form] = Form.useForm<ResetValues>();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const request = useRequestReset();
  const confirm = useConfirmReset();
  const countdown = useCountdown();
  const [sent, setSent] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const newPassword = Form.useWatch('newPassword', form);

  const sendCode = async () => {
    setProblem(null);
    try {
      await form.validateFields(['identifier']);
    } catch {
      return;
    }
    const identifier = String(form.getFieldValue('identifier') ?? '').trim();
    request.mutate(identifier, {
      onSuccess: () => {
        setSent(true);
        countdown.start(RESEND_SECONDS);
      },
      onError: (err) => setProblem(applyApiError(form, err)),
    });
  };

  const submit = (values: ResetValues) => {
    setProblem(null);
    const input = parseForm<TResetConfirmInput>(form, ZResetConfirmInput, values, lang);
    if (!input) return;
    confirm.mutate(input, {
      onSuccess: () => {
        message.success(t('auth.resetDone'));
        navigate('/login', { replace: true, state: { identifier: input.identifier } });
      },
      onError: (err) => setProblem(applyApiError(form, err)),
    });
  };

  return (
    <AuthCard title={t('auth.resetTitle')}>
      <Typography.Paragraph type="secondary">{t('auth.resetIntro')}</Typography.Paragraph>
      {problem ? <Alert type="error" showIcon role="alert" title={problem} style={{ marginBottom: 16 }} /> : null}
      {sent ? <Alert type="success" showIcon title={t('auth.codeSent')} style={{ marginBottom: 16 }} /> : null}
      <Form form={form} layout="vertical" requiredMark={false} onFinish={submit}>
        <Form.Item
          label={t('auth.identifier')}
          name="identifier"
          rules={[zodRule(ZResetRequestInput.shape.identifier, lang, { required: true })]}
        >
          <Input autoComplete="username" size="large" />
        </Form.Item>
        <Button
          block
          size="large"
          onClick={() => void sendCode()}
          loading={request.isPending}
          disabled={countdown.left > 0}
          data-testid="reset-send-code"
          style={{ marginBottom: 24 }}
        >
          {countdown.left > 0 ? t('auth.resendIn', { seconds: countdown.left }) : sent ? t('auth.resend') : t('auth.sendCode')}
        </Button>
        {sent ? (
          <>
            <Form.Item
              label={t('auth.code')}
              name="code"
              rules={[zodRule(ZResetConfirmInput.shape.code, lang, { required: true })]}
            >
              <Input autoComplete="one-time-code" inputMode="numeric" maxLength={6} size="large" />
            </Form.Item>
            <Form.Item
              label={t('auth.newPassword')}
              name="newPassword"
              rules={[zodRule(ZResetConfirmInput.shape.newPassword, lang, { required: true })]}
              extra={<PasswordRules value={newPassword} />}
            >
              <Input.Password autoComplete="new-password" size="large" />
            </Form.Item>
            <Form.Item
              label={t('auth.confirm')}
              name="confirm"
              dependencies={['newPassword']}
              rules={[
                { required: true, message: fieldMessage('REQUIRED', lang) },
                ({ getFieldValue }) => ({
                  validator: async (_rule, value: string | undefined) => {
                    if (value && value !== getFieldValue('newPassword')) throw new Error(t('auth.mismatch'));
                  },
                }),
              ]}
            >
              <Input.Password autoComplete="new-password" size="large" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block size="large" loading={confirm.isPending} data-testid="reset-submit">
              {t('auth.resetSubmit')}
            </Button>
          </>
        ) : null}
      </Form>
      <Typography.Paragraph style={{ marginTop: 16, marginBottom: 0 }}>
        <Link to="/login">{t('auth.goLogin')}</Link>
      </Typography.Paragraph>
    </AuthCard>
  );
}
