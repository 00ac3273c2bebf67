import { Select } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useOrg, useOrgSearch } from '../api/orgs.ts';
import { useDebounced } from './use-debounced.ts';

export interface OrgRef {
  id: string;
  name: string;
}

interface Props {
  value?: string | null;
  onChange?: (id: string | null, org: OrgRef | null) => void;
  /** The organization already chosen (profile, draft, parent), so its name shows before any search. */
  initial?: OrgRef | null;
  /** An organization that may not be chosen, e.g. itself as its own parent. */
  excludeId?: string | null;
  id?: string;
  placeholder?: string;
  'data-testid'?: string;
}

/** Remote search over the organizations registry by Chinese substring of name or alias (tens of thousands of rows). */
export function OrgPicker({ value, onChange, initial, excludeId, id, placeholder, 'data-testid': testId }: Props) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [q, setQ] = useState('');
  const query = useDebounced(q.trim(), 300);
  // Searching starts when the list opens: a form with a picker should not cost a request on every visit.
  const { data, isFetching } = useOrgSearch({ q: query || undefined, pageSize: 20 }, open);
  const [chosen, setChosen] = useState<OrgRef | null>(null);
  const known = [chosen, initial].find((o) => o && o.id === value) ?? null;
  // A value restored from a draft comes without a name: look it up once.
  const { data: looked } = useOrg(value && !known ? value : null);

  const options = useMemo(() => {
    const items = (data?.items ?? [])
      .filter((o) => o.id !== excludeId)
      .map((o) => ({
        value: o.id,
        label: o.name,
        title: o.regionPath.join(' / '),
        name: o.name,
      }));
    const current = known ?? (looked ? { id: looked.id, name: looked.name } : null);
    if (current && !items.some((o) => o.value === current.id)) {
      items.unshift({ value: current.id, label: current.name, title: '', name: current.name });
    }
    return items;
  }, [data, excludeId, known, looked]);

  return (
    <Select
      id={id}
      data-testid={testId}
      allowClear
      showSearch={{ filterOption: false, onSearch: setQ }}
      value={value ?? undefined}
      options={options}
      optionRender={(o) => (
        <div>
          <div>{o.data.name}</div>
          {o.data.title ? <div style={{ fontSize: 12, color: 'var(--ant-color-text-tertiary)' }}>{o.data.title}</div> : null}
        </div>
      )}
      loading={isFetching}
      placeholder={placeholder ?? t('orgs.pick')}
      notFoundContent={isFetching ? t('common.loading') : t('orgs.empty')}
      onOpenChange={setOpen}
      onChange={(v: string | undefined, option) => {
        const picked = option && !Array.isArray(option) && v ? { id: v, name: String(option.name) } : null;
        setChosen(picked);
        onChange?.(v ?? null, picked);
      }}
    />
  );
}
