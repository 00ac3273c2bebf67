import { ArrowLeftOutlined, UserAddOutlined } from '@ant-design/icons';
import { JUDGE_STATUSES, type JudgeStatus } from '@casearena/contract';
import { Alert, Button, Card, Empty, Flex, Input, Segmented, Skeleton, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useJudgePool } from '../../../api/judging-setup.ts';
import { LinkButton } from '../../../components/LinkButton.tsx';
import { PageError } from '../../organizer/PageError.tsx';
import { ConflictsDialog } from './setup/ConflictsDialog.tsx';
import { InviteJudgeDialog } from './setup/InviteJudgeDialog.tsx';
import { JudgesTable } from './setup/JudgesTable.tsx';
import { abilityText } from './setup/refusals.ts';

type Filter = JudgeStatus | 'all';

/** `/organizer/:organizerId/judges`: the organizer's expert pool (issue 10 item 1). */
export function JudgesPoolPage() {
  const { organizerId = '' } = useParams();
  const { t } = useTranslation();
  const pool = useJudgePool(organizerId);
  const [inviting, setInviting] = useState(false);
  const [conflictsOf, setConflictsOf] = useState<string | null>(null);
  const [filter, setFilter] = useState<Filter>('all');
  const [q, setQ] = useState('');

  if (pool.isPending) return <Skeleton active />;
  if (pool.isError) return <PageError error={pool.error} onRetry={() => void pool.refetch()} />;
  const { organizer, items, abilities } = pool.data;
  const canInvite = abilityText('pool', abilities.invite);
  const needle = q.trim().toLowerCase();
  const shown = items.filter(
    (j) =>
      (filter === 'all' || j.status === filter) &&
      (!needle ||
        [j.name, j.email, j.mobile, j.organization?.name, j.organizationName].some((s) => s?.toLowerCase().includes(needle))),
  );
  // The judge is read from the pool each render, so a refetch after STALE_VERSION gives the dialog the new version.
  const editing = conflictsOf ? items.find((j) => j.id === conflictsOf) : undefined;
  const count = (s: Filter) => (s === 'all' ? items.length : items.filter((j) => j.status === s).length);

  return (
    <Flex vertical gap={12}>
      <div>
        <LinkButton to="/organizer" type="link" icon={<ArrowLeftOutlined />} style={{ paddingLeft: 0 }}>
          {t('organizer.back')}
        </LinkButton>
      </div>
      <Flex justify="space-between" align="center" wrap="wrap" gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('judgingOrganizer.pool.title')} · {organizer.name}
        </Typography.Title>
        <Tooltip title={canInvite === true ? null : canInvite}>
          <Button
            type="primary"
            icon={<UserAddOutlined />}
            disabled={canInvite !== true}
            onClick={() => setInviting(true)}
            data-testid="judge-invite"
          >
            {t('judgingOrganizer.pool.invite')}
          </Button>
        </Tooltip>
      </Flex>
      <Typography.Text type="secondary">{t('judgingOrganizer.pool.intro', { org: organizer.name })}</Typography.Text>
      {canInvite === true ? null : <Alert type="info" showIcon title={canInvite} />}
      <Card>
        <Flex vertical gap={12}>
          <Flex gap={8} wrap="wrap" justify="space-between">
            <div style={{ overflowX: 'auto', maxWidth: '100%' }}>
              <Segmented<Filter>
                value={filter}
                onChange={setFilter}
                options={(['all', ...JUDGE_STATUSES] as Filter[]).map((s) => ({
                  value: s,
                  label: `${s === 'all' ? t('judgingOrganizer.pool.all') : t(`judgingOrganizer.pool.status.${s}`)} ${count(s)}`,
                }))}
              />
            </div>
            <Input.Search
              allowClear
              placeholder={t('judgingOrganizer.pool.search')}
              onChange={(e) => setQ(e.target.value)}
              style={{ maxWidth: 320 }}
            />
          </Flex>
          {items.length === 0 ? (
            <Empty description={t('judgingOrganizer.pool.empty')} />
          ) : (
            <JudgesTable organizerId={organizer.id} judges={shown} onEditConflicts={(j) => setConflictsOf(j.id)} />
          )}
        </Flex>
      </Card>
      {canInvite === true ? (
        <InviteJudgeDialog organizerId={organizer.id} open={inviting} onClose={() => setInviting(false)} />
      ) : null}
      {editing ? (
        <ConflictsDialog key={editing.id} organizerId={organizer.id} judge={editing} onClose={() => setConflictsOf(null)} />
      ) : null}
    </Flex>
  );
}
