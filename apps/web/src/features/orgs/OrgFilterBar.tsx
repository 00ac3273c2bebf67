import { SearchOutlined } from '@ant-design/icons';
import { ORG_KINDS, type OrgKind } from '@casearena/contract';
import { Button, Col, Input, Row, Select, Space } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { orgKindLabel } from '../../components/format.ts';
import { RegionCascader } from '../../components/RegionCascader.tsx';
import { useLang } from '../../i18n/index.ts';
import type { OrgFilters } from './use-org-filters.ts';

interface Props {
  filters: OrgFilters;
  onChange: (change: Partial<OrgFilters>) => void;
}

/** Name search, kind and region; one column on a phone, one row on a desk. */
export function OrgFilterBar({ filters, onChange }: Props) {
  const { t } = useTranslation();
  const lang = useLang();
  // The box keeps what is being typed; the URL (and the request) changes on Enter or the search button.
  const [text, setText] = useState(filters.q);
  useEffect(() => setText(filters.q), [filters.q]);
  return (
    <Row gutter={[12, 12]}>
      <Col xs={24} md={10}>
        {/* A plain Input (not Input.Search) so the test id and the accessible name land on the <input> itself. */}
        <Space.Compact style={{ width: '100%' }}>
          <Input
            value={text}
            onChange={(e) => setText(e.target.value)}
            onPressEnter={() => onChange({ q: text.trim() })}
            onClear={() => onChange({ q: '' })}
            placeholder={t('orgs.search')}
            allowClear
            enterKeyHint="search"
            aria-label={t('orgs.name')}
            data-testid="org-search-input"
          />
          <Button
            type="primary"
            icon={<SearchOutlined />}
            onClick={() => onChange({ q: text.trim() })}
            data-testid="org-search-submit"
          >
            {t('orgs.searchButton')}
          </Button>
        </Space.Compact>
      </Col>
      <Col xs={24} sm={12} md={6}>
        <Select<OrgKind>
          allowClear
          style={{ width: '100%' }}
          value={filters.kind}
          placeholder={t('orgs.allKinds')}
          aria-label={t('orgs.filterKind')}
          onChange={(kind) => onChange({ kind: kind ?? undefined })}
          options={ORG_KINDS.map((k) => ({ value: k, label: orgKindLabel(k, lang) }))}
        />
      </Col>
      <Col xs={24} sm={12} md={8}>
        <RegionCascader value={filters.regionCode ?? null} onChange={(code) => onChange({ regionCode: code ?? undefined })} />
      </Col>
    </Row>
  );
}
