import { Card, Descriptions, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../api/me.ts';
import { LinkButton } from '../../components/LinkButton.tsx';
import { CertificationLevelTag } from './CertificationLevelTag.tsx';
import { MyOrganizationCard } from './MyOrganizationCard.tsx';
import { ProfileForm } from './ProfileForm.tsx';

export function AccountPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  // RequireAuth renders this page only for a signed-in user.
  if (!me) return null;
  const canRequest = me.abilities.includes('requestCertification') && me.user.certificationLevel !== 'institution';
  return (
    <Flex vertical gap={16}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('account.title')}
      </Typography.Title>
      <Card>
        <Descriptions
          column={1}
          size="small"
          items={[
            {
              key: 'level',
              label: t('account.level'),
              children: (
                <Flex gap={12} align="center" wrap="wrap">
                  <CertificationLevelTag level={me.user.certificationLevel} />
                  {canRequest ? (
                    <LinkButton to="/certification" size="small">
                      {t('account.getCertified')}
                    </LinkButton>
                  ) : null}
                </Flex>
              ),
            },
          ]}
        />
      </Card>
      <MyOrganizationCard me={me} />
      <Card title={t('account.profile')}>
        {/* Keyed by user: a different account (after switching) starts from its own values. */}
        <ProfileForm key={me.user.id} me={me} />
      </Card>
    </Flex>
  );
}
