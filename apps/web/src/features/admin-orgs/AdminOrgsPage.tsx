import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import type { TOrganization } from '@casearena/contract';
import { Alert, Button, Card, Drawer, Flex, Grid, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useOrgSearch } from '../../api/orgs.ts';
import { OrgFilterBar } from '../orgs/OrgFilterBar.tsx';
import { OrgResults } from '../orgs/OrgResults.tsx';
import { useOrgFilters } from '../orgs/use-org-filters.ts';
import { OrgForm } from './OrgForm.tsx';

const PAGE_SIZE = 20;

/** Editing: null is a new organization; undefined is no drawer. */
type Editing = TOrganization | null | undefined;

export function AdminOrgsPage() {
  const { t } = useTranslation();
  const wide = Grid.useBreakpoint().sm === true;
  const { filters, update } = useOrgFilters();
  const [editing, setEditing] = useState<Editing>(undefined);
  const search = useOrgSearch({
    q: filters.q || undefined,
    kind: filters.kind,
    regionCode: filters.regionCode,
    page: filters.page,
    pageSize: PAGE_SIZE,
  });
  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap="wrap" gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('admin.orgsTitle')}
        </Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)} data-testid="org-new">
          {t('admin.newOrg')}
        </Button>
      </Flex>
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
            onOpen={setEditing}
            actions={(org) => (
              <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(org)} data-testid={`org-edit-${org.id}`}>
                {t('admin.edit')}
              </Button>
            )}
          />
        </Flex>
      </Card>
      <Drawer
        open={editing !== undefined}
        onClose={() => setEditing(undefined)}
        title={editing ? t('admin.editOrg') : t('admin.newOrg')}
        size={wide ? 560 : '100%'}
        destroyOnHidden
      >
        {editing !== undefined ? (
          <OrgForm key={editing?.id ?? 'new'} org={editing} onSaved={() => setEditing(undefined)} />
        ) : null}
      </Drawer>
    </Flex>
  );
}
