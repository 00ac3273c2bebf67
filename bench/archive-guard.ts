/**
 * The archive guard against the zip bombs of issue 7: how fast a 4.7 GiB bomb and a bomb with forged sizes are
 * refused, how long the main event loop stalls (what every other request waits) while three archives are opened at
 * once, and the process's peak memory. For contrast, the old way (JSZip in the server process) on a modest 64 MiB
 * part. `npm run bench -- archive-guard`; the last line is one JSON object.
 */
import JSZip from 'jszip';
import { openArchive } from '../apps/server/src/platform/archive/guard.ts';
import { bigBomb, buildZip, forgedBomb, presentationParts, zeroPart } from '../apps/server/test/zips.ts';
import { table } from './lib/load.ts';

const KEEP = [/^ppt\/slides\/slide\d+\.xml$/, /^\[Content_Types\]\.xml$/];

/** Runs `work` while a 5 ms timer stands for every other request; returns its time and the timer's worst gap. */
async function withLoopWatch(work: () => Promise<unknown>) {
  let last = performance.now();
  let worstGap = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    worstGap = Math.max(worstGap, now - last);
    last = now;
  }, 5);
  const t0 = performance.now();
  const outcome = await work().then(
    (said) => (typeof said === 'string' ? said : 'accepted'),
    (err: { code?: string; params?: { rule?: string } }) => `${err.code ?? 'error'}:${err.params?.rule ?? ''}`,
  );
  const ms = performance.now() - t0;
  await new Promise((r) => setTimeout(r, 20));
  clearInterval(timer);
  return { ms: Math.round(ms), worstGapMs: Math.round(worstGap), outcome };
}

const rssMB = () => Math.round(process.resourceUsage().maxRSS / 1024);

export async function benchArchiveGuard() {
  const bomb = bigBomb();
  const forged = forgedBomb(1024);
  // Allowed by the limits but costly: 3 × 250 MiB of real inflation.
  const heavy = buildZip([...presentationParts(), zeroPart('ppt/media/video1.bin', 250)]);
  const heavyLimits = { maxRatio: 1_000_000 };
  await openArchive(buildZip(presentationParts()), { keep: KEEP }); // start the worker once

  const single = await withLoopWatch(() => openArchive(bomb, { keep: KEEP }));
  const lying = await withLoopWatch(() => openArchive(forged, { keep: KEEP }));
  const threeBombs = await withLoopWatch(async () => {
    const settled = await Promise.allSettled([bomb, bomb, bomb].map((b) => openArchive(b, { keep: KEEP })));
    return `refused ${settled.filter((r) => r.status === 'rejected').length} of 3`;
  });
  const threeHeavy = await withLoopWatch(() =>
    Promise.all([heavy, heavy, heavy].map((b) => openArchive(b, { keep: KEEP, limits: heavyLimits }))),
  );
  const rssGuard = rssMB();
  // The old way, kept small: one 64 MiB slide part read as text on the event loop.
  const old = buildZip([...presentationParts(), zeroPart('ppt/slides/slide2.xml', 64)]);
  const jszip = await withLoopWatch(async () => {
    const zip = await JSZip.loadAsync(old);
    await zip.file('ppt/slides/slide2.xml')?.async('string');
  });

  const rows = [
    { case: `4.7 GiB bomb (${(bomb.length / 1024 / 1024).toFixed(1)} MB file)`, ...single },
    { case: 'forged sizes (4 KB declared, 1 GiB inside)', ...lying },
    { case: 'three 4.7 GiB bombs at once', ...threeBombs },
    { case: 'three allowed 250 MiB archives at once', ...threeHeavy },
    { case: 'old way: JSZip in process, one 64 MiB part', ...jszip },
  ];
  console.log('\nArchive guard: refusals, time and the main event loop’s worst gap');
  console.log(table(rows.map((r) => ({ case: r.case, outcome: r.outcome, ms: r.ms, 'worst event-loop gap ms': r.worstGapMs }))));
  console.log(`peak RSS after the guard's cases: ${rssGuard} MB`);
  console.log(
    JSON.stringify({
      bench: 'archive-guard',
      refuseBombMs: single.ms,
      refuseBombOutcome: single.outcome,
      refuseForgedMs: lying.ms,
      refuseForgedOutcome: lying.outcome,
      threeBombsMs: threeBombs.ms,
      threeBombsWorstGapMs: threeBombs.worstGapMs,
      threeHeavyMs: threeHeavy.ms,
      threeHeavyWorstGapMs: threeHeavy.worstGapMs,
      jszipInProcessWorstGapMs: jszip.worstGapMs,
      peakRssMB: rssGuard,
    }),
  );
}

if (import.meta.url === `file://${process.argv[1]}`) await benchArchiveGuard();
