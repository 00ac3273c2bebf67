import { PlusOutlined } from '@ant-design/icons';
import type { TCampaignTemplates } from '@casearena/contract';
import { App, Button, type ButtonProps, Flex, Modal, Popover, Radio, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useCampaignTemplates, useCreateCampaign } from '../../api/organizer.ts';

type Template = TCampaignTemplates['items'][number];

function TemplateOption({ template }: { template: Template }) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={2}>
      <Typography.Text strong>{template.name}</Typography.Text>
      <Typography.Text type="secondary">
        {t('organizer.templateOrganizer', { organizer: template.organizer, themes: template.themes })}
      </Typography.Text>
      <Typography.Text type="secondary">
        {template.phases.map((p) => `${p.label} ${p.start} – ${p.end}`).join('；')}
      </Typography.Text>
    </Flex>
  );
}

/**
 * "从模板创建" (issue 8 item 12): shown only when the server says this account may create calls; the choice names
 * each template by its call and years, and the new call's dates start from tomorrow (the server's clock). Anyone
 * else learns how to become an organizer instead of seeing a button that would be refused.
 */
export function CreateFromTemplate() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const templates = useCampaignTemplates();
  const create = useCreateCampaign();
  const [open, setOpen] = useState(false);
  const [key, setKey] = useState<string | null>(null);
  const [organizerId, setOrganizerId] = useState<string | null>(null);
  if (!templates.data) return null;
  const { items, organizers, abilities } = templates.data;
  if (!abilities.createCampaign) {
    return (
      <Flex gap={8} align="center" wrap="wrap" data-testid="become-organizer">
        <Typography.Text type="secondary">{t('organizer.becomeOrganizer')}</Typography.Text>
        <Popover
          content={
            <Flex vertical gap={8} style={{ maxWidth: 320 }}>
              <span>{t('organizer.notOrganizerHint')}</span>
              <Link to="/account">{t('nav.account')}</Link>
            </Flex>
          }
        >
          <Typography.Link>{t('organizer.becomeOrganizerHow')}</Typography.Link>
        </Popover>
      </Flex>
    );
  }
  const chosen = items.find((i) => i.key === (key ?? items[0]?.key)) ?? null;
  const organizer = organizerId ?? organizers[0]?.id ?? null;
  const submit = () => {
    if (!chosen || !organizer) return;
    create.mutateAsync({ templateKey: chosen.key, organizerId: organizer, opensOn: chosen.opensOn }).then(
      (c) => {
        setOpen(false);
        message.success(t('organizer.created'));
        navigate(`/organizer/campaigns/${c.id}`);
      },
      (err: Error) => void message.error(err.message),
    );
  };
  return (
    <>
      <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="campaign-create">
        {t('organizer.create')}
      </Button>
      <Modal
        open={open}
        title={t('organizer.chooseTemplate')}
        okText={t('organizer.createConfirm')}
        onOk={submit}
        confirmLoading={create.isPending}
        onCancel={() => setOpen(false)}
        okButtonProps={{ 'data-testid': 'campaign-create-confirm' } as ButtonProps}
      >
        <Flex vertical gap={16}>
          <Radio.Group
            value={chosen?.key}
            onChange={(e) => setKey(e.target.value as string)}
            aria-label={t('organizer.chooseTemplate')}
          >
            <Flex vertical gap={12}>
              {items.map((i) => (
                <Radio key={i.key} value={i.key} data-testid={`template-${i.key}`}>
                  <TemplateOption template={i} />
                </Radio>
              ))}
            </Flex>
          </Radio.Group>
          {organizers.length > 1 ? (
            <Flex vertical gap={4}>
              <label htmlFor="template-organizer">{t('organizer.organizerLabel')}</label>
              <Select
                id="template-organizer"
                value={organizer}
                onChange={setOrganizerId}
                options={organizers.map((o) => ({ value: o.id, label: o.name }))}
              />
            </Flex>
          ) : (
            <Typography.Text>
              {t('organizer.organizerLabel')}：{organizers[0]?.name}
            </Typography.Text>
          )}
          {chosen ? (
            <Typography.Text type="secondary">{t('organizer.templateDates', { opensOn: chosen.opensOn })}</Typography.Text>
          ) : null}
        </Flex>
      </Modal>
    </>
  );
}
