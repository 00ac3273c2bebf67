import type { Readable } from 'node:stream';
import { CERTIFICATION_FILE, type TCertificationRequestFields, ZCertificationRequestFields } from '@casearena/contract';
import type { Multipart } from '@fastify/multipart';
import type { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { AppError, fieldErrorOf } from '../../platform/http/errors.ts';
import type { StoredBlob } from '../../platform/storage/storage.ts';

export interface ReceivedUpload {
  fields: TCertificationRequestFields;
  blob: StoredBlob;
  filename: string;
}

function invalid(error: z.ZodError): AppError {
  return new AppError(
    'VALIDATION_FAILED',
    undefined,
    error.issues.map((i) => fieldErrorOf(i)),
  );
}

/**
 * Reads a certification request's multipart body: text fields and exactly one `file` part, in either order.
 * Fields sent before the file (the web app's order) are validated and `precheck`ed before a byte is stored, so a
 * bad form never costs an upload. Fields sent after the file can only be read once the file has streamed into
 * storage (multipart is one stream); if they fail, the stored blob is removed again. Other file parts are
 * drained and ignored. The file's type is sniffed and its size limited while it streams (storage.put).
 */
export async function receiveCertificationUpload(
  ctx: AppContext,
  parts: AsyncIterable<Multipart> | null,
  precheck: (fields: TCertificationRequestFields) => Promise<void>,
): Promise<ReceivedUpload> {
  if (!parts) throw new AppError('FILE_REQUIRED');
  const raw: Record<string, string> = {};
  let stored: { blob: StoredBlob; filename: string } | undefined;
  let checked = false;
  try {
    for await (const part of parts) {
      if (part.type === 'field') {
        raw[part.fieldname] = String(part.value);
        continue;
      }
      if (part.fieldname !== 'file' || stored) {
        part.file.resume();
        continue;
      }
      const early = ZCertificationRequestFields.safeParse(raw);
      // Errors on fields not sent yet may be answered by later parts; errors on fields already sent are final.
      const final = !early.success && early.error.issues.some((i) => String(i.path[0]) in raw);
      if (final || early.success) {
        try {
          if (!early.success) throw invalid(early.error);
          await precheck(early.data);
          checked = true;
        } catch (err) {
          part.file.resume();
          throw err;
        }
      }
      const blob = await ctx.storage.put(part.file as Readable, {
        maxBytes: CERTIFICATION_FILE.maxBytes,
        allowed: CERTIFICATION_FILE.types,
        allowedLabel: CERTIFICATION_FILE.label,
      });
      stored = { blob, filename: part.filename };
    }
    if (!stored) throw new AppError('FILE_REQUIRED');
    const parsed = ZCertificationRequestFields.safeParse(raw);
    if (!parsed.success) throw invalid(parsed.error);
    if (!checked) await precheck(parsed.data);
    return { fields: parsed.data, ...stored };
  } catch (err) {
    if (stored) await ctx.storage.remove(stored.blob.storageKey);
    throw err;
  }
}
