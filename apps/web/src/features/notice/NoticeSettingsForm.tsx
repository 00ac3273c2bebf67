import type { TNoticeSettingsInput, TPublicNotice } from '@casearena/contract';
import { Alert, App, Button, Form, Input, InputNumber, Radio } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyApiError } from '../../components/api-error.ts';
import { useSaveNoticeSettings } from './notice-api.ts';

type Values = Omit<TNoticeSettingsInput, 'version'>;

/** The notice's period (natural or working days on the Chinese calendar) and the organizer's contact, while draft. */
export function NoticeSettingsForm({ notice }: { notice: TPublicNotice }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const save = useSaveNoticeSettings(notice.campaignId);
  const [error, setError] = useState<string | null>(null);
  const editable = notice.abilities.edit === true;
  return (
    <Form<Values>
      form={form}
      layout="vertical"
      disabled={!editable}
      initialValues={{
        days: notice.days || 7,
        dayKind: notice.dayKind,
        contactName: notice.contactName,
        contactPhone: notice.contactPhone,
        contactEmail: notice.contactEmail,
        body: notice.body,
      }}
      onFinish={(values) => {
        setError(null);
        save.mutate(
          { ...values, contactEmail: values.contactEmail?.trim() ? values.contactEmail.trim() : null, version: notice.version },
          {
            onSuccess: () => void message.success(t('notice.manager.saved')),
            onError: (err) => setError(applyApiError(form, err)),
          },
        );
      }}
      data-testid="notice-settings"
    >
      <Form.Item name="days" label={t('notice.manager.days')} rules={[{ required: true }]} extra={t('notice.manager.daysHint')}>
        <InputNumber min={1} max={60} precision={0} data-testid="notice-days" />
      </Form.Item>
      <Form.Item name="dayKind" label={t('notice.manager.dayKind')}>
        <Radio.Group
          optionType="button"
          options={[
            { value: 'natural', label: t('notice.manager.natural') },
            { value: 'working', label: t('notice.manager.working') },
          ]}
        />
      </Form.Item>
      <Form.Item name="contactName" label={t('notice.manager.contactName')} rules={[{ required: true, whitespace: true }]}>
        <Input maxLength={40} data-testid="notice-contact-name" />
      </Form.Item>
      <Form.Item name="contactPhone" label={t('notice.manager.contactPhone')} rules={[{ required: true, min: 5 }]}>
        <Input maxLength={40} data-testid="notice-contact-phone" />
      </Form.Item>
      <Form.Item name="contactEmail" label={t('notice.manager.contactEmail')} rules={[{ type: 'email' }]}>
        <Input maxLength={120} />
      </Form.Item>
      <Form.Item name="body" label={t('notice.manager.body')}>
        <Input.TextArea
          autoSize={{ minRows: 3, maxRows: 10 }}
          maxLength={4000}
          showCount
          placeholder={t('notice.manager.bodyPlaceholder')}
        />
      </Form.Item>
      {error ? <Alert type="error" showIcon style={{ marginBottom: 12 }} title={error} /> : null}
      {editable ? (
        <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="notice-settings-save">
          {t('notice.manager.save')}
        </Button>
      ) : null}
    </Form>
  );
}
