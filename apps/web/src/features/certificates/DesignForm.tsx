import { CheckCircleOutlined, UploadOutlined } from '@ant-design/icons';
import { CERTIFICATE_LAYOUTS, type TAwardRule, type TCertificateDesign, type TCertificateLayout } from '@casearena/contract';
import { Alert, App, Button, Card, Flex, Form, Input, Radio, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyApiError } from '../../components/api-error.ts';
import { useLang } from '../../i18n/index.ts';
import { useSaveCertificateDesign, useUploadSeal } from './certificates-api.ts';

interface Values {
  layout: TCertificateLayout;
  issuer: string;
  signatureCaption: string;
  wording: Record<string, string>;
}

/** A small drawing of each built-in layout, so the choice is seen rather than read. */
const LAYOUT_LOOK = {
  classic: { border: '3px double #ad8b00', background: '#fffbe6', accent: '#ad2102' },
  modern: { border: '1px solid #d9d9d9', background: 'linear-gradient(90deg,#0f6cbd 0 14%,#fff 14%)', accent: '#0f6cbd' },
  simple: { border: '1px solid #d9d9d9', background: '#ffffff', accent: '#262626' },
} as const satisfies Record<TCertificateLayout, { border: string; background: string; accent: string }>;

export const DEFAULT_WORDING = '{recipient}：\n你单位申报的案例《{entry}》在{campaign}中荣获{theme}{award}。特发此证，以资鼓励。';

/** The certificate's design: one of three layouts, the issuer, the signature caption, the wording per rule, the seal. */
export function DesignForm({ design, rules }: { design: TCertificateDesign; rules: TAwardRule[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const save = useSaveCertificateDesign(design.campaignId);
  const seal = useUploadSeal(design.campaignId);
  const [error, setError] = useState<string | null>(null);
  return (
    <Form<Values>
      form={form}
      layout="vertical"
      data-testid="certificate-design"
      initialValues={{
        layout: design.layout,
        issuer: design.issuer,
        signatureCaption: design.signatureCaption,
        wording: Object.fromEntries(rules.map((r) => [r.key, design.wording[r.key] ?? ''])),
      }}
      onFinish={(v) => {
        setError(null);
        const wording = Object.fromEntries(Object.entries(v.wording ?? {}).filter(([, w]) => w?.trim()));
        save.mutate(
          { layout: v.layout, issuer: v.issuer, signatureCaption: v.signatureCaption, wording },
          {
            onSuccess: () => void message.success(t('certificates.design.saved')),
            onError: (err) => setError(applyApiError(form, err)),
          },
        );
      }}
    >
      <Form.Item name="layout" label={t('certificates.design.layout')}>
        <Radio.Group style={{ width: '100%' }}>
          <Flex gap={12} wrap="wrap">
            {CERTIFICATE_LAYOUTS.map((l) => (
              <Radio key={l} value={l} data-testid={`certificate-layout-${l}`}>
                <Flex vertical gap={4} align="center">
                  <div
                    aria-hidden
                    style={{
                      width: 120,
                      height: 84,
                      border: LAYOUT_LOOK[l].border,
                      background: LAYOUT_LOOK[l].background,
                      borderRadius: 4,
                      display: 'flex',
                      flexDirection: 'column',
                      alignItems: 'center',
                      justifyContent: 'center',
                      gap: 6,
                    }}
                  >
                    <div style={{ width: 56, height: 8, background: LAYOUT_LOOK[l].accent, borderRadius: 2 }} />
                    <div style={{ width: 80, height: 4, background: '#bfbfbf' }} />
                    <div style={{ width: 70, height: 4, background: '#bfbfbf' }} />
                  </div>
                  <span>{t(`certificates.layouts.${l}`)}</span>
                </Flex>
              </Radio>
            ))}
          </Flex>
        </Radio.Group>
      </Form.Item>
      <Form.Item name="issuer" label={t('certificates.design.issuer')} rules={[{ required: true, min: 2, max: 60 }]}>
        <Input placeholder="国家卫生健康委医院管理研究所" data-testid="certificate-issuer" />
      </Form.Item>
      <Form.Item name="signatureCaption" label={t('certificates.design.signatureCaption')} rules={[{ max: 40 }]}>
        <Input placeholder="主办单位（盖章）" />
      </Form.Item>
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
        {t('certificates.design.wordingHint')}
      </Typography.Paragraph>
      {rules.map((r) => (
        <Form.Item key={r.key} name={['wording', r.key]} label={t('certificates.design.wordingFor', { award: r.label[lang] })}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={400} placeholder={DEFAULT_WORDING} />
        </Form.Item>
      ))}
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex gap={12} align="center" wrap="wrap">
          <Typography.Text>{t('certificates.design.seal')}</Typography.Text>
          {design.hasSeal ? (
            <Typography.Text type="success" data-testid="certificate-has-seal">
              <CheckCircleOutlined /> {t('certificates.design.hasSeal')}
            </Typography.Text>
          ) : (
            <Typography.Text type="secondary">{t('certificates.design.noSeal')}</Typography.Text>
          )}
          <Upload
            accept="image/png,.png"
            showUploadList={false}
            beforeUpload={(file) => {
              if (file.size > 1024 * 1024) {
                void message.error(t('certificates.design.sealTooLarge'));
                return Upload.LIST_IGNORE;
              }
              seal.mutate(file, {
                onSuccess: () => void message.success(t('certificates.design.sealSaved')),
                onError: (err) => void message.error(err.message),
              });
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} loading={seal.isPending} data-testid="certificate-seal-upload">
              {t('certificates.design.sealUpload')}
            </Button>
          </Upload>
        </Flex>
      </Card>
      {error ? <Alert type="error" showIcon style={{ marginBottom: 12 }} title={error} /> : null}
      <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="certificate-design-save">
        {t('certificates.design.save')}
      </Button>
    </Form>
  );
}
