import { UploadOutlined } from '@ant-design/icons';
import { errorMessage, fieldMessage, type TPublicNotice, ZRealName } from '@casearena/contract';
import { Alert, App, Button, Card, Form, Input, Select, Upload, type UploadFile } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { useMe } from '../../api/me.ts';
import { applyApiError } from '../../components/api-error.ts';
import { useLang } from '../../i18n/index.ts';
import { shanghaiMinute } from '../campaigns/campaign-time.ts';
import { type TObjectionEvidence, uploadEvidence, useFileObjection } from './notice-api.ts';
import { entriesOnNotice } from './notice-text.ts';

interface Values {
  realName: string;
  phone: string;
  entryId: string;
  text: string;
}

const MAX_FILES = 5;
const MAX_BYTES = 10 * 1024 * 1024;
const ACCEPT = '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png';

/**
 * The objection (异议, S3-7): a real name and a phone (seen by the organizer only), the entry on notice, what is
 * wrong and up to five evidence files (PDF, JPEG, PNG, 10 MB each; the server checks the content, not the name).
 */
export function ObjectionForm({ notice, onDone }: { notice: TPublicNotice; onDone: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const me = useMe();
  const [form] = Form.useForm<Values>();
  const file = useFileObjection(notice.campaignId);
  const [files, setFiles] = useState<UploadFile<TObjectionEvidence>[]>([]);
  const [error, setError] = useState<string | null>(null);
  const entries = entriesOnNotice(notice);
  const uploading = files.some((f) => f.status === 'uploading');

  const submit = (values: Values) => {
    setError(null);
    const evidenceIds = files.flatMap((f) => (f.status === 'done' && f.response ? [f.response.id] : []));
    file.mutate(
      { ...values, evidenceIds },
      {
        onSuccess: () => {
          void message.success(t('notice.form.filed'));
          onDone();
        },
        onError: (err) => {
          // The period ended while the form was open: say until when it ran, in Beijing time.
          if (err instanceof ApiError && err.code === 'NOTICE_ENDED' && !err.params.endsAt && notice.endsAt)
            setError(errorMessage('NOTICE_ENDED', lang, { endsAt: shanghaiMinute(notice.endsAt) }));
          else setError(applyApiError(form, err));
        },
      },
    );
  };

  return (
    <Card size="small" title={t('notice.form.title')} data-testid="objection-form">
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('notice.form.privacy')} />
      <Form<Values>
        form={form}
        layout="vertical"
        requiredMark="optional"
        initialValues={{ realName: me.data?.user.name ?? '', phone: '', text: '' }}
        onFinish={submit}
        scrollToFirstError
      >
        <Form.Item
          name="realName"
          label={t('notice.form.realName')}
          required
          rules={[
            {
              validator: (_r, v: string) =>
                ZRealName.safeParse(v ?? '').success
                  ? Promise.resolve()
                  : Promise.reject(new Error(fieldMessage('REAL_NAME_REQUIRED', lang))),
            },
          ]}
        >
          <Input autoComplete="name" data-testid="objection-real-name" maxLength={30} />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t('notice.form.phone')}
          rules={[{ required: true, pattern: /^[0-9+\- ]{5,20}$/, message: t('notice.form.phoneInvalid') }]}
        >
          <Input type="tel" autoComplete="tel" inputMode="tel" data-testid="objection-phone" maxLength={20} />
        </Form.Item>
        <Form.Item
          name="entryId"
          label={t('notice.form.entry')}
          rules={[{ required: true, message: fieldMessage('REQUIRED', lang) }]}
        >
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('notice.form.entryPlaceholder')}
            data-testid="objection-entry"
            options={entries.map((e) => ({ value: e.entryId, label: e.label }))}
            popupMatchSelectWidth
          />
        </Form.Item>
        <Form.Item
          name="text"
          label={t('notice.form.text')}
          rules={[{ required: true, min: 10, message: fieldMessage('TOO_SHORT', lang, { min: 10 }) }]}
        >
          <Input.TextArea
            autoSize={{ minRows: 4, maxRows: 10 }}
            maxLength={3000}
            showCount
            placeholder={t('notice.form.textPlaceholder')}
            data-testid="objection-text"
          />
        </Form.Item>
        <Form.Item label={t('notice.form.evidence')} extra={t('notice.form.evidenceHint')}>
          <Upload<TObjectionEvidence>
            accept={ACCEPT}
            multiple
            maxCount={MAX_FILES}
            fileList={files}
            onChange={({ fileList }) => setFiles(fileList)}
            beforeUpload={(f) => {
              if (f.size > MAX_BYTES) {
                void message.error(t('notice.form.tooLarge', { name: f.name }));
                return Upload.LIST_IGNORE;
              }
              return true;
            }}
            customRequest={({ file: raw, onProgress, onSuccess, onError }) => {
              uploadEvidence(notice.campaignId, raw as File, (percent) => onProgress?.({ percent }))
                .then((evidence) => onSuccess?.(evidence))
                .catch((err: Error) => {
                  void message.error(err.message);
                  onError?.(err);
                });
            }}
          >
            <Button icon={<UploadOutlined />} data-testid="objection-evidence" disabled={files.length >= MAX_FILES}>
              {t('notice.form.upload')}
            </Button>
          </Upload>
        </Form.Item>
        {error ? <Alert type="error" showIcon style={{ marginBottom: 12 }} title={error} data-testid="objection-error" /> : null}
        <Button
          type="primary"
          htmlType="submit"
          size="large"
          block
          loading={file.isPending}
          disabled={uploading}
          data-testid="objection-submit"
        >
          {t('notice.form.submit')}
        </Button>
        <Button type="link" block onClick={onDone} style={{ marginTop: 4 }}>
          {t('common.cancel')}
        </Button>
      </Form>
    </Card>
  );
}
