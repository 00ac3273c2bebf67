import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { generateOpenApi } from '../scripts/openapi.ts';

const committed = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../docs/openapi.json');

describe('OpenAPI document', () => {
  it('docs/openapi.json matches the contract (run `npm run openapi` after changing a route or schema)', async () => {
    const generated = await generateOpenApi();
    expect(fs.existsSync(committed)).toBe(true);
    expect(JSON.parse(fs.readFileSync(committed, 'utf8'))).toEqual(JSON.parse(generated));
  });
});
