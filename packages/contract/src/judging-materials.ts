import { z } from 'zod';
import { ability } from './abilities.ts';
import { ZExtraSlot } from './judging.ts';

/**
 * Why an applicant may not put a file in a round's slot (issue 10 item 2): not the entering unit (FORBIDDEN, a joint
 * applicant reads only), or the round has begun (ROUND_MATERIALS_LOCKED).
 */
export const ROUND_MATERIAL_REFUSALS = ['FORBIDDEN', 'ROUND_MATERIALS_LOCKED'] as const;
export type RoundMaterialRefusal = (typeof ROUND_MATERIAL_REFUSALS)[number];

/** The file in one slot of a round, as the entry's applicants see it. */
export const ZRoundMaterialFile = z.object({
  fileId: z.string(),
  name: z.string(),
  size: z.number().int(),
  type: z.string(),
  version: z.number().int(),
  uploadedAt: z.string(),
});
export type TRoundMaterialFile = z.infer<typeof ZRoundMaterialFile>;

/** A round that asks this entry for materials: its slots (with their rules), what is in each, and the ability. */
export const ZEntryRoundMaterials = z.object({
  rounds: z.array(
    z.object({
      roundId: z.string(),
      label: z.string(),
      status: z.string(),
      opensAt: z.string(),
      slots: z.array(ZExtraSlot.extend({ file: ZRoundMaterialFile.nullable() })),
      abilities: z.object({
        /** POST /api/judging/rounds/:roundId/entries/:entryId/materials/:slotKey */
        upload: ability(ROUND_MATERIAL_REFUSALS),
      }),
    }),
  ),
});
export type TEntryRoundMaterials = z.infer<typeof ZEntryRoundMaterials>;
