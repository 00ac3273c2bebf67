import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateClientTypes, generateOpenApi } from '../scripts/openapi.ts';
import { operationKey } from '../src/openapi/document.ts';
import { OPERATIONS } from '../src/openapi/operations.ts';

const run = promisify(execFile);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const committed = path.join(root, 'docs/openapi.json');
const bin = (name: string) => path.join(root, 'node_modules/.bin', name);

interface Operation {
  operationId?: string;
  summary?: string;
  security?: unknown[];
  responses: Record<string, unknown>;
}
let generated: string;
let document: { paths: Record<string, Record<string, Operation>> };
let operations: Array<{ key: string; op: Operation }>;

beforeAll(async () => {
  generated = await generateOpenApi();
  document = JSON.parse(generated);
  operations = Object.entries(document.paths).flatMap(([p, item]) =>
    Object.entries(item).map(([method, op]) => ({ key: operationKey(method, p), op })),
  );
}, 180_000); // builds a whole app on an in-memory database: allow for a busy machine

describe('OpenAPI document (issue 8 item 17)', () => {
  it('docs/openapi.json matches the contract (run `npm run openapi` after changing a route or schema)', () => {
    expect(fs.existsSync(committed)).toBe(true);
    expect(JSON.parse(fs.readFileSync(committed, 'utf8'))).toEqual(JSON.parse(generated));
  });

  it('every route has an entry in apps/server/src/openapi/operations.ts, and every entry a route', () => {
    const known = new Set(Object.keys(OPERATIONS));
    const missing = operations.map((o) => o.key).filter((k) => !known.has(k));
    const stale = [...known].filter((k) => !operations.some((o) => o.key === k));
    expect(
      { missing, stale },
      "add `'METHOD /api/path/:param': { operationId, summary, access }` to OPERATIONS in apps/server/src/openapi/operations.ts for each missing route (and remove stale ones), then `npm run openapi`",
    ).toEqual({ missing: [], stale: [] });
  });

  it('operation ids are unique, and each operation has a summary, a security requirement and an error answer', () => {
    const ids = operations.map((o) => o.op.operationId);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    const incomplete = operations
      .filter(
        (o) => !o.op.summary || !Array.isArray(o.op.security) || !Object.keys(o.op.responses).some((s) => s.startsWith('4')),
      )
      .map((o) => o.key);
    expect(incomplete).toEqual([]);
  });

  it('signed-in routes require the session cookie, unsafe methods the CSRF cookie and header', () => {
    const get = (key: string) => operations.find((o) => o.key === key)?.op;
    expect(get('GET /api/me')?.security).toEqual([{ session: [] }]);
    expect(get('PATCH /api/entries/:id')?.security).toEqual([{ session: [], csrfCookie: [], csrfHeader: [] }]);
    expect(get('POST /api/auth/login')?.security).toEqual([{ csrfCookie: [], csrfHeader: [] }]);
    expect(get('GET /api/campaigns/:id')?.security).toEqual([{}, { session: [] }]);
    expect(get('GET /api/regions')?.security).toEqual([{}]);
    expect(get('PATCH /api/entries/:id')?.responses['409']).toEqual({ $ref: '#/components/responses/Conflict' });
  });

  it('passes Redocly CLI’s recommended rules with no error (redocly.yaml)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ca-openapi-'));
    const file = path.join(dir, 'openapi.json');
    fs.writeFileSync(file, generated);
    const result = await run(bin('redocly'), ['lint', file, '--config', path.join(root, 'redocly.yaml'), '--format=summary'], {
      cwd: root,
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
    }).then(
      (r) => ({ code: 0, output: r.stdout + r.stderr }),
      (err: { code: number; stdout: string; stderr: string }) => ({ code: err.code, output: err.stdout + err.stderr }),
    );
    fs.rmSync(dir, { recursive: true, force: true });
    expect(result.output).not.toMatch(/^error\s/m);
    expect(result.code).toBe(0);
  }, 120_000);

  it('a TypeScript client generated with openapi-typescript type-checks (docs/api-client/usage.ts)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ca-openapi-client-'));
    fs.writeFileSync(path.join(dir, 'schema.ts'), await generateClientTypes(generated));
    fs.copyFileSync(path.join(root, 'docs/api-client/usage.ts'), path.join(dir, 'usage.ts'));
    const compilerOptions = {
      strict: true,
      noEmit: true,
      target: 'es2022',
      module: 'nodenext',
      moduleResolution: 'nodenext',
      allowImportingTsExtensions: true,
      types: [],
    };
    fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: ['usage.ts'] }));
    const result = await run(bin('tsc'), ['-p', dir], { cwd: dir }).then(
      () => ({ code: 0, output: '' }),
      (err: { code: number; stdout: string }) => ({ code: err.code, output: err.stdout }),
    );
    fs.rmSync(dir, { recursive: true, force: true });
    expect(result).toEqual({ code: 0, output: '' });
  }, 120_000);
});
