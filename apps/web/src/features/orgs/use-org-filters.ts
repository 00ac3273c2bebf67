import { ORG_KINDS, type OrgKind } from '@casearena/contract';
import { useCallback } from 'react';
import { useSearchParams } from 'react-router';

export interface OrgFilters {
  q: string;
  kind: OrgKind | undefined;
  regionCode: string | undefined;
  page: number;
  /** The organization open in the detail drawer. */
  org: string | undefined;
}

const isKind = (v: string | null): v is OrgKind => v !== null && (ORG_KINDS as readonly string[]).includes(v);

/**
 * Filters live in the URL: a search can be bookmarked or sent to a colleague, and Back returns to the same page
 * of results.
 */
export function useOrgFilters() {
  const [params, setParams] = useSearchParams();
  const region = params.get('region');
  const filters: OrgFilters = {
    q: params.get('q') ?? '',
    kind: isKind(params.get('kind')) ? (params.get('kind') as OrgKind) : undefined,
    regionCode: region && /^\d{6}$/.test(region) ? region : undefined,
    page: Math.max(1, Number(params.get('page')) || 1),
    org: params.get('org') ?? undefined,
  };
  const update = useCallback(
    (change: Partial<OrgFilters>) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          const set = (key: string, value: string | number | undefined) => {
            if (value === undefined || value === '' || (key === 'page' && value === 1)) next.delete(key);
            else next.set(key, String(value));
          };
          if ('q' in change) set('q', change.q);
          if ('kind' in change) set('kind', change.kind);
          if ('regionCode' in change) set('region', change.regionCode);
          if ('org' in change) set('org', change.org);
          // A new filter starts again at page 1; only an explicit page change keeps paging.
          const filtersChanged = 'q' in change || 'kind' in change || 'regionCode' in change;
          if ('page' in change) set('page', change.page);
          else if (filtersChanged) next.delete('page');
          return next;
        },
        { replace: !('page' in change) && !('org' in change) },
      );
    },
    [setParams],
  );
  return { filters, update };
}
