import { ZInviteInput } from '@casearena/contract';
import { Alert, App, Button, Card, Flex, Form, Input, List, Popconfirm, Skeleton, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAnswerInvitation, useInvite, useOrgMembers, useRemoveMember } from '../../api/membership.ts';
import { applyApiError } from '../../components/api-error.ts';
import { zodRule } from '../../components/zod-form.ts';
import { useLang } from '../../i18n/index.ts';

/** An administrator invites a colleague's existing account by email or mobile number. */
function InviteForm({ orgId }: { orgId: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ identifier: string }>();
  const invite = useInvite(orgId);
  const [problem, setProblem] = useState<string | null>(null);
  const submit = ({ identifier }: { identifier: string }) => {
    setProblem(null);
    invite.mutate(identifier.trim(), {
      onSuccess: () => {
        form.resetFields();
        message.success(t('membership.invited'));
      },
      onError: (err) => setProblem(applyApiError(form, err)),
    });
  };
  return (
    <Form form={form} layout="vertical" onFinish={submit} name="invite-member">
      {problem ? <Alert type="error" showIcon role="alert" title={problem} style={{ marginBottom: 12 }} /> : null}
      <Form.Item
        label={t('membership.inviteLabel')}
        name="identifier"
        extra={t('membership.inviteHint')}
        rules={[zodRule(ZInviteInput.shape.identifier, lang, { required: true })]}
      >
        <Input autoComplete="off" data-testid="invite-identifier" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={invite.isPending} data-testid="invite-submit">
        {t('membership.invite')}
      </Button>
    </Form>
  );
}

/**
 * Who belongs to my organization; administrators also invite, revoke invitations and remove members. Every button
 * follows the server's abilities (issue 8 item 3): `invite` on the list, `remove` on each member.
 */
export function OrgMembersCard({ orgId, meId }: { orgId: string; meId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const members = useOrgMembers(orgId);
  const remove = useRemoveMember(orgId);
  const answer = useAnswerInvitation();
  const fail = (err: Error) => message.error(err.message);

  return (
    <Card title={t('membership.members')} data-testid="org-members">
      {members.isPending ? (
        <Skeleton active />
      ) : members.isError ? (
        <Alert type="error" showIcon title={members.error.message} />
      ) : (
        <Flex vertical gap={16}>
          <List
            dataSource={members.data.items}
            renderItem={(m) => (
              <List.Item
                data-testid={`member-${m.user.id}`}
                actions={
                  m.abilities.remove === true
                    ? [
                        <Popconfirm
                          key="remove"
                          title={t('membership.removeConfirm', { name: m.user.name })}
                          okText={t('membership.remove')}
                          cancelText={t('common.cancel')}
                          onConfirm={() => remove.mutate(m.user.id, { onError: fail })}
                        >
                          <Button size="small" danger>
                            {t('membership.remove')}
                          </Button>
                        </Popconfirm>,
                      ]
                    : []
                }
              >
                <Flex gap={8} align="center" wrap="wrap">
                  <Typography.Text>{m.user.name}</Typography.Text>
                  {m.role === 'admin' ? <Tag color="gold">{t('membership.roles.admin')}</Tag> : null}
                  {m.user.id === meId ? <Typography.Text type="secondary">{t('membership.you')}</Typography.Text> : null}
                </Flex>
              </List.Item>
            )}
          />
          {members.data.abilities.invite === true ? (
            <>
              {members.data.invitations.length > 0 ? (
                <List
                  header={<Typography.Text strong>{t('membership.openInvitations')}</Typography.Text>}
                  dataSource={members.data.invitations}
                  renderItem={(inv) => (
                    <List.Item
                      actions={
                        inv.abilities.revoke !== true
                          ? []
                          : [
                              <Button
                                key="revoke"
                                size="small"
                                onClick={() => answer.mutate({ id: inv.id, answer: 'revoke' }, { onError: fail })}
                              >
                                {t('membership.revoke')}
                              </Button>,
                            ]
                      }
                    >
                      {inv.invitee.name} <Typography.Text type="secondary">· {t('membership.waiting')}</Typography.Text>
                    </List.Item>
                  )}
                />
              ) : null}
              <InviteForm orgId={orgId} />
            </>
          ) : (
            <Typography.Text type="secondary">{t('membership.onlyAdminsInvite')}</Typography.Text>
          )}
        </Flex>
      )}
    </Card>
  );
}
