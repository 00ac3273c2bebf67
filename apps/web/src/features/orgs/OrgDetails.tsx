import type { TOrganization } from '@casearena/contract';
import { Descriptions, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { orgKindLabel, orgRating } from '../../components/format.ts';
import { useLang } from '../../i18n/index.ts';

/** Everything the registry knows about one organization. */
export function OrgDetails({ org }: { org: TOrganization }) {
  const { t } = useTranslation();
  const lang = useLang();
  const none = t('orgs.none');
  return (
    <Descriptions
      column={1}
      bordered
      size="small"
      items={[
        { key: 'name', label: t('orgs.name'), children: org.name },
        {
          key: 'aliases',
          label: t('orgs.aliases'),
          children: org.aliases.length > 0 ? org.aliases.map((a) => <Tag key={a}>{a}</Tag>) : none,
        },
        { key: 'kind', label: t('orgs.kind'), children: orgKindLabel(org.kind, lang) },
        { key: 'level', label: t('orgs.level'), children: orgRating(org, lang) || none },
        { key: 'region', label: t('orgs.region'), children: org.regionPath.join(' / ') || none },
        { key: 'county', label: t('orgs.county'), children: org.isCountyLevel ? t('orgs.yes') : t('orgs.no') },
        { key: 'parent', label: t('orgs.parent'), children: org.parent?.name ?? none },
      ]}
    />
  );
}
