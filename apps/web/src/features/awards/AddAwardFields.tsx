import type { TAward, TAwardRule } from '@casearena/contract';
import { Flex, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePublicEntries } from '../../api/campaigns.ts';
import { useDebounced } from '../../components/use-debounced.ts';
import { useLang } from '../../i18n/index.ts';

export interface AddChoice {
  ruleKey?: string;
  level?: string;
  entryId?: string;
}

/** The levels a rule gives: its tiers, or those the computed awards already show (medals, quota tracks …). */
export function levelsOf(rule: TAwardRule | undefined, awards: TAward[]): Array<{ value: string; label: string }> {
  if (!rule) return [];
  const seen = new Map<string, string>();
  for (const a of awards) if (a.ruleKey === rule.key && !seen.has(a.level)) seen.set(a.level, a.label['zh-CN']);
  if (rule.kind === 'tiers') for (const tier of rule.tiers) if (!seen.has(tier)) seen.set(tier, tier);
  if (rule.kind === 'popularity' && !seen.has('popularity')) seen.set('popularity', rule.label['zh-CN']);
  return [...seen].map(([value, label]) => ({ value, label: value === label ? value : `${label} (${value})` }));
}

/**
 * The award to give: a rule, its level and the entry (searched among the campaign's public entries, or fixed when
 * the objection names it).
 */
export function AddAwardFields({
  campaignId,
  rules,
  awards,
  value,
  onChange,
  entryFixed,
}: {
  campaignId: string;
  rules: TAwardRule[];
  awards: TAward[];
  value: AddChoice;
  onChange: (v: AddChoice) => void;
  entryFixed?: { id: string; label: string };
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const [q, setQ] = useState('');
  const search = useDebounced(q, 300);
  const entries = usePublicEntries(campaignId, { q: search || undefined, page: 1 });
  const rule = rules.find((r) => r.key === value.ruleKey);
  const levels = levelsOf(rule, awards);
  return (
    <Flex vertical gap={8} style={{ marginBottom: 12 }}>
      <Typography.Text>{t('awards.adjust.rule')}</Typography.Text>
      <Select
        data-testid="award-add-rule"
        value={value.ruleKey}
        onChange={(ruleKey: string) => onChange({ ...value, ruleKey, level: undefined })}
        options={rules
          .filter((r) => r.kind !== 'most_entries' && r.kind !== 'most_tier')
          .map((r) => ({ value: r.key, label: r.label[lang] }))}
      />
      <Typography.Text>{t('awards.adjust.level')}</Typography.Text>
      <Select
        data-testid="award-add-level"
        value={value.level}
        onChange={(level: string) => onChange({ ...value, level })}
        options={levels}
        disabled={!rule}
      />
      <Typography.Text>{t('awards.adjust.entry')}</Typography.Text>
      {entryFixed ? (
        <Typography.Text strong>{entryFixed.label}</Typography.Text>
      ) : (
        <Select
          data-testid="award-add-entry"
          showSearch={{ filterOption: false, onSearch: setQ }}
          value={value.entryId}
          onChange={(entryId: string) => onChange({ ...value, entryId })}
          loading={entries.isFetching}
          placeholder={t('awards.adjust.entrySearch')}
          options={(entries.data?.items ?? []).map((e) => ({
            value: e.id,
            label: `${e.number} ${e.title} · ${e.organization}`,
          }))}
        />
      )}
    </Flex>
  );
}
