import { CheckCircleOutlined } from '@ant-design/icons';
import { PROFESSIONAL_TITLE_LABELS, PROFESSIONAL_TITLE_NAMES, type ProfessionalTitle } from '@casearena/contract';
import { Alert, Button, Card, Flex, Input, Popconfirm, Result, Select, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ApiError } from '../../../api/client.ts';
import { useAnswerInvitation, useJudgeInvitation } from '../../../api/judging-judge.ts';
import { formatDateTime } from '../../../components/format.ts';
import { LinkButton } from '../../../components/LinkButton.tsx';
import { OrgPicker } from '../../../components/OrgPicker.tsx';
import { PasswordRules } from '../../../components/PasswordRules.tsx';
import { useLang } from '../../../i18n/index.ts';
import { type ConflictRow, InvitationConflicts } from './InvitationConflicts.tsx';

/** A used, withdrawn or unknown link: said plainly, with what to do. */
function InvalidInvitation() {
  const { t } = useTranslation();
  return (
    <Card data-testid="invitation-invalid">
      <Result status="warning" title={t('judgingJudge.invitation.invalid')} subTitle={t('judgingJudge.invitation.invalidHint')} />
    </Card>
  );
}

/**
 * The link an invited expert opens: who invites them, then accept (setting a password when the account is made now,
 * correcting unit, title and specialties, declaring conflicts) or decline. The server says how accepting works.
 */
export function JudgeInvitationPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const { token = '' } = useParams();
  const invitation = useJudgeInvitation(token);
  const { accept, decline } = useAnswerInvitation(token);
  const [password, setPassword] = useState('');
  const [organizationId, setOrganizationId] = useState<string | null>(null);
  const [organizationName, setOrganizationName] = useState<string | null>(null);
  const [title, setTitle] = useState<ProfessionalTitle | null | undefined>(undefined);
  const [specialties, setSpecialties] = useState<string[] | null>(null);
  const [conflicts, setConflicts] = useState<ConflictRow[]>([]);

  if (accept.isSuccess)
    return (
      <Card data-testid="invitation-accepted">
        <Result
          status="success"
          icon={<CheckCircleOutlined />}
          title={t('judgingJudge.invitation.accepted')}
          extra={
            <LinkButton to="/judging" type="primary">
              {t('judgingJudge.invitation.toWorkspace')}
            </LinkButton>
          }
        />
      </Card>
    );
  if (decline.isSuccess)
    return (
      <Card data-testid="invitation-declined">
        <Result status="info" title={t('judgingJudge.invitation.declined')} />
      </Card>
    );
  if (invitation.isPending)
    return (
      <Card>
        <Skeleton active />
      </Card>
    );
  if (invitation.isError) {
    const err = invitation.error;
    if (
      err instanceof ApiError &&
      (err.code === 'INVITE_INVALID' || err.code === 'NOT_FOUND' || err.code === 'VALIDATION_FAILED')
    )
      return <InvalidInvitation />;
    return <Alert type="error" showIcon title={err.message} />;
  }

  const inv = invitation.data;
  const answerError = accept.error ?? decline.error;
  const invalidNow = answerError instanceof ApiError && answerError.code === 'INVITE_INVALID';
  if (invalidNow) return <InvalidInvitation />;
  const canAccept = inv.abilities.accept === true;
  const shownTitle = title === undefined ? ((inv.title as ProfessionalTitle | null) ?? null) : title;
  const submit = () =>
    accept.mutate({
      ...(inv.account === 'create' ? { password } : {}),
      ...(organizationId ? { organizationId } : organizationName !== null ? { organizationName } : {}),
      ...(title !== undefined ? { title } : {}),
      ...(specialties ? { specialties } : {}),
      conflicts: conflicts
        .filter((c): c is { organizationId: string; note: string } => Boolean(c.organizationId))
        .map((c) => ({ organizationId: c.organizationId, note: c.note.trim() })),
    });

  return (
    <Flex vertical gap={16} style={{ maxWidth: 720, margin: '0 auto', width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('judgingJudge.invitation.title')}
      </Typography.Title>
      <Card data-testid="invitation-card">
        <Flex vertical gap={12}>
          <Typography.Text strong>{t('judgingJudge.invitation.greeting', { name: inv.name })}</Typography.Text>
          <Typography.Paragraph style={{ margin: 0 }} data-testid="invitation-organizer">
            {t('judgingJudge.invitation.body', { organizer: inv.organizer.name })}
          </Typography.Paragraph>
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            {t('judgingJudge.invitation.invitedBy', {
              name: inv.invitedBy ?? inv.organizer.name,
              time: formatDateTime(inv.invitedAt, lang),
            })}
          </Typography.Text>
          {inv.account === 'signIn' ? (
            <Alert
              type="info"
              showIcon
              title={t('judgingJudge.invitation.signInFirst')}
              action={
                <LinkButton to={`/login?next=${encodeURIComponent(`/judging/invitations/${token}`)}`} type="primary" size="small">
                  {t('judgingJudge.invitation.signIn')}
                </LinkButton>
              }
            />
          ) : null}
          {canAccept ? (
            <Flex vertical gap={12}>
              {inv.account === 'create' ? (
                <Flex vertical gap={4}>
                  <Typography.Text type="secondary">{t('judgingJudge.invitation.createHint')}</Typography.Text>
                  <label htmlFor="invitation-password">{t('judgingJudge.invitation.password')}</label>
                  <Input.Password
                    id="invitation-password"
                    data-testid="invitation-password"
                    autoComplete="new-password"
                    value={password}
                    onChange={(e) => setPassword(e.target.value)}
                  />
                  <PasswordRules value={password} />
                </Flex>
              ) : null}
              <Flex vertical gap={4}>
                <label htmlFor="invitation-organization">{t('judgingJudge.invitation.organization')}</label>
                {inv.organization || organizationId ? (
                  <OrgPicker
                    id="invitation-organization"
                    value={organizationId ?? inv.organization?.id ?? null}
                    initial={inv.organization}
                    onChange={(id) => setOrganizationId(id)}
                  />
                ) : (
                  <Input
                    id="invitation-organization"
                    value={organizationName ?? inv.organizationName ?? ''}
                    maxLength={100}
                    onChange={(e) => setOrganizationName(e.target.value)}
                  />
                )}
              </Flex>
              <Flex vertical gap={4}>
                <label htmlFor="invitation-title">{t('judgingJudge.invitation.professionalTitle')}</label>
                <Select
                  id="invitation-title"
                  allowClear
                  value={shownTitle}
                  options={PROFESSIONAL_TITLE_NAMES.map((n) => ({ value: n, label: PROFESSIONAL_TITLE_LABELS[n][lang] }))}
                  onChange={(v) => setTitle(v ?? null)}
                />
              </Flex>
              <Flex vertical gap={4}>
                <label htmlFor="invitation-specialties">{t('judgingJudge.invitation.specialties')}</label>
                <Select
                  id="invitation-specialties"
                  mode="tags"
                  value={specialties ?? inv.specialties}
                  placeholder={t('judgingJudge.invitation.specialtiesPlaceholder')}
                  onChange={(v: string[]) => setSpecialties(v)}
                />
              </Flex>
              <InvitationConflicts rows={conflicts} onChange={setConflicts} />
            </Flex>
          ) : null}
          {answerError ? <Alert type="error" showIcon title={answerError.message} data-testid="invitation-error" /> : null}
          <Flex gap={8} justify="end" wrap="wrap">
            {inv.abilities.decline === true ? (
              <Popconfirm title={t('judgingJudge.invitation.declineConfirm')} onConfirm={() => decline.mutate()}>
                <Button loading={decline.isPending} data-testid="invitation-decline">
                  {t('judgingJudge.invitation.decline')}
                </Button>
              </Popconfirm>
            ) : null}
            {canAccept ? (
              <Button type="primary" loading={accept.isPending} onClick={submit} data-testid="invitation-accept">
                {t('judgingJudge.invitation.accept')}
              </Button>
            ) : null}
          </Flex>
        </Flex>
      </Card>
    </Flex>
  );
}
