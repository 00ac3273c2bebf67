import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import * as schema from '../src/db/schema.ts';
import { referencedTables } from '../src/platform/db/foreign-key.ts';

// Module boundaries (issue 8 item 2, docs/module-shape.md): a module is entered only through its index.ts, only
// db/schema.ts gathers the tables files, platform/ imports no module, and module code never reaches into db/schema.ts.

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../src');

interface Violation {
  file: string;
  line: number;
  target: string;
  rule: string;
}

/** Every `import … from`, `export … from`, bare `import '…'` and `import('…')` specifier, with its line. */
function specifiers(text: string): { spec: string; line: number }[] {
  const found: { spec: string; line: number }[] = [];
  const pattern =
    /(?:^|[\n;])\s*(?:import|export)\s+(?:type\s+)?[^'";]*?\bfrom\s*['"]([^'"]+)['"]|(?:^|[\n;])\s*import\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;
  for (const m of text.matchAll(pattern)) {
    const spec = m[1] ?? m[2] ?? m[3];
    if (spec === undefined) continue;
    const at = m.index + m[0].lastIndexOf(spec);
    found.push({ spec, line: text.slice(0, at).split('\n').length });
  }
  return found;
}

/** `modules/<name>` of a path relative to src/, or null. */
function moduleOf(rel: string): string | null {
  const parts = rel.split('/');
  return parts[0] === 'modules' && parts.length > 2 ? (parts[1] ?? null) : null;
}

/** The rule each import of `sources` (paths relative to src/ → text) breaks. */
export function boundaryViolations(sources: Map<string, string>): Violation[] {
  const violations: Violation[] = [];
  for (const [file, text] of sources) {
    const own = moduleOf(file);
    for (const { spec, line } of specifiers(text)) {
      if (!spec.startsWith('.')) continue;
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), spec));
      const targetModule = moduleOf(target);
      const report = (rule: string) => violations.push({ file, line, target, rule });
      if (file.startsWith('platform/') && targetModule !== null) {
        report('platform/ imports no module');
        continue;
      }
      if (own !== null && target === 'db/schema.ts') {
        report("a module uses its own tables and other modules' index.ts, never db/schema.ts");
        continue;
      }
      if (targetModule === null || targetModule === own) continue;
      if (target === `modules/${targetModule}/index.ts`) continue;
      if (file === 'db/schema.ts' && target.endsWith('.tables.ts')) continue;
      report(`modules/${targetModule} is entered only through modules/${targetModule}/index.ts`);
    }
  }
  return violations;
}

function readSources(): Map<string, string> {
  const sources = new Map<string, string>();
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'migrations' && entry.name !== 'node_modules') walk(full);
      } else if (/\.(ts|tsx)$/.test(entry.name)) {
        sources.set(path.relative(SRC, full).split(path.sep).join('/'), fs.readFileSync(full, 'utf8'));
      }
    }
  };
  walk(SRC);
  return sources;
}

describe('module boundaries (issue 8 item 2)', () => {
  it('no import in apps/server/src crosses a module boundary', () => {
    const sources = readSources();
    expect(sources.size).toBeGreaterThan(50);
    const lines = boundaryViolations(sources).map((v) => `${v.file}:${v.line} imports ${v.target}: ${v.rule}`);
    expect(lines).toEqual([]);
  });

  it('every module has an index.ts', () => {
    const modules = fs
      .readdirSync(path.join(SRC, 'modules'), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name);
    expect(modules.length).toBeGreaterThan(4);
    expect(modules.filter((m) => !fs.existsSync(path.join(SRC, 'modules', m, 'index.ts')))).toEqual([]);
  });

  it('the checker names the file and line of each kind of crossing, and allows the doors', () => {
    const sources = new Map([
      [
        'modules/entries/a.ts',
        [
          "import { x } from './own.ts';",
          "import { organizations } from '../orgs/orgs.tables.ts';",
          'import {',
          '  y,',
          "} from '../orgs/search-grams.ts';",
          "import { z } from '../orgs/index.ts';",
          "export { w } from '../campaigns/campaigns.repo.ts';",
          "import type { T } from '../../db/schema.ts';",
          "const lazy = await import('../accounts/log-in.ts');",
        ].join('\n'),
      ],
      ['platform/http/b.ts', "import { users } from '../../modules/accounts/index.ts';"],
      ['app.ts', "import { a } from './modules/accounts/index.ts';\nimport { b } from './modules/orgs/orgs.routes.ts';"],
      ['db/schema.ts', "export * from '../modules/orgs/orgs.tables.ts';"],
      ['modules/orgs/c.test.ts', "import { d } from './orgs.tables.ts';"],
    ]);
    expect(boundaryViolations(sources).map((v) => `${v.file}:${v.line} ${v.target}`)).toEqual([
      'modules/entries/a.ts:2 modules/orgs/orgs.tables.ts',
      'modules/entries/a.ts:5 modules/orgs/search-grams.ts',
      'modules/entries/a.ts:7 modules/campaigns/campaigns.repo.ts',
      'modules/entries/a.ts:8 db/schema.ts',
      'modules/entries/a.ts:9 modules/accounts/log-in.ts',
      'platform/http/b.ts:1 modules/accounts/index.ts',
      'app.ts:2 modules/orgs/orgs.routes.ts',
    ]);
  });

  it('every table named by keyOf() exists in db/schema.ts with a uuid id', () => {
    const tables = new Map<string, PgTable>();
    for (const value of Object.values(schema)) {
      if (value instanceof PgTable) tables.set(getTableConfig(value).name, value);
    }
    for (const name of referencedTables) {
      const table = tables.get(name);
      expect(table, name).toBeDefined();
      const id = table ? getTableConfig(table).columns.find((c) => c.name === 'id') : undefined;
      expect(id?.getSQLType(), name).toBe('uuid');
      expect(id?.primary, name).toBe(true);
    }
  });
});
