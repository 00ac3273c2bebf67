import { Alert, Card, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useOrgSearch } from '../../api/orgs.ts';
import { OrgDetailDrawer } from './OrgDetailDrawer.tsx';
import { OrgFilterBar } from './OrgFilterBar.tsx';
import { OrgResults } from './OrgResults.tsx';
import { useOrgFilters } from './use-org-filters.ts';

const PAGE_SIZE = 20;

/** Public: anyone can look up an organization, e.g. before choosing it in a certification request. */
export function OrgSearchPage() {
  const { t } = useTranslation();
  const { filters, update } = useOrgFilters();
  const search = useOrgSearch({
    q: filters.q || undefined,
    kind: filters.kind,
    regionCode: filters.regionCode,
    page: filters.page,
    pageSize: PAGE_SIZE,
  });
  return (
    <Flex vertical gap={16}>
      <div>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('orgs.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('orgs.intro')}</Typography.Text>
      </div>
      <Card>
        <Flex vertical gap={16}>
          <OrgFilterBar filters={filters} onChange={update} />
          {search.error ? <Alert type="error" showIcon title={search.error.message} /> : null}
          <OrgResults
            items={search.data?.items ?? []}
            total={search.data?.total ?? 0}
            page={filters.page}
            pageSize={PAGE_SIZE}
            loading={search.isFetching}
            onPage={(page) => update({ page })}
            onOpen={(org) => update({ org: org.id })}
          />
        </Flex>
      </Card>
      <OrgDetailDrawer id={filters.org} onClose={() => update({ org: undefined })} />
    </Flex>
  );
}
