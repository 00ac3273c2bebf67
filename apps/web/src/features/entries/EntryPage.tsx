import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Card, Flex, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useCampaignForm, useEntry, useEntryCampaign } from '../../api/entries.ts';
import { formatDateTime } from '../../components/format.ts';
import { useLang } from '../../i18n/index.ts';
import { RoundMaterialsCard } from '../judging/applicant/RoundMaterialsCard.tsx';
import { EntryReadonly } from './EntryReadonly.tsx';
import { EntryStatusTag } from './EntryStatusTag.tsx';
import { EntryEditor } from './editor/EntryEditor.tsx';
import { ReturnNotice } from './ReturnNotice.tsx';
import { VersionHistory } from './VersionHistory.tsx';
import { WithdrawButton } from './WithdrawButton.tsx';

/** /entries/:id — the editor while the entry is a draft or returned, the submitted text otherwise. */
export function EntryPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const lang = useLang();
  const entry = useEntry(id);
  const campaign = useEntryCampaign(entry.data?.campaignId);
  const form = useCampaignForm(entry.data?.campaignId, entry.data?.formVersion);

  if (entry.isPending) return <Skeleton active style={{ marginTop: 24 }} />;
  if (entry.isError) return <Alert type="error" showIcon title={entry.error.message} />;
  const e = entry.data;
  const c = campaign.data;
  const fields = form.data?.fields ?? null;
  const formProblem = form.isError ? `${t('entries.formMissing')}（${form.error.message}）` : null;
  // What the caller may do comes from the server's policy (issue 8 item 3), never from the status here.
  const closed = e.abilities.submit === 'PHASE_CLOSED';
  const editable = e.abilities.edit === true;

  return (
    <Flex vertical gap={16} style={{ maxWidth: 920, width: '100%', margin: '0 auto' }}>
      <Link to="/entries">
        <ArrowLeftOutlined /> {t('entries.back')}
      </Link>
      <Card>
        <Flex vertical gap={6}>
          <Flex gap={8} align="center" wrap="wrap">
            <Typography.Title level={3} style={{ margin: 0, minWidth: 0, overflowWrap: 'anywhere' }} data-testid="entry-heading">
              {e.title}
            </Typography.Title>
            <EntryStatusTag id={e.id} status={e.status} />
          </Flex>
          <Typography.Text type="secondary">
            {c ? `${c.title} · ` : ''}
            {e.theme.code} {e.theme.title}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            {t('entries.number')}
            {lang === 'en' ? ': ' : '：'}
            <span data-testid="entry-number">{e.number ?? t('entries.noNumber')}</span> · {e.organization.name}
            {e.submittedAt ? ` · ${t('entries.submittedAt', { time: formatDateTime(e.submittedAt, lang) })}` : ''}
          </Typography.Text>
        </Flex>
      </Card>
      <ReturnNotice entry={e} />
      {closed ? <Alert type="warning" showIcon title={t('entries.campaignClosed')} /> : null}
      {campaign.isError ? <Alert type="error" showIcon title={campaign.error.message} /> : null}
      {editable && c && !form.isPending ? (
        <EntryEditor key={e.id} entry={e} campaign={c} fields={fields} formProblem={formProblem} />
      ) : editable ? (
        <Skeleton active />
      ) : (
        <>
          <EntryReadonly entry={e} fields={fields} notice={e.status === 'submitted' ? t('entries.readonlyHint') : undefined} />
          {e.abilities.withdraw === true ? (
            <div>
              <WithdrawButton entry={e} />
            </div>
          ) : null}
        </>
      )}
      <RoundMaterialsCard entryId={e.id} />
      <VersionHistory entryId={e.id} />
    </Flex>
  );
}
