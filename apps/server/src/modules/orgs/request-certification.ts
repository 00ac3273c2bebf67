import type { Readable } from 'node:stream';
import { CERTIFICATION_FILE, type TCertification, type TCertificationRequestFields } from '@casearena/contract';
import type { Multipart } from '@fastify/multipart';
import { appendAudit } from '../../platform/audit/audit.ts';
import type { Actor, AppContext } from '../../platform/context.ts';
import { uniqueViolation } from '../../platform/db/tx.ts';
import { AppError } from '../../platform/http/errors.ts';
import { recordFile } from '../../platform/storage/files.ts';
import { type ReceivedUpload, receiveCertificationUpload } from './certification-upload.ts';
import { findCertification } from './certifications.repo.ts';
import { organizationExists } from './orgs.repo.ts';
import { certificationRequests } from './orgs.tables.ts';

const ORG_INVALID = () => new AppError('VALIDATION_FAILED', undefined, [{ path: 'organizationId', code: 'INVALID_CHOICE' }]);

/**
 * Files a certification request with its licence (S0-14: certification sets vote weights later): institution
 * certification for someone who represents the organization, professional certification for a practitioner with
 * a title. The licence is an image or PDF of at most 10 MB, typed from its content and measured while it
 * streams; the organization must be in the registry; one request under review per user and kind
 * (ALREADY_PENDING, a database constraint). Nothing is left half-written: a stored file whose request could not
 * be recorded is removed again. Writes `certification.requested`.
 */
export async function requestCertification(
  ctx: AppContext,
  actor: Actor,
  fields: TCertificationRequestFields,
  upload: { stream: Readable; filename: string },
): Promise<TCertification> {
  if (!(await organizationExists(ctx.db, fields.organizationId))) {
    upload.stream.resume();
    throw ORG_INVALID();
  }
  const blob = await ctx.storage.put(upload.stream, {
    maxBytes: CERTIFICATION_FILE.maxBytes,
    allowed: CERTIFICATION_FILE.types,
    allowedLabel: CERTIFICATION_FILE.label,
  });
  return recordCertification(ctx, actor, { fields, blob, filename: upload.filename });
}

/** The same from a multipart/form-data body (POST /api/certifications): fields and file in either order. */
export async function requestCertificationFromForm(
  ctx: AppContext,
  input: { actor: Actor; parts: AsyncIterable<Multipart> | null },
): Promise<TCertification> {
  const upload = await receiveCertificationUpload(ctx, input.parts, async (fields) => {
    if (!(await organizationExists(ctx.db, fields.organizationId))) throw ORG_INVALID();
  });
  return recordCertification(ctx, input.actor, upload);
}

async function recordCertification(ctx: AppContext, actor: Actor, upload: ReceivedUpload): Promise<TCertification> {
  const { fields, blob } = upload;
  const now = ctx.clock.now();
  try {
    const id = await ctx.db.transaction(async (tx) => {
      const file = { id: await recordFile(tx, blob, { ownerId: actor.id, name: upload.filename.slice(0, 200), at: now }) };
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
