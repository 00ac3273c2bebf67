import type { Readable } from 'node:stream';
import { CERTIFICATION_FILE, type TCertification, type TCertificationRequestFields } from '@casearena/contract';
import { eq } from 'drizzle-orm';
import { appendAudit } from '../../platform/audit/audit.ts';
import type { Actor, AppContext } from '../../platform/context.ts';
import { uniqueViolation } from '../../platform/db/tx.ts';
import { AppError } from '../../platform/http/errors.ts';
import { files } from '../../platform/storage/storage.tables.ts';
import { findCertification } from './certifications.repo.ts';
import { certificationRequests, organizations } from './orgs.tables.ts';

/**
 * Files a certification request with its licence (S0-14: certification sets vote weights later). The licence is
 * an image or PDF of at most 10 MB, typed from its content and measured while it streams; one request under
 * review per user and kind (ALREADY_PENDING). A stored file whose request could not be written is removed again.
 */
export async function requestCertification(
  ctx: AppContext,
  actor: Actor,
  fields: TCertificationRequestFields,
  upload: { stream: Readable; filename: string },
): Promise<TCertification> {
  const now = ctx.clock.now();
  const [org] = await ctx.db
    .select({ id: organizations.id })
    .from(organizations)
    .where(eq(organizations.id, fields.organizationId));
  if (!org) {
    upload.stream.resume();
    throw new AppError('VALIDATION_FAILED', undefined, [{ path: 'organizationId', code: 'INVALID_CHOICE' }]);
  }
  const blob = await ctx.storage.put(upload.stream, {
    maxBytes: CERTIFICATION_FILE.maxBytes,
    allowed: CERTIFICATION_FILE.types,
    allowedLabel: CERTIFICATION_FILE.label,
  });
  try {
    const id = await ctx.db.transaction(async (tx) => {
      const [file] = await tx
        .insert(files)
        .values({
          ownerId: actor.id,
          name: upload.filename.slice(0, 200),
          size: blob.size,
          type: blob.type,
          sha256: blob.sha256,
          storageKey: blob.storageKey,
          createdAt: now,
        })
        .returning({ id: files.id });
      if (!file) throw new AppError('INTERNAL');
      const [req] = await tx
        .insert(certificationRequests)
        .values({
          kind: fields.kind,
          status: 'pending',
          userId: actor.id,
          organizationId: fields.organizationId,
          title: fields.title || null,
          note: fields.note || null,
          fileId: file.id,
          createdAt: now,
        })
        .returning({ id: certificationRequests.id });
      if (!req) throw new AppError('INTERNAL');
      await appendAudit(tx, {
        kind: 'certification.requested',
        actorId: actor.id,
        subjectType: 'certification',
        subjectId: req.id,
        data: { kind: fields.kind, organizationId: fields.organizationId },
        at: now,
      });
      return req.id;
    });
    return (await findCertification(ctx.db, id)) as TCertification;
  } catch (err) {
    await ctx.storage.remove(blob.storageKey);
    if (uniqueViolation(err) === 'certification_requests_one_pending_key') throw new AppError('ALREADY_PENDING');
    throw err;
  }
}
