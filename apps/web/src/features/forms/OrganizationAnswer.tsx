import { DeleteOutlined } from '@ant-design/icons';
import { Button, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { OrgPicker } from '../../components/OrgPicker.tsx';
import { controlId, type FieldOf } from './answers.ts';

interface Props {
  field: FieldOf<'organization'>;
  value: unknown;
  onChange(value: string | string[] | null): void;
  id: string;
}

export const toOrgIds = (value: unknown): string[] =>
  (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string' && v !== '');

/**
 * Organizations picked from the registry (never typed in, so a joint entry names real units). With `multiple`,
 * the chosen units are listed in order and one more picker adds the next, up to `maxUnits`.
 */
export function OrganizationAnswer({ field, value, onChange, id }: Props) {
  const { t } = useTranslation();
  if (!field.multiple) {
    const current = typeof value === 'string' ? value : null;
    return <OrgPicker id={id} data-testid={id} value={current} onChange={(v) => onChange(v)} />;
  }
  const ids = toOrgIds(value);
  const replace = (i: number, next: string | null) => {
    if (next === null) onChange(ids.filter((_, j) => j !== i));
    // The same unit twice would be refused; picking one already listed leaves the list as it was.
    else if (!ids.includes(next)) onChange(ids.map((x, j) => (j === i ? next : x)));
  };
  return (
    <Flex vertical gap={8}>
      {ids.map((orgId, i) => (
        <Flex key={orgId} gap={8} align="center">
          <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
            {t('forms.unit', { n: i + 1 })}
          </Typography.Text>
          <div style={{ flex: 1, minWidth: 0 }}>
            <OrgPicker
              id={i === 0 ? id : controlId(field.key, i)}
              data-testid={controlId(field.key, i)}
              value={orgId}
              excludeId={null}
              onChange={(v) => replace(i, v)}
            />
          </div>
          <Button
            type="text"
            danger
            icon={<DeleteOutlined />}
            aria-label={`${t('common.remove')} ${i + 1}`}
            onClick={() => replace(i, null)}
          />
        </Flex>
      ))}
      {ids.length < field.maxUnits ? (
        // Keyed by count, so the "add" picker starts empty again once a unit is taken from it.
        <OrgPicker
          key={ids.length}
          id={ids.length === 0 ? id : controlId(field.key, 'add')}
          data-testid={controlId(field.key, 'add')}
          value={null}
          placeholder={t('forms.addUnit')}
          onChange={(v) => {
            if (v && !ids.includes(v)) onChange([...ids, v]);
          }}
        />
      ) : null}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('forms.unitsHint', { max: field.maxUnits })}
      </Typography.Text>
    </Flex>
  );
}
