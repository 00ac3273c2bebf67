import { type TCertificationView as TCertification, ZRejectInput } from '@casearena/contract';
import { Alert, App, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDecideCertification } from '../../api/certifications.ts';
import { applyApiError } from '../../components/api-error.ts';
import { parseForm, zodRule } from '../../components/zod-form.ts';
import { useLang } from '../../i18n/index.ts';

/** A rejection always carries a reason: the applicant reads it and corrects the next request. */
export function RejectModal({ cert, onClose }: { cert: TCertification | null; onClose: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [form] = Form.useForm<{ reason: string }>();
  const { message } = App.useApp();
  const decide = useDecideCertification();
  const [problem, setProblem] = useState<string | null>(null);

  const submit = async () => {
    if (!cert) return;
    setProblem(null);
    try {
      await form.validateFields();
    } catch {
      return;
    }
    const input = parseForm(form, ZRejectInput, form.getFieldsValue(), lang);
    if (!input) return;
    decide.mutate(
      { id: cert.id, decision: 'reject', reason: input.reason },
      {
        onSuccess: () => {
          message.success(t('admin.rejected'));
          form.resetFields();
          onClose();
        },
        onError: (err) => setProblem(applyApiError(form, err)),
      },
    );
  };

  return (
    <Modal
      open={cert !== null}
      title={t('admin.rejectTitle')}
      okText={t('admin.reject')}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger: true, loading: decide.isPending, 'data-testid': 'cert-reject-confirm' }}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {cert ? (
        <Typography.Paragraph type="secondary">
          {cert.user.name} · {t(`cert.kinds.${cert.kind}`)} · {cert.organization.name}
        </Typography.Paragraph>
      ) : null}
      {problem ? <Alert type="error" showIcon role="alert" title={problem} style={{ marginBottom: 16 }} /> : null}
      <Form form={form} layout="vertical" name="reject">
        <Form.Item
          label={t('admin.rejectReason')}
          name="reason"
          rules={[zodRule(ZRejectInput.shape.reason, lang, { required: true })]}
        >
          <Input.TextArea rows={4} maxLength={500} showCount placeholder={t('admin.rejectPlaceholder')} autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}
