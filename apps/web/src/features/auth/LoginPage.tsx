import { type TLoginInput, ZLoginInput } from '@casearena/contract';
import { Alert, App, Button, Flex, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation, useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { useLogin, useMe } from '../../api/me.ts';
import { applyApiError } from '../../components/api-error.ts';
import { safeNext } from '../../components/safe-next.ts';
import { parseForm, zodRule } from '../../components/zod-form.ts';
import { useLang } from '../../i18n/index.ts';
import { AuthCard } from './AuthCard.tsx';

interface Problem {
  text: string;
  /** Lockout and rate limits are not typos: they get a heading and a way out (reset the password). */
  blocked: boolean;
}

export function LoginPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const [form] = Form.useForm<TLoginInput>();
  const [params] = useSearchParams();
  const location = useLocation();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { data: me } = useMe();
  const login = useLogin();
  const [problem, setProblem] = useState<Problem | null>(null);
  const next = safeNext(params.get('next'), '/');
  // The reset page hands over the identifier, so the user does not type it twice.
  const prefill = (location.state as { identifier?: string } | null)?.identifier;

  if (me && !login.isPending && !login.isSuccess) return <Navigate to={next} replace />;

  const submit = (values: TLoginInput) => {
    setProblem(null);
    const input = parseForm(form, ZLoginInput, values, lang);
    if (!input) return;
    login.mutate(input, {
      onSuccess: (res) => {
        message.success(t('auth.welcome', { name: res.user.name }));
        navigate(next, { replace: true });
      },
      onError: (err) => {
        const blocked = err instanceof ApiError && (err.code === 'ACCOUNT_LOCKED' || err.code === 'RATE_LIMITED');
        setProblem({ text: applyApiError(form, err), blocked });
      },
    });
  };

  return (
    <AuthCard title={t('auth.loginTitle')}>
      {problem ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginBottom: 16 }}
          title={problem.blocked ? t('auth.lockedTitle') : problem.text}
          description={
            problem.blocked ? (
              <>
                {problem.text} <Link to="/forgot-password">{t('auth.forgot')}</Link>
              </>
            ) : undefined
          }
          data-testid="login-error"
        />
      ) : null}
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} initialValues={{ identifier: prefill }}>
        <Form.Item
          label={t('auth.identifier')}
          name="identifier"
          rules={[zodRule(ZLoginInput.shape.identifier, lang, { required: true })]}
        >
          <Input autoComplete="username" size="large" />
        </Form.Item>
        <Form.Item
          label={t('auth.password')}
          name="password"
          rules={[zodRule(ZLoginInput.shape.password, lang, { required: true })]}
        >
          <Input.Password autoComplete="current-password" size="large" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block size="large" loading={login.isPending} data-testid="login-submit">
          {t('auth.login')}
        </Button>
      </Form>
      <Flex justify="space-between" wrap="wrap" gap={8} style={{ marginTop: 16 }}>
        <Link to="/forgot-password">{t('auth.forgot')}</Link>
        <Typography.Text>
          {t('auth.noAccount')}{' '}
          <Link to={`/register${params.get('next') ? `?next=${encodeURIComponent(next)}` : ''}`}>{t('auth.goRegister')}</Link>
        </Typography.Text>
      </Flex>
    </AuthCard>
  );
}
