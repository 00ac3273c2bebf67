import type { TRegion } from '@casearena/contract';
import { Cascader } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchRegions } from '../api/orgs.ts';

interface RegionOption {
  value: string;
  label: string;
  isLeaf: boolean;
  children?: RegionOption[];
}

const toOption = (r: TRegion): RegionOption => ({ value: r.code, label: r.name, isLeaf: r.level === 'county' });

/**
 * The option path down to `code`. Counties of municipalities and province-administered counties hang off the
 * province directly, so the city level is taken only when the province really has that city.
 */
async function loadPath(roots: RegionOption[], code: string): Promise<string[]> {
  const province = roots.find((o) => o.value === `${code.slice(0, 2)}0000`);
  if (!province) return [];
  if (province.value === code) return [code];
  province.children ??= (await fetchRegions(province.value)).map(toOption);
  const city = province.children.find((o) => o.value === `${code.slice(0, 4)}00` && !o.isLeaf);
  if (!city) return province.children.some((o) => o.value === code) ? [province.value, code] : [province.value];
  if (city.value === code) return [province.value, code];
  city.children ??= (await fetchRegions(city.value)).map(toOption);
  return [province.value, city.value, code];
}

interface Props {
  value?: string | null;
  onChange?: (code: string | null) => void;
  placeholder?: string;
  id?: string;
}

/** Province / city / county, loaded level by level; any level may be chosen (a city filter includes its counties). */
export function RegionCascader({ value, onChange, placeholder, id }: Props) {
  const { t } = useTranslation();
  const [options, setOptions] = useState<RegionOption[]>([]);
  const [path, setPath] = useState<string[]>([]);

  useEffect(() => {
    let live = true;
    void fetchRegions(null)
      .then((items) => {
        if (live) setOptions(items.map(toOption));
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);

  // A value set from outside (an organization being edited, a URL filter) needs its levels loaded to show names.
  useEffect(() => {
    if (!value) {
      // Only when something is shown: a fresh [] each time would re-run this effect forever.
      if (path.length > 0) setPath([]);
      return;
    }
    if (path[path.length - 1] === value || options.length === 0) return;
    let live = true;
    void loadPath(options, value)
      .then((p) => {
        if (!live) return;
        setPath(p);
        setOptions((o) => [...o]);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [value, options, path]);

  return (
    <Cascader<RegionOption>
      id={id}
      options={options}
      value={value ? path : []}
      changeOnSelect
      placeholder={placeholder ?? t('orgs.regionPlaceholder')}
      showSearch={false}
      style={{ width: '100%' }}
      loadData={async (selected) => {
        const target = selected[selected.length - 1];
        if (!target || target.children) return;
        const items = await fetchRegions(target.value);
        target.children = items.map(toOption);
        if (items.length === 0) target.isLeaf = true;
        setOptions((o) => [...o]);
      }}
      onChange={(codes) => {
        const list = (codes ?? []).map(String);
        setPath(list);
        onChange?.(list.length > 0 ? (list[list.length - 1] ?? null) : null);
      }}
    />
  );
}
