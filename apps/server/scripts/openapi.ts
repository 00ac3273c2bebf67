import openapiTS, { astToString } from 'openapi-typescript';
import { buildApp } from '../src/app.ts';
import { openDatabase } from '../src/platform/db/client.ts';

/** The OpenAPI document generated from the zod contract, as committed in docs/openapi.json. */
export async function generateOpenApi(): Promise<string> {
  const database = await openDatabase({ dataDir: 'memory://' });
  const app = await buildApp({ database, logger: false, serveWeb: false, config: { dataDir: '/tmp/casearena-openapi' } });
  try {
    await app.ready();
    return `${JSON.stringify(app.swagger(), null, 2)}\n`;
  } finally {
    await app.close();
    await database.close();
  }
}

/** TypeScript types for a client, as `npx openapi-typescript docs/openapi.json -o schema.ts` writes them. */
export async function generateClientTypes(document: string): Promise<string> {
  return astToString(await openapiTS(JSON.parse(document)));
}
