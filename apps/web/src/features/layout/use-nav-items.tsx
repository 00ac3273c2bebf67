import type { TMe } from '@casearena/contract';
import type { MenuProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMyJudges } from '../../api/judging-judge.ts';
import { useMyCampaigns } from '../../api/organizer.ts';

type Item = NonNullable<MenuProps['items']>[number] & { key: string };

/** Navigation from the account's abilities only (never its role), so the UI offers exactly what the API allows. */
export function useNavItems(me: TMe | null | undefined): Item[] {
  const { t } = useTranslation();
  const can = (a: TMe['abilities'][number]) => Boolean(me?.abilities.includes(a));
  const link = (to: string, label: string): Item => ({ key: to, label: <Link to={to}>{label}</Link> });
  // Organizers' own screeners have no platform ability: the calls they work on say whether they screen.
  const work = useMyCampaigns(Boolean(me));
  const screens = can('manageCampaigns') || (work.data?.items.length ?? 0) > 0;
  // A judge is a row in an organizer's pool, not a platform ability: the workspace shows for an active one.
  const pools = useMyJudges(me?.user.id ?? null);
  const isJudge = Boolean(me) && pools.data?.items.some((j) => j.status === 'active') === true;
  return [
    link('/', t('nav.home')),
    link('/orgs', t('nav.orgs')),
    ...(me && can('requestCertification') ? [link('/certification', t('nav.certification'))] : []),
    ...(me ? [link('/entries', t('entries.nav'))] : []),
    ...(me ? [link('/account', t('nav.account'))] : []),
    // Any signed-in account: the organizer page itself explains when the account belongs to no organizer.
    ...(me ? [link('/organizer', t('organizer.nav'))] : []),
    ...(can('manageOrganizations') ? [link('/admin/organizations', t('nav.adminOrgs'))] : []),
    ...(can('reviewCertifications') ? [link('/admin/certifications', t('nav.adminCerts'))] : []),
    ...(can('manageOutbox') ? [link('/admin/outbox', t('outbox.nav'))] : []),
    ...(screens ? [link('/screening', t('screening.nav'))] : []),
    ...(isJudge ? [link('/judging', t('judgingJudge.nav'))] : []),
  ];
}

/** The item to highlight: the longest key the path starts with ('/' only on the home page itself). */
export function selectedKey(items: Item[], pathname: string): string[] {
  const match = items
    .map((i) => i.key)
    .filter((k) => (k === '/' ? pathname === '/' : pathname === k || pathname.startsWith(`${k}/`)))
    .sort((a, b) => b.length - a.length)[0];
  return match ? [match] : [];
}
