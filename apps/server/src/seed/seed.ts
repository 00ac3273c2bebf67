import type { AppContext } from '../platform/context.ts';

/** Loads demo data into an empty embedded database on first start. */
export async function seedIfEmpty(_ctx: AppContext): Promise<void> {}
