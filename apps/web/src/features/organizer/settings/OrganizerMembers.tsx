import { DeleteOutlined, UserAddOutlined } from '@ant-design/icons';
import { ORGANIZER_ROLES, type OrganizerRole, ZAddOrganizerMemberInput } from '@casearena/contract';
import { Alert, App, Button, Card, Flex, Form, Input, Popconfirm, Select, Skeleton, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client.ts';
import {
  type OrganizerMember,
  useAddOrganizerMember,
  useOrganizerMembers,
  useRemoveOrganizerMember,
} from '../../../api/organizer.ts';
import { applyApiError } from '../../../components/api-error.ts';
import { parseForm, zodRule } from '../../../components/zod-form.ts';
import { useLang } from '../../../i18n/index.ts';

const ROW = { padding: '8px 0', borderBottom: '1px solid var(--ant-color-split, #f0f0f0)' } as const;

interface AddValues {
  identifier: string;
  role: OrganizerRole;
}

function AddMemberForm({ orgId }: { orgId: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<AddValues>();
  const add = useAddOrganizerMember(orgId);
  const [problem, setProblem] = useState<string | null>(null);
  const submit = (values: AddValues) => {
    setProblem(null);
    const input = parseForm(form, ZAddOrganizerMemberInput, values, lang);
    if (!input) return;
    add.mutate(input, {
      onSuccess: () => {
        message.success(t('organizer.members.added'));
        form.resetFields(['identifier']);
      },
      onError: (err) => setProblem(applyApiError(form, err)),
    });
  };
  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={{ identifier: '', role: 'screener' }}
      onFinish={submit}
      name={`members-${orgId}`}
    >
      <Flex gap={8} wrap="wrap" align="flex-end">
        <Form.Item
          label={t('organizer.members.identifier')}
          name="identifier"
          rules={[zodRule(ZAddOrganizerMemberInput.shape.identifier, lang, { required: true })]}
          style={{ flex: '1 1 220px', marginBottom: 8 }}
        >
          <Input placeholder={t('organizer.members.identifierPlaceholder')} autoComplete="off" />
        </Form.Item>
        <Form.Item label={t('organizer.members.role')} name="role" style={{ flex: '0 0 120px', marginBottom: 8 }}>
          <Select<OrganizerRole> options={ORGANIZER_ROLES.map((r) => ({ value: r, label: t(`organizer.members.roles.${r}`) }))} />
        </Form.Item>
        <Form.Item style={{ marginBottom: 8 }}>
          <Button type="primary" htmlType="submit" icon={<UserAddOutlined />} loading={add.isPending} data-testid="member-add">
            {t('organizer.members.add')}
          </Button>
        </Form.Item>
      </Flex>
      {problem ? <Alert type="error" showIcon role="alert" title={problem} /> : null}
    </Form>
  );
}

function RemoveButton({ orgId, member }: { orgId: string; member: OrganizerMember }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const remove = useRemoveOrganizerMember(orgId);
  return (
    <Popconfirm
      title={t('organizer.members.removeConfirm', { name: member.name })}
      okButtonProps={{ danger: true }}
      onConfirm={() =>
        remove.mutateAsync(member.userId).then(
          () => void message.success(t('organizer.members.removed')),
          (err: Error) => void message.error(err.message),
        )
      }
    >
      <Button
        size="small"
        danger
        icon={<DeleteOutlined />}
        loading={remove.isPending}
        data-testid={`member-remove-${member.userId}`}
      >
        {t('organizer.members.remove')}
      </Button>
    </Popconfirm>
  );
}

/** Who manages and who screens for the organizing body; only its managers may see or change the list. */
export function OrganizerMembers({ organizer }: { organizer: { id: string; name: string } }) {
  const { t } = useTranslation();
  const members = useOrganizerMembers(organizer.id);
  const forbidden = members.error instanceof ApiError && members.error.status === 403;
  return (
    <Card title={t('organizer.members.title')}>
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">{t('organizer.members.intro', { org: organizer.name })}</Typography.Text>
        {forbidden ? (
          <Alert type="info" showIcon title={t('organizer.members.forbidden')} />
        ) : members.isPending ? (
          <Skeleton active />
        ) : members.error ? (
          <Alert
            type="error"
            showIcon
            title={members.error.message}
            action={<Button onClick={() => void members.refetch()}>{t('common.retry')}</Button>}
          />
        ) : (
          <>
            {members.data.items.length === 0 ? (
              <Typography.Text type="secondary">{t('organizer.members.none')}</Typography.Text>
            ) : (
              <Flex vertical>
                {members.data.items.map((m) => (
                  <Flex
                    key={m.userId}
                    justify="space-between"
                    align="center"
                    gap={8}
                    style={ROW}
                    data-testid={`member-${m.userId}`}
                  >
                    <Flex vertical style={{ minWidth: 0 }}>
                      <Flex gap={8} align="center" wrap="wrap">
                        <Typography.Text strong>{m.name}</Typography.Text>
                        <Tag color={m.role === 'manager' ? 'blue' : 'default'}>{t(`organizer.members.roles.${m.role}`)}</Tag>
                      </Flex>
                      {m.email ? (
                        <Typography.Text type="secondary" ellipsis>
                          {m.email}
                        </Typography.Text>
                      ) : null}
                    </Flex>
                    <RemoveButton orgId={organizer.id} member={m} />
                  </Flex>
                ))}
              </Flex>
            )}
            <AddMemberForm orgId={organizer.id} />
          </>
        )}
      </Flex>
    </Card>
  );
}
