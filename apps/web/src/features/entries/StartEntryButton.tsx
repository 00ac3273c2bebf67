import { FormOutlined } from '@ant-design/icons';
import { type TCampaign, ZEntryFields } from '@casearena/contract';
import { Alert, Button, Flex, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { useCreateEntry } from '../../api/entries.ts';
import { useMe } from '../../api/me.ts';
import { applyApiError } from '../../components/api-error.ts';
import { LinkButton } from '../../components/LinkButton.tsx';
import { zodRule } from '../../components/zod-form.ts';
import { useLang } from '../../i18n/index.ts';

type Theme = TCampaign['themes'][number];

/** Whether the campaign's current phase takes new entries (the phase decides, never the browser's clock). */
export const acceptsEntries = (c: TCampaign) =>
  c.status === 'published' && Boolean(c.phases.find((p) => p.key === c.currentPhase)?.capabilities.includes('canSubmit'));

/** 申报案例 on a theme: asks for the case title, creates the draft and opens the editor. */
export function StartEntryButton({ campaign, theme }: { campaign: TCampaign; theme: Theme }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { data: me } = useMe();
  const location = useLocation();
  const navigate = useNavigate();
  const create = useCreateEntry(campaign.id);
  const [open, setOpen] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [form] = Form.useForm<{ title: string }>();
  const testId = `start-entry-${theme.code}`;

  if (!me) {
    return (
      <LinkButton size="small" to={`/login?next=${encodeURIComponent(location.pathname)}`} data-testid={testId}>
        {t('entries.signInToStart')}
      </LinkButton>
    );
  }

  // Before anyone types a title: entries are made in an organization's name, so first join one.
  if (!me.user.organization) {
    return (
      <LinkButton size="small" to="/account" data-testid={`${testId}-join`} title={t('entries.needsOrganizationHint')}>
        {t('entries.joinToStart')}
      </LinkButton>
    );
  }

  const submit = async () => {
    setProblem(null);
    let values: { title: string };
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    create.mutate(
      { themeId: theme.id, title: values.title.trim() },
      {
        onSuccess: (entry) => {
          setOpen(false);
          navigate(`/entries/${entry.id}`);
        },
        onError: (err) => setProblem(applyApiError(form, err)),
      },
    );
  };

  return (
    // Inside a collapse header, and the modal's events bubble through its portal: keep clicks from folding the panel.
    // biome-ignore lint/a11y/useKeyWithClickEvents lint/a11y/noStaticElementInteractions: only stops propagation.
    <span onClick={(e) => e.stopPropagation()}>
      <Button size="small" type="primary" icon={<FormOutlined />} data-testid={testId} onClick={() => setOpen(true)}>
        {t('entries.start')}
      </Button>
      <Modal
        open={open}
        title={t('entries.startTitle', { theme: `${theme.code} ${theme.title}` })}
        okText={t('entries.create')}
        cancelText={t('common.cancel')}
        okButtonProps={{ loading: create.isPending, 'data-testid': 'start-entry-confirm' }}
        onOk={() => void submit()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Flex vertical gap={12}>
          <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
            {t('entries.startHint')}
          </Typography.Paragraph>
          {problem ? (
            <Alert
              type="error"
              showIcon
              role="alert"
              title={problem}
              action={
                create.error instanceof ApiError && create.error.code === 'DUPLICATE_ENTRY' ? (
                  <Link to="/entries">{t('entries.mineLink')}</Link>
                ) : undefined
              }
            />
          ) : null}
          <Form form={form} layout="vertical" name="start-entry" onFinish={() => void submit()}>
            <Form.Item
              label={t('entries.caseTitle')}
              name="title"
              rules={[zodRule(ZEntryFields.shape.title, lang, { required: true })]}
            >
              <Input
                maxLength={100}
                showCount
                placeholder={t('entries.caseTitlePlaceholder')}
                autoFocus
                data-testid="start-entry-title"
              />
            </Form.Item>
          </Form>
        </Flex>
      </Modal>
    </span>
  );
}
