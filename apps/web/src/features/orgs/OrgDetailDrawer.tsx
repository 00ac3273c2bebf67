import { Alert, Drawer, Grid, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { useOrg } from '../../api/orgs.ts';
import { OrgDetails } from './OrgDetails.tsx';

/** Loads by id, so a shared link (?org=…) opens the same drawer. */
export function OrgDetailDrawer({ id, onClose }: { id: string | undefined; onClose: () => void }) {
  const { t } = useTranslation();
  const wide = Grid.useBreakpoint().sm === true;
  const { data: org, isPending, error } = useOrg(id);
  return (
    <Drawer open={Boolean(id)} onClose={onClose} title={org?.name ?? t('orgs.detail')} size={wide ? 480 : '100%'} destroyOnHidden>
      {error ? (
        <Alert type="error" showIcon title={error.message} />
      ) : isPending || !org ? (
        <Skeleton active />
      ) : (
        <OrgDetails org={org} />
      )}
    </Drawer>
  );
}
