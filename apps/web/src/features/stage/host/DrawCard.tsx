import type { TStageHostView } from '@casearena/contract';
import { Card, Collapse, Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../components/format.ts';
import { useLang } from '../../../i18n/index.ts';

/**
 * The shell line anyone can paste to recompute the order from the seed: each entry's SHA-256 of `seed:entryId`,
 * sorted ascending (draw.ts on the server does the same).
 */
export function checkCommand(seed: string, entryIds: readonly string[]): string {
  return `for id in ${entryIds.join(' ')}; do printf '%s %s\\n' "$(printf '%s' "${seed}:$id" | sha256sum | cut -d' ' -f1)" "$id"; done | sort`;
}

/** The draw: the recorded seed, how to check it, and the presenting order (the one on stage marked). */
export function DrawCard({ view }: { view: TStageHostView }) {
  const { t } = useTranslation();
  const lang = useLang();
  const ordered = [...view.finalists].sort((a, b) => (a.position ?? 1e9) - (b.position ?? 1e9));
  return (
    <Card title={t('stage.host.draw')}>
      <Flex vertical gap={12}>
        {view.draw ? (
          <Flex vertical gap={4}>
            <Typography.Text type="secondary">{t('stage.host.seed')}</Typography.Text>
            <Typography.Text code copyable data-testid="stage-draw-seed" style={{ wordBreak: 'break-all' }}>
              {view.draw.seed}
            </Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('stage.host.drawnAt', { time: formatDateTime(view.draw.drawnAt, lang) })}
            </Typography.Text>
            <Collapse
              size="small"
              items={[
                {
                  key: 'check',
                  label: t('stage.host.howToCheck'),
                  children: (
                    <Flex vertical gap={6}>
                      <Typography.Text style={{ fontSize: 13 }}>{t('stage.host.checkText')}</Typography.Text>
                      <Typography.Paragraph
                        code
                        copyable
                        style={{ fontSize: 12, wordBreak: 'break-all', margin: 0 }}
                        data-testid="stage-draw-check"
                      >
                        {checkCommand(
                          view.draw.seed,
                          ordered.map((f) => f.entryId),
                        )}
                      </Typography.Paragraph>
                    </Flex>
                  ),
                },
              ]}
            />
          </Flex>
        ) : (
          <Typography.Text type="secondary">{t('stage.host.notDrawn')}</Typography.Text>
        )}
        <Typography.Text strong>{t('stage.host.order')}</Typography.Text>
        <ol data-testid="stage-order" style={{ margin: 0, paddingLeft: 0, listStyle: 'none' }}>
          {ordered.map((f) => {
            const current = view.current?.entryId === f.entryId;
            return (
              <li
                key={f.entryId}
                data-testid="stage-order-item"
                data-entry-id={f.entryId}
                data-current={current ? 'true' : 'false'}
                style={{
                  display: 'flex',
                  gap: 8,
                  alignItems: 'baseline',
                  padding: '6px 8px',
                  borderRadius: 6,
                  background: current ? '#e6f4ff' : undefined,
                }}
              >
                <Typography.Text strong style={{ width: 28, flex: 'none' }}>
                  {f.position ?? '·'}
                </Typography.Text>
                <Flex vertical style={{ minWidth: 0, flex: 1 }}>
                  <Typography.Text strong={current}>{f.title}</Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {f.entryNumber ? `${f.entryNumber} · ` : ''}
                    {f.organization}
                  </Typography.Text>
                </Flex>
                {f.reveal ? <Tag color="blue">{f.reveal.final.toFixed(2)}</Tag> : null}
              </li>
            );
          })}
        </ol>
      </Flex>
    </Card>
  );
}
