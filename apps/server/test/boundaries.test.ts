import fs from 'node:fs';
import path from 'node:path';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import * as schema from '../src/db/schema.ts';
import { referencedTables } from '../src/platform/db/foreign-key.ts';
import { boundaryViolations, MODULES, moduleCycles, ROOT, readSources, show, writeViolations } from './boundaries/checks.ts';

// Module boundaries (issue 8 item 2, docs/module-shape.md): a module is entered only through its index.ts (from the
// server's code, its tests, bench/ and e2e/ alike), only db/schema.ts gathers the tables files, platform/ imports no
// module, module code never reaches into db/schema.ts, no module writes another module's tables (those its index.ts
// exports are read only), and the modules' load-time imports form no cycle. Sources are parsed with the TypeScript
// compiler, so comments and strings never count as imports.
describe('module boundaries (issue 8 item 2)', () => {
  const sources = readSources();

  it('no import in apps/server (src and test), bench/ or e2e/ crosses a module boundary', () => {
    expect([...sources.keys()].filter((f) => f.startsWith('apps/server/src/')).length).toBeGreaterThan(50);
    expect([...sources.keys()].filter((f) => f.startsWith('bench/')).length).toBeGreaterThan(5);
    expect([...sources.keys()].filter((f) => f.startsWith('apps/server/test/')).length).toBeGreaterThan(10);
    const lines = boundaryViolations(sources).map((v) => `${v.file}:${v.line} imports ${v.target}: ${v.rule}`);
    expect(lines).toEqual([]);
  });

  it("no module writes another module's table (the tables an index.ts exports are read only)", () => {
    const lines = writeViolations(sources).map((v) => `${v.file}:${v.line} ${v.target} ${v.rule}`);
    expect(lines).toEqual([]);
  });

  it("the modules' load-time imports form no cycle", () => {
    expect(moduleCycles(sources)).toEqual([]);
  });

  it('every module has an index.ts', () => {
    const dir = path.join(ROOT, MODULES);
    const modules = fs
      .readdirSync(dir, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name);
    expect(modules.length).toBeGreaterThan(4);
    expect(modules.filter((m) => !fs.existsSync(path.join(dir, m, 'index.ts')))).toEqual([]);
  });

  it('the import checker names the file and line of each kind of crossing, and allows the doors', () => {
    const src = 'apps/server/src';
    const synthetic = new Map([
      [
        `${src}/modules/entries/a.ts`,
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
          "// import { no } from '../orgs/orgs.repo.ts';",
          'const text = "import { no } from \'../orgs/orgs.repo.ts\'";',
        ].join('\n'),
      ],
      [`${src}/platform/http/b.ts`, "import { users } from '../../modules/accounts/index.ts';"],
      [`${src}/app.ts`, "import { a } from './modules/accounts/index.ts';\nimport { b } from './modules/orgs/orgs.routes.ts';"],
      [`${src}/db/schema.ts`, "export * from '../modules/orgs/orgs.tables.ts';"],
      [`${src}/modules/orgs/c.test.ts`, "import { d } from './orgs.tables.ts';"],
      [
        'bench/x.ts',
        [
          "import { organizations } from '../apps/server/src/db/schema.ts';",
          "import { searchGrams } from '../apps/server/src/modules/orgs/index.ts';",
          "import { entries } from '../apps/server/src/modules/entries/entries.tables.ts';",
        ].join('\n'),
      ],
      ['bench/lib/y.ts', "import type { Db } from '../../apps/server/src/modules/entries/public-cache.ts';"],
      [
        'apps/server/test/z.ts',
        "import { users } from '../src/db/schema.ts';\nimport { registerUser } from '../src/modules/accounts/register-user.ts';",
      ],
    ]);
    expect(show(boundaryViolations(synthetic))).toEqual([
      `${src}/modules/entries/a.ts:2 ${src}/modules/orgs/orgs.tables.ts`,
      `${src}/modules/entries/a.ts:5 ${src}/modules/orgs/search-grams.ts`,
      `${src}/modules/entries/a.ts:7 ${src}/modules/campaigns/campaigns.repo.ts`,
      `${src}/modules/entries/a.ts:8 ${src}/db/schema.ts`,
      `${src}/modules/entries/a.ts:9 ${src}/modules/accounts/log-in.ts`,
      `${src}/platform/http/b.ts:1 ${src}/modules/accounts/index.ts`,
      `${src}/app.ts:2 ${src}/modules/orgs/orgs.routes.ts`,
      `bench/x.ts:3 ${src}/modules/entries/entries.tables.ts`,
      `bench/lib/y.ts:1 ${src}/modules/entries/public-cache.ts`,
      `apps/server/test/z.ts:2 ${src}/modules/accounts/register-user.ts`,
    ]);
  });

  it("the write checker finds .insert/.update/.delete and sql writes on another module's table, not reads or tests", () => {
    const m = 'apps/server/src/modules';
    const synthetic = new Map([
      [
        `${m}/accounts/accounts.tables.ts`,
        "export const users = pgTable('users', {});\nexport const passwordResets = pgTable('password_resets', {});",
      ],
      [`${m}/accounts/index.ts`, "export { users as accountUsers } from './accounts.tables.ts';"],
      [`${m}/orgs/orgs.tables.ts`, "export const organizations = pgTable('organizations', {});"],
      [`${m}/orgs/index.ts`, "export * from './orgs.tables.ts';"],
      [
        `${m}/entries/e.ts`,
        [
          "import { accountUsers as u } from '../accounts/index.ts';",
          "import * as orgs from '../orgs/index.ts';",
          'await db.select().from(u).innerJoin(orgs.organizations, sql`true`);',
          'await tx.update(u).set({ name });',
          'await db',
          '  .insert(orgs.organizations).values(row);',
          'await tx.delete(u);',
          // biome-ignore lint/suspicious/noTemplateCurlyInString: the text of a source file to parse, not a template
          'await db.execute(sql`update ${u} set name = ${name}`);',
          // biome-ignore lint/suspicious/noTemplateCurlyInString: the text of a source file to parse, not a template
          'await db.execute(sql`select * from ${u} for update`);',
          'await db.execute(sql`delete from password_resets where true`);',
          'await db.execute(sql`insert into entries (id) values (1)`);',
        ].join('\n'),
      ],
      [`${m}/accounts/own.ts`, "import { users } from './accounts.tables.ts';\nawait db.update(users).set({ name });"],
      [
        `${m}/entries/e.test.ts`,
        "import { accountUsers } from '../accounts/index.ts';\nawait db.update(accountUsers).set({ name });",
      ],
    ]);
    expect(show(writeViolations(synthetic))).toEqual([
      `${m}/entries/e.ts:4 modules/accounts users`,
      `${m}/entries/e.ts:6 modules/orgs organizations`,
      `${m}/entries/e.ts:7 modules/accounts users`,
      `${m}/entries/e.ts:8 modules/accounts users`,
      `${m}/entries/e.ts:10 modules/accounts passwordResets`,
    ]);
  });

  it('the cycle checker reports a cycle of value imports once, and skips type-only imports and tests', () => {
    const m = 'apps/server/src/modules';
    const synthetic = new Map([
      [`${m}/a/x.ts`, "import { b } from '../b/index.ts';"],
      [`${m}/b/y.ts`, "import { c } from '../c/index.ts';\nimport type { A } from '../a/index.ts';"],
      [`${m}/c/z.ts`, "import { a } from '../a/index.ts';"],
      [`${m}/d/w.ts`, "import { type A } from '../a/index.ts';"],
      [`${m}/a/x.test.ts`, "import { d } from '../d/index.ts';"],
    ]);
    expect(moduleCycles(synthetic)).toEqual(['a -> b -> c -> a']);
    synthetic.set(`${m}/a/v.ts`, "import { d } from '../d/index.ts';");
    expect(moduleCycles(synthetic)).toEqual(['a -> b -> c -> a', 'a -> d -> a']);
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
