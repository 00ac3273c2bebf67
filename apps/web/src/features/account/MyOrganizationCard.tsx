import type { TInvitationView, TMe } from '@casearena/contract';
import { Alert, App, Button, Card, Flex, List, Popconfirm, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAnswerInvitation, useLeaveOrganization, useMyInvitations, useOrgMembers } from '../../api/membership.ts';
import { LinkButton } from '../../components/LinkButton.tsx';
import { OrgMembersCard } from './OrgMembersCard.tsx';

/**
 * An invitation waiting for my answer: accepting makes me a member of that organization. The buttons follow the
 * server's abilities (issue 8 item 3); a member of another organization must leave it first (ALREADY_MEMBER).
 */
function InvitationItem({ invitation }: { invitation: TInvitationView }) {
  const { abilities } = invitation;
  const member = abilities.accept === 'ALREADY_MEMBER';
  const { t } = useTranslation();
  const { message } = App.useApp();
  const answer = useAnswerInvitation();
  const act = (verb: 'accept' | 'decline') =>
    answer.mutate(
      { id: invitation.id, answer: verb },
      {
        onSuccess: () => message.success(t(verb === 'accept' ? 'membership.accepted' : 'membership.declined')),
        onError: (err) => message.error(err.message),
      },
    );
  return (
    <List.Item
      data-testid={`invitation-${invitation.id}`}
      actions={[
        <Button
          key="accept"
          type="primary"
          size="small"
          disabled={abilities.accept !== true}
          loading={answer.isPending}
          onClick={() => act('accept')}
          data-testid="invitation-accept"
        >
          {t('membership.accept')}
        </Button>,
        ...(abilities.decline === true
          ? [
              <Button key="decline" size="small" onClick={() => act('decline')} data-testid="invitation-decline">
                {t('membership.decline')}
              </Button>,
            ]
          : []),
      ]}
    >
      <List.Item.Meta
        title={invitation.organization.name}
        description={member ? t('membership.leaveFirst') : t('membership.invitedBy', { name: invitation.invitedBy.name })}
      />
    </List.Item>
  );
}

/**
 * 我的机构: the one place where a person's organization is shown and changed. Membership comes from an approved
 * certification, an administrator's invitation or platform staff, so this card offers exactly those ways in,
 * and a way out.
 */
export function MyOrganizationCard({ me }: { me: TMe }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const org = me.user.organization;
  const invitations = useMyInvitations(true);
  const leave = useLeaveOrganization();
  // The same query as the members card below: its `leave` ability decides the button (issue 8 item 3).
  const canLeave = useOrgMembers(org?.id ?? null).data?.abilities.leave === true;
  const pending = invitations.data?.items ?? [];

  return (
    <Flex vertical gap={16}>
      <Card title={t('membership.title')} data-testid="my-organization">
        <Flex vertical gap={12}>
          {org ? (
            <Flex gap={12} align="center" wrap="wrap">
              <Typography.Text strong data-testid="my-organization-name">
                {org.name}
              </Typography.Text>
              <Tag color={me.user.organizationRole === 'admin' ? 'gold' : 'blue'}>
                {t(me.user.organizationRole === 'admin' ? 'membership.roles.admin' : 'membership.roles.member')}
              </Tag>
              {canLeave ? (
                <Popconfirm
                  title={t('membership.leaveConfirm', { name: org.name })}
                  okText={t('membership.leave')}
                  cancelText={t('common.cancel')}
                  onConfirm={() =>
                    leave.mutate(undefined, {
                      onSuccess: () => message.success(t('membership.left')),
                      onError: (err) => message.error(err.message),
                    })
                  }
                >
                  <Button size="small" danger loading={leave.isPending} data-testid="leave-organization">
                    {t('membership.leave')}
                  </Button>
                </Popconfirm>
              ) : null}
            </Flex>
          ) : (
            <Alert
              type="info"
              showIcon
              title={t('membership.none')}
              description={t('membership.howToJoin')}
              action={
                <LinkButton to="/certification" type="primary" size="small" data-testid="request-membership">
                  {t('membership.request')}
                </LinkButton>
              }
            />
          )}
          {pending.length > 0 ? (
            <List
              header={<Typography.Text strong>{t('membership.invitations')}</Typography.Text>}
              dataSource={pending}
              renderItem={(inv) => <InvitationItem invitation={inv} />}
            />
          ) : null}
        </Flex>
      </Card>
      {org ? <OrgMembersCard orgId={org.id} meId={me.user.id} /> : null}
    </Flex>
  );
}
