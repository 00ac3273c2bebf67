import type { Readable } from 'node:stream';
import type { TNoticeState } from '@casearena/contract';
import { and, count, eq, isNull } from 'drizzle-orm';
import { formatShanghai } from '../../platform/clock/clock.ts';
import type { Actor, AppContext } from '../../platform/context.ts';
import type { Queryable } from '../../platform/db/client.ts';
import { AppError } from '../../platform/http/errors.ts';
import { recordFile } from '../../platform/storage/files.ts';
import { files } from '../../platform/storage/storage.tables.ts';
import { noticePhase } from './notice-period.ts';
import { whyNotObject } from './notices.policy.ts';
import { campaignTitle, findNotice, type NoticeRow } from './notices.repo.ts';
import { objectionEvidence } from './notices.tables.ts';

/** Evidence files (issue 12 item 2): PDF, JPEG or PNG, sniffed from their bytes, at most 10 MB each, 5 per objection. */
export const EVIDENCE = { maxBytes: 10 * 1024 * 1024, types: ['pdf', 'jpeg', 'png'] as const, label: 'PDF、JPG、PNG', max: 5 };

/** Refuses an objection's write outside the period: NOTICE_NOT_OPEN before publishing, NOTICE_ENDED{endsAt} after. */
export function assertObjectionsTaken(notice: NoticeRow | null, now: Date): void {
  const phase: TNoticeState = noticePhase(notice, now);
  const refusal = whyNotObject(true, phase);
  if (refusal === 'NOTICE_ENDED') throw new AppError(refusal, { endsAt: formatShanghai(notice?.endsAt as Date) });
  if (refusal) throw new AppError(refusal);
}

/** The caller's evidence files of the campaign not attached to an objection yet. */
async function pendingOf(db: Queryable, userId: string, campaignId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(objectionEvidence)
    .where(
      and(
        eq(objectionEvidence.userId, userId),
        eq(objectionEvidence.campaignId, campaignId),
        isNull(objectionEvidence.objectionId),
      ),
    );
  return row?.n ?? 0;
}

const tooMany = (n: number) =>
  new AppError('VALIDATION_FAILED', undefined, [
    { path: 'file', code: 'TOO_MANY_ROWS', params: { max: EVIDENCE.max, count: n } },
  ]);

/**
 * POST /api/public/campaigns/:campaignId/notice/evidence (signed in): one evidence file, uploaded before the
 * objection that cites it. Refused before a byte is stored while the notice takes no objections, or when the caller
 * already holds 5 files not attached to an objection; the type is sniffed and the size limited while the file
 * streams (storage.put: FILE_TYPE_NOT_ALLOWED, FILE_TOO_LARGE). Recorded under the caller, visible to the caller
 * (by filing it) and, once attached, to the organizer. Returns the file as ZObjectionEvidence.
 */
export async function uploadEvidence(
  ctx: AppContext,
  actor: Actor,
  input: { campaignId: string; file: () => Promise<{ filename: string; stream: Readable } | null> },
) {
  const { campaignId } = input;
  await campaignTitle(ctx.db, campaignId);
  assertObjectionsTaken(await findNotice(ctx.db, campaignId), ctx.clock.now());
  const pending = await pendingOf(ctx.db, actor.id, campaignId);
  if (pending >= EVIDENCE.max) throw tooMany(pending);
  const part = await input.file();
  if (!part) throw new AppError('FILE_REQUIRED');
  const blob = await ctx.storage.put(part.stream, {
    maxBytes: EVIDENCE.maxBytes,
    allowed: EVIDENCE.types,
    allowedLabel: EVIDENCE.label,
  });
  try {
    return await ctx.db.transaction(async (tx) => {
      const at = ctx.clock.now();
      // Decided again on the locked notice and the caller's files: the period may have ended while the file streamed.
      assertObjectionsTaken(await findNotice(tx, campaignId, 'share'), at);
      const again = await pendingOf(tx, actor.id, campaignId);
      if (again >= EVIDENCE.max) throw tooMany(again);
      const name = part.filename.replace(/\p{Cc}/gu, '').slice(0, 200) || 'evidence';
      const fileId = await recordFile(tx, blob, { ownerId: actor.id, name, at });
      const [row] = await tx
        .insert(objectionEvidence)
        .values({ campaignId, userId: actor.id, fileId, createdAt: at })
        .returning({ id: objectionEvidence.id });
      if (!row) throw new AppError('INTERNAL');
      return { id: row.id, name, size: blob.size, mime: blob.type };
    });
  } catch (err) {
    await ctx.storage.remove(blob.storageKey);
    throw err;
  }
}

/** The evidence files attached to an objection, in upload order. */
export function evidenceOf(db: Queryable, objectionId: string) {
  return db
    .select({ id: objectionEvidence.id, name: files.name, size: files.size, mime: files.type, storageKey: files.storageKey })
    .from(objectionEvidence)
    .innerJoin(files, eq(files.id, objectionEvidence.fileId))
    .where(eq(objectionEvidence.objectionId, objectionId))
    .orderBy(objectionEvidence.createdAt, objectionEvidence.id);
}
