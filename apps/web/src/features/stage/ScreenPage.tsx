import type { TStageScreen } from '@casearena/contract';
import { useQueryClient } from '@tanstack/react-query';
import { type CSSProperties, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useLang } from '../../i18n/index.ts';
import { leaderRows } from './leaderboard.ts';
import { ClockText, useClockReading } from './StageClock.tsx';
import { stageKeys, useStageScreen } from './stage-api.ts';
import { STAGE_POLL_MS, useStageStream } from './use-stage-stream.ts';

/**
 * Sizes in one unit that fills a 1920×1080 hall screen (1 u = 19.2 px there) and keeps the layout on any other
 * screen's aspect: the back row reads the title at ~70 px and the clock at ~230 px.
 */
const u = (n: number) => `calc(${n} * min(1vw, 1.7778vh))`;
/** High contrast on a dark ground (white on #0b1020 is ~18:1); amber and red mark the warning and the overtime. */
const C = {
  bg: '#0b1020',
  panel: '#151c33',
  text: '#ffffff',
  dim: '#b8c1dc',
  accent: '#4cc2ff',
  warn: '#ffb020',
  over: '#ff4d4f',
  ok: '#52e08a',
  gold: '#ffd54a',
};
const AWARD_COLORS: Record<string, string> = {
  gold: '#ffd54a',
  silver: '#d9dee8',
  bronze: '#e59a5b',
  first: '#ffd54a',
  second: '#d9dee8',
  third: '#e59a5b',
};

const panel: CSSProperties = { background: C.panel, borderRadius: u(1), padding: u(1.6), boxSizing: 'border-box' };

function Current({ screen, receivedAt }: { screen: TStageScreen; receivedAt: number }) {
  const { t } = useTranslation();
  const reading = useClockReading(screen.clock, receivedAt);
  const c = screen.current;
  const counted = screen.progress.filter((p) => p.status !== 'recused');
  const scored = counted.filter((p) => p.status === 'scored').length;
  const phase =
    screen.state === 'presenting'
      ? t('stage.screen.presenting')
      : screen.state === 'qa'
        ? t('stage.screen.qa')
        : screen.state === 'waiting'
          ? t('stage.screen.next')
          : screen.state === 'scoring'
            ? t('stage.screen.scoring')
            : screen.state === 'revealed'
              ? t('stage.screen.reveal')
              : '';
  if (!c && (screen.state === 'finished' || screen.state === 'frozen')) return <Finale screen={screen} />;
  if (!c) {
    return (
      <div style={{ ...panel, flex: 1, display: 'flex', flexDirection: 'column', gap: u(1.2) }}>
        <div style={{ fontSize: u(4.2), fontWeight: 800 }}>{t('stage.screen.waitingStart')}</div>
        {screen.draw ? (
          <div style={{ fontSize: u(1.1), color: C.dim, wordBreak: 'break-all' }}>
            {t('stage.screen.seed')}: <span style={{ fontFamily: 'monospace' }}>{screen.draw.seed}</span>
          </div>
        ) : null}
        {/* Numbered only once drawn: before the draw the list is in entry-number order, not the presenting order. */}
        <ol style={{ margin: 0, padding: 0, listStyle: 'none', fontSize: u(2), lineHeight: 1.5 }} data-testid="screen-order">
          {[...screen.finalists]
            .sort((a, b) => (a.position ?? 1e9) - (b.position ?? 1e9))
            .map((f) => (
              <li key={f.entryId}>
                {f.position !== null ? (
                  <span style={{ color: C.accent, fontWeight: 800, marginRight: u(1) }}>{f.position}</span>
                ) : null}
                {f.title} <span style={{ color: C.dim, fontSize: u(1.4) }}>{f.organization}</span>
              </li>
            ))}
        </ol>
      </div>
    );
  }
  return (
    <div style={{ ...panel, flex: 1, display: 'flex', flexDirection: 'column', gap: u(1.2), minHeight: 0 }}>
      <div style={{ fontSize: u(2), color: C.accent, fontWeight: 700 }}>
        {c.position !== null ? `${c.position} / ${screen.finalists.length}` : ''} · {phase}
      </div>
      {/* The reveal needs the room: the title steps down so every judge's score and the final fit on one screen. */}
      <div data-testid="screen-current-title" style={{ fontSize: c.reveal ? u(2.8) : u(3.8), fontWeight: 800, lineHeight: 1.15 }}>
        {c.title}
      </div>
      <div style={{ fontSize: c.reveal ? u(1.6) : u(2), color: C.dim }}>{c.organization}</div>
      {reading ? (
        <div style={{ display: 'flex', alignItems: 'baseline', gap: u(2) }}>
          <ClockText
            reading={reading}
            testId="screen-clock"
            colors={{ normal: C.text, warn: C.warn, over: C.over }}
            style={{ fontSize: u(12), lineHeight: 1 }}
          />
          {reading.paused ? <span style={{ fontSize: u(2.4), color: C.warn }}>⏸</span> : null}
        </div>
      ) : null}
      {screen.state === 'scoring' ? (
        <div style={{ display: 'flex', flexDirection: 'column', gap: u(1) }}>
          <div style={{ fontSize: u(2.4) }}>
            {t('stage.screen.progress')}{' '}
            <span data-testid="screen-progress" style={{ fontSize: u(6), fontWeight: 800, color: C.ok }}>
              {scored}/{counted.length}
            </span>
          </div>
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: u(0.8) }}>
            {screen.progress.map((p) => (
              <div
                key={p.seat}
                data-testid={`screen-judge-${p.seat}`}
                data-status={p.status}
                style={{
                  width: u(5.2),
                  height: u(5.2),
                  borderRadius: '50%',
                  display: 'flex',
                  alignItems: 'center',
                  justifyContent: 'center',
                  fontSize: u(2.2),
                  fontWeight: 800,
                  background: p.status === 'scored' ? C.ok : 'transparent',
                  color: p.status === 'scored' ? C.bg : p.status === 'recused' ? C.dim : C.text,
                  border: `${u(0.25)} ${p.status === 'recused' ? 'dashed' : 'solid'} ${p.status === 'scored' ? C.ok : C.dim}`,
                }}
              >
                {p.seat}
              </div>
            ))}
          </div>
        </div>
      ) : null}
      {c.reveal ? <Reveal reveal={c.reveal} /> : null}
    </div>
  );
}

/** After the last reveal: the awards, best first, each with its finalists (the ranking is on the right). */
function Finale({ screen }: { screen: TStageScreen }) {
  const { t } = useTranslation();
  const lang = useLang();
  const rows = leaderRows(screen.finalists, screen.awards, lang);
  return (
    <div
      style={{
        ...panel,
        flex: 1,
        display: 'flex',
        flexDirection: 'column',
        gap: u(1.2),
        minHeight: 0,
        minWidth: 0,
        overflow: 'hidden',
      }}
    >
      <div style={{ fontSize: u(3.6), fontWeight: 800 }}>{t('stage.screen.finished')}</div>
      {screen.awards.map((a) => {
        const winners = rows.filter((r) => r.awardKey === a.key);
        if (winners.length === 0) return null;
        return (
          <div
            key={a.key}
            data-testid={`screen-award-${a.key}`}
            style={{ display: 'flex', gap: u(1.6), alignItems: 'baseline', minWidth: 0 }}
          >
            <span style={{ fontSize: u(2.6), fontWeight: 900, color: AWARD_COLORS[a.key] ?? C.gold, minWidth: u(7) }}>
              {a.label[lang]}
            </span>
            <div style={{ display: 'flex', flexDirection: 'column', gap: u(0.3), minWidth: 0 }}>
              {/* One line each: six winners (S0-10's 1 + 2 + 3) fit the panel however long their titles. */}
              {winners.map((w) => (
                <div
                  key={w.entryId}
                  style={{ fontSize: u(1.9), whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}
                >
                  {w.title} <span style={{ color: C.dim, fontSize: u(1.3) }}>{w.organization}</span>
                </div>
              ))}
            </div>
          </div>
        );
      })}
    </div>
  );
}

function Reveal({ reveal }: { reveal: NonNullable<NonNullable<TStageScreen['current']>['reveal']> }) {
  const { t } = useTranslation();
  return (
    <div data-testid="screen-reveal" style={{ display: 'flex', flexDirection: 'column', gap: u(1.2) }}>
      {/* Up to 5 in a row at 1920 px (15 judges: three rows); a dropped score is struck through and labelled. */}
      <div style={{ display: 'grid', gridTemplateColumns: `repeat(auto-fill, minmax(${u(10.4)}, 1fr))`, gap: u(0.8) }}>
        {reveal.scores.map((s) => (
          <div
            key={s.seat}
            data-testid={`screen-reveal-score-${s.seat}`}
            data-dropped={s.dropped ? 'true' : 'false'}
            data-recused={s.recused ? 'true' : 'false'}
            data-absent={!s.recused && s.total === null ? 'true' : 'false'}
            style={{
              padding: `${u(0.4)} ${u(0.6)}`,
              borderRadius: u(0.6),
              border: `${u(0.15)} ${s.dropped || s.total === null ? 'dashed' : 'solid'} ${s.dropped || s.total === null ? C.dim : C.accent}`,
              textAlign: 'center',
            }}
          >
            <div style={{ fontSize: u(1.2), color: C.dim, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}>
              {s.seat} · {s.name}
            </div>
            <div
              style={{
                fontSize: u(2.8),
                fontWeight: 800,
                lineHeight: 1.2,
                whiteSpace: 'nowrap',
                color: s.dropped || s.total === null ? C.dim : C.text,
                textDecoration: s.dropped ? 'line-through' : undefined,
                fontVariantNumeric: 'tabular-nums',
              }}
            >
              {/* No total and not recused: revealed without this judge (absent), never shown as 0. */}
              {s.recused ? t('stage.screen.recused') : s.total === null ? t('stage.screen.absent') : s.total.toFixed(2)}
            </div>
            <div style={{ fontSize: u(1.1), color: C.warn, minHeight: u(1.4) }}>{s.dropped ? t('stage.screen.dropped') : ''}</div>
          </div>
        ))}
      </div>
      <div style={{ display: 'flex', alignItems: 'baseline', gap: u(1.6) }}>
        <span style={{ fontSize: u(2.6) }}>{t('stage.screen.final')}</span>
        <span data-testid="screen-final" style={{ fontSize: u(7), fontWeight: 900, lineHeight: 1, color: C.gold }}>
          {reveal.final.toFixed(2)}
        </span>
        <span style={{ fontSize: u(1.4), color: C.dim }}>{t(`stage.method.${reveal.method}`)}</span>
      </div>
    </div>
  );
}

function Leaderboard({ screen }: { screen: TStageScreen }) {
  const { t } = useTranslation();
  const lang = useLang();
  const rows = leaderRows(screen.finalists, screen.awards, lang);
  return (
    <div style={{ ...panel, width: '36%', display: 'flex', flexDirection: 'column', gap: u(1), minHeight: 0 }}>
      <div style={{ fontSize: u(2.4), fontWeight: 800, color: C.accent }}>{t('stage.screen.leaderboard')}</div>
      <ol data-testid="screen-leaderboard" style={{ listStyle: 'none', margin: 0, padding: 0, overflow: 'hidden' }}>
        {rows.map((r) => (
          <li
            key={r.entryId}
            data-testid="screen-leader-row"
            data-award={r.awardKey ?? ''}
            style={{
              display: 'flex',
              alignItems: 'baseline',
              gap: u(1),
              padding: `${u(0.7)} 0`,
              borderBottom: `1px solid ${C.bg}`,
              fontSize: u(1.9),
            }}
          >
            <span style={{ width: u(3), fontWeight: 800, color: C.accent }}>{r.rank}</span>
            <span style={{ flex: 1, minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
              {r.title}
            </span>
            <span style={{ fontWeight: 800, fontVariantNumeric: 'tabular-nums' }}>{r.final.toFixed(2)}</span>
            {r.award ? (
              <span style={{ fontWeight: 800, color: AWARD_COLORS[r.awardKey ?? ''] ?? C.gold, minWidth: u(5) }}>{r.award}</span>
            ) : null}
          </li>
        ))}
      </ol>
    </div>
  );
}

/**
 * `/stages/:stageId/screen`: the hall's big screen (issue 11 item 4) — no sign-in, no app chrome. Every `screen`
 * event of the public stream replaces the page's data at once; while the stream is down the page polls the public
 * screen route every STAGE_POLL_MS and reloads once it is back, so it recovers by itself.
 */
export function ScreenPage() {
  const { stageId = '' } = useParams();
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const stream = useStageStream(
    stageId,
    (screen) => queryClient.setQueryData(stageKeys.screen(stageId), screen),
    () => void queryClient.invalidateQueries({ queryKey: stageKeys.screen(stageId) }),
  );
  const query = useStageScreen(stageId, stream.live ? false : STAGE_POLL_MS);
  const screen = query.data;
  useEffect(() => {
    if (screen) document.title = `${screen.label} · ${screen.themeLabel}`;
  }, [screen]);
  const page: CSSProperties = {
    position: 'fixed',
    inset: 0,
    background: C.bg,
    color: C.text,
    fontFamily: '"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", system-ui, sans-serif',
    display: 'flex',
    flexDirection: 'column',
    padding: u(2),
    gap: u(1.4),
    boxSizing: 'border-box',
    overflow: 'hidden',
  };
  if (!screen) {
    const missing = (query.error as { status?: number } | null)?.status === 404;
    return (
      <div style={{ ...page, alignItems: 'center', justifyContent: 'center', fontSize: u(3) }} data-testid="screen-page">
        {missing ? t('stage.screen.notFound') : query.isError ? t('stage.screen.offline') : '…'}
      </div>
    );
  }
  return (
    <div style={page} data-testid="screen-page">
      <header style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'baseline', gap: u(2) }}>
        <div style={{ minWidth: 0 }}>
          <div style={{ fontSize: u(2.8), fontWeight: 800 }}>{screen.label}</div>
          <div style={{ fontSize: u(1.6), color: C.dim }}>{screen.themeLabel}</div>
        </div>
        <div style={{ fontSize: u(2.6), fontWeight: 800, color: C.accent }}>{t(`stage.states.${screen.state}`)}</div>
      </header>
      <main style={{ flex: 1, display: 'flex', gap: u(1.4), minHeight: 0 }}>
        <Current screen={screen} receivedAt={query.dataUpdatedAt} />
        <Leaderboard screen={screen} />
      </main>
      <footer style={{ display: 'flex', justifyContent: 'space-between', fontSize: u(1), color: C.dim }}>
        <span>
          <span style={{ color: stream.live ? C.ok : C.warn }}>●</span>{' '}
          {stream.live ? t('stage.live') : t('stage.screen.offline')}
        </span>
        <span data-testid="screen-state" data-state={screen.state}>
          {screen.state}
        </span>
      </footer>
    </div>
  );
}
