import { Alert, Button, Card, Flex, Form, InputNumber, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCreatePlan } from '../../../../api/judging-round.ts';
import { applyApiError } from '../../../../components/api-error.ts';
import { useLang } from '../../../../i18n/index.ts';
import { roundErrorText } from './round-errors.ts';

interface Values {
  perEntry: number;
  maxLoad: number;
  seed?: number | null;
}

/**
 * Step 1 of plan -> preview -> apply (issue 10 item 3): N judges per entry and a maximum load per judge; the engine
 * prefers judges whose specialties match the theme and never assigns a recused one. Nothing changes until apply.
 */
export function PlanForm({ roundId, onPlanned }: { roundId: string; onPlanned: (planId: string) => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [form] = Form.useForm<Values>();
  const create = useCreatePlan(roundId);
  const [error, setError] = useState<string | null>(null);

  const submit = (v: Values) => {
    setError(null);
    create.mutate(
      { perEntry: v.perEntry, maxLoad: v.maxLoad, ...(typeof v.seed === 'number' ? { seed: v.seed } : {}) },
      {
        onSuccess: (plan) => onPlanned(plan.id),
        onError: (err) => {
          const text = applyApiError(form, err);
          setError(text === (err as Error).message ? roundErrorText(err, lang) : text);
        },
      },
    );
  };

  return (
    <Card size="small" title={t('judgingRound.plan.heading')} data-testid="plan-form">
      <Form<Values> form={form} layout="inline" initialValues={{ perEntry: 3, maxLoad: 30 }} onFinish={submit}>
        <Flex gap={12} wrap align="end" style={{ width: '100%' }}>
          <Form.Item name="perEntry" label={t('judgingRound.plan.perEntry')} rules={[{ required: true }]}>
            <InputNumber min={1} max={20} precision={0} style={{ width: 96 }} />
          </Form.Item>
          <Form.Item name="maxLoad" label={t('judgingRound.plan.maxLoad')} rules={[{ required: true }]}>
            <InputNumber min={1} max={10_000} precision={0} style={{ width: 110 }} />
          </Form.Item>
          <Form.Item name="seed" label={t('judgingRound.plan.seed')}>
            <InputNumber min={0} max={2_147_483_647} precision={0} style={{ width: 130 }} />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="plan-create">
              {t('judgingRound.plan.create')}
            </Button>
          </Form.Item>
        </Flex>
      </Form>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
        {t('judgingRound.plan.specialtyNote')}
      </Typography.Paragraph>
      {error ? <Alert type="error" showIcon title={error} style={{ marginTop: 8 }} data-testid="plan-error" /> : null}
    </Card>
  );
}
