import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

// The checkers behind boundaries.test.ts (issue 8 item 2, docs/module-shape.md): imports that cross a module's door,
// writes to another module's tables, and load-time cycles between modules. Sources are parsed with the TypeScript
// compiler, so comments and strings never count as imports.
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
/** Scanned trees, relative to the repository root. */
const TREES = ['apps/server/src', 'apps/server/test', 'bench', 'e2e'];
export const MODULES = 'apps/server/src/modules/';
const SCHEMA = 'apps/server/src/db/schema.ts';

interface Violation {
  file: string;
  line: number;
  target: string;
  rule: string;
}

interface Import {
  spec: string;
  line: number;
  /** `import type …` / `export type … from`: erased, so it loads nothing. */
  typeOnly: boolean;
  /** Named bindings: local name → the name the target exports. */
  names: Map<string, string>;
  namespace: string | null;
}

const parsed = new Map<string, ts.SourceFile>();
function parse(file: string, text: string): ts.SourceFile {
  const key = `${file}\0${text}`;
  let sf = parsed.get(key);
  if (!sf) {
    const kind = file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
    sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
    parsed.set(key, sf);
  }
  return sf;
}

const lineOf = (sf: ts.SourceFile, node: ts.Node) => sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;

/** Every `import … from`, `export … from`, bare `import '…'` and `import('…')` of a file. */
function importsOf(sf: ts.SourceFile): Import[] {
  const found: Import[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const names = new Map<string, string>();
      let namespace: string | null = null;
      const bindings = node.importClause?.namedBindings;
      if (bindings && ts.isNamedImports(bindings)) {
        for (const el of bindings.elements) names.set(el.name.text, (el.propertyName ?? el.name).text);
      } else if (bindings && ts.isNamespaceImport(bindings)) {
        namespace = bindings.name.text;
      }
      const typeOnly = node.importClause?.isTypeOnly ?? false;
      found.push({ spec: node.moduleSpecifier.text, line: lineOf(sf, node.moduleSpecifier), typeOnly, names, namespace });
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const names = new Map<string, string>();
      if (node.exportClause && ts.isNamedExports(node.exportClause)) {
        for (const el of node.exportClause.elements) names.set(el.name.text, (el.propertyName ?? el.name).text);
      }
      const namespace = node.exportClause === undefined ? '*' : null;
      found.push({
        spec: node.moduleSpecifier.text,
        line: lineOf(sf, node.moduleSpecifier),
        typeOnly: node.isTypeOnly,
        names,
        namespace,
      });
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteralLike(node.arguments[0])
    ) {
      const arg = node.arguments[0];
      found.push({ spec: arg.text, line: lineOf(sf, arg), typeOnly: false, names: new Map(), namespace: null });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

/** The repository path a relative specifier of `file` points at (null: a package). */
function resolve(file: string, spec: string): string | null {
  return spec.startsWith('.') ? path.posix.normalize(path.posix.join(path.posix.dirname(file), spec)) : null;
}

/** The module a repository path belongs to (`apps/server/src/modules/<name>/…`), or null. */
function moduleOf(file: string): string | null {
  if (!file.startsWith(MODULES)) return null;
  const parts = file.slice(MODULES.length).split('/');
  return parts.length > 1 ? (parts[0] ?? null) : null;
}

const doorOf = (module: string) => `${MODULES}${module}/index.ts`;

/** The rule each import of `sources` (repository paths → text) breaks. */
export function boundaryViolations(sources: Map<string, string>): Violation[] {
  const violations: Violation[] = [];
  for (const [file, text] of sources) {
    const own = moduleOf(file);
    for (const { spec, line } of importsOf(parse(file, text))) {
      const target = resolve(file, spec);
      if (target === null) continue;
      const targetModule = moduleOf(target);
      const report = (rule: string) => violations.push({ file, line, target, rule });
      if (file.startsWith('apps/server/src/platform/') && targetModule !== null) {
        report('platform/ imports no module');
        continue;
      }
      if (own !== null && target === SCHEMA) {
        report("a module uses its own tables and other modules' index.ts, never db/schema.ts");
        continue;
      }
      if (targetModule === null || targetModule === own) continue;
      if (target === doorOf(targetModule)) continue;
      if (file === SCHEMA && target.endsWith('.tables.ts')) continue;
      report(`modules/${targetModule} is entered only through modules/${targetModule}/index.ts`);
    }
  }
  return violations;
}

interface Table {
  module: string;
  /** The exported binding (`users`). */
  name: string;
  /** The SQL name (`users`). */
  sqlName: string;
}

/** The `export const x = pgTable('name', …)` tables of each module's `*.tables.ts` files. */
function moduleTables(sources: Map<string, string>): Table[] {
  const tables: Table[] = [];
  for (const [file, text] of sources) {
    const module = moduleOf(file);
    if (module === null || !file.endsWith('.tables.ts')) continue;
    for (const statement of parse(file, text).statements) {
      if (!ts.isVariableStatement(statement)) continue;
      if (!statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) continue;
      for (const decl of statement.declarationList.declarations) {
        const init = decl.initializer;
        if (!ts.isIdentifier(decl.name) || !init || !ts.isCallExpression(init)) continue;
        if (!ts.isIdentifier(init.expression) || init.expression.text !== 'pgTable') continue;
        const sqlName = init.arguments[0];
        if (sqlName && ts.isStringLiteralLike(sqlName)) tables.push({ module, name: decl.name.text, sqlName: sqlName.text });
      }
    }
  }
  return tables;
}

/** Exported name → table, for the tables each module's index.ts re-exports from its tables files. */
function doorTables(sources: Map<string, string>, tables: Table[]): Map<string, Map<string, Table>> {
  const doors = new Map<string, Map<string, Table>>();
  for (const [file, text] of sources) {
    const module = moduleOf(file);
    if (module === null || file !== doorOf(module)) continue;
    const exported = new Map<string, Table>();
    for (const imp of importsOf(parse(file, text))) {
      const target = resolve(file, imp.spec);
      if (imp.typeOnly || target === null || !target.endsWith('.tables.ts') || moduleOf(target) !== module) continue;
      const own = tables.filter((t) => t.module === module);
      if (imp.namespace === '*') for (const t of own) exported.set(t.name, t);
      for (const [as, name] of imp.names) {
        const table = own.find((t) => t.name === name);
        if (table) exported.set(as, table);
      }
    }
    doors.set(module, exported);
  }
  return doors;
}

const WRITE_METHODS = new Set(['insert', 'update', 'delete']);
const SQL_WRITE_BEFORE = /\b(?:insert\s+into|update|delete\s+from)\s*$/i;
const SQL_WRITE_NAMED = /\b(?:insert\s+into|update|delete\s+from)\s+"?([a-z_][a-z0-9_]*)"?/gi;

/**
 * Writes by module code to a table another module owns: `.insert(t)`, `.update(t)`, `.delete(t)` on a table
 * imported from another module's index.ts (named, renamed or through `import * as`), and `insert into` / `update` /
 * `delete from` in a sql`` template, naming the table either as `${t}` or by its SQL name. A table reached any other
 * way (a local alias `const t = users`) is not followed; the import rules above leave no other way to get one.
 * A module's tests are left out, as they may import its internals: a fixture may put another module's row in a state
 * no function offers (a phase's dates moved, an organizer member added without a manager).
 */
export function writeViolations(sources: Map<string, string>): Violation[] {
  const tables = moduleTables(sources);
  const doors = doorTables(sources, tables);
  const bySqlName = new Map(tables.map((t) => [t.sqlName, t]));
  const violations: Violation[] = [];
  for (const [file, text] of sources) {
    const own = moduleOf(file);
    if (own === null || /\.test\.tsx?$/.test(file)) continue;
    const sf = parse(file, text);
    const named = new Map<string, Table>();
    const namespaces = new Map<string, Map<string, Table>>();
    for (const imp of importsOf(sf)) {
      const target = resolve(file, imp.spec);
      const targetModule = target === null ? null : moduleOf(target);
      if (targetModule === null || targetModule === own || target !== doorOf(targetModule)) continue;
      const exported = doors.get(targetModule) ?? new Map<string, Table>();
      for (const [local, name] of imp.names) {
        const table = exported.get(name);
        if (table) named.set(local, table);
      }
      if (imp.namespace !== null && imp.namespace !== '*') namespaces.set(imp.namespace, exported);
    }
    const foreign = (node: ts.Node | undefined): Table | undefined => {
      if (node === undefined) return undefined;
      if (ts.isIdentifier(node)) return named.get(node.text);
      if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression)) {
        return namespaces.get(node.expression.text)?.get(node.name.text);
      }
      return undefined;
    };
    const report = (node: ts.Node, table: Table, how: string) =>
      violations.push({
        file,
        line: lineOf(sf, node),
        target: `modules/${table.module} ${table.name}`,
        rule: `${how}: modules/${own} writes another module's table; call a function of modules/${table.module}/index.ts`,
      });
    const visit = (node: ts.Node) => {
      if (
        ts.isCallExpression(node) &&
        ts.isPropertyAccessExpression(node.expression) &&
        WRITE_METHODS.has(node.expression.name.text)
      ) {
        const table = foreign(node.arguments[0]);
        if (table) report(node.expression.name, table, `.${node.expression.name.text}(${table.name})`);
      }
      if (ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag) && node.tag.text === 'sql') {
        const template = node.template;
        const literals = ts.isNoSubstitutionTemplateLiteral(template)
          ? [template.text]
          : [template.head.text, ...template.templateSpans.map((s) => s.literal.text)];
        if (!ts.isNoSubstitutionTemplateLiteral(template)) {
          template.templateSpans.forEach((span, i) => {
            const table = foreign(span.expression);
            if (table && SQL_WRITE_BEFORE.test(literals[i] ?? '')) report(span.expression, table, 'sql write');
          });
        }
        for (const literal of literals) {
          for (const m of literal.matchAll(SQL_WRITE_NAMED)) {
            const table = bySqlName.get((m[1] ?? '').toLowerCase());
            if (table && table.module !== own) report(node, table, `sql write to ${table.sqlName}`);
          }
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return violations;
}

/**
 * Cycles among the modules' load-time imports (value imports between non-test module files, through index.ts),
 * each as `a -> b -> a`. `import type` is erased and does not count; with verbatimModuleSyntax an
 * `import { type X }` still loads its target, so it does.
 */
export function moduleCycles(sources: Map<string, string>): string[] {
  const edges = new Map<string, Set<string>>();
  for (const [file, text] of sources) {
    const own = moduleOf(file);
    if (own === null || /\.test\.tsx?$/.test(file)) continue;
    for (const imp of importsOf(parse(file, text))) {
      const target = resolve(file, imp.spec);
      const targetModule = target === null ? null : moduleOf(target);
      if (imp.typeOnly || targetModule === null || targetModule === own) continue;
      if (!edges.has(own)) edges.set(own, new Set());
      edges.get(own)?.add(targetModule);
    }
  }
  const cycles = new Set<string>();
  const walk = (module: string, trail: string[]) => {
    const at = trail.indexOf(module);
    if (at >= 0) {
      const cycle = trail.slice(at);
      // One spelling per cycle: start at its alphabetically first module.
      const first = cycle.indexOf([...cycle].sort()[0] as string);
      const turned = [...cycle.slice(first), ...cycle.slice(0, first)];
      cycles.add([...turned, turned[0]].join(' -> '));
      return;
    }
    for (const next of [...(edges.get(module) ?? [])].sort()) walk(next, [...trail, module]);
  };
  for (const module of [...edges.keys()].sort()) walk(module, []);
  return [...cycles].sort();
}

export function readSources(): Map<string, string> {
  const sources = new Map<string, string>();
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'migrations' && entry.name !== 'node_modules') walk(full);
      } else if (/\.(ts|tsx)$/.test(entry.name)) {
        sources.set(path.relative(ROOT, full).split(path.sep).join('/'), fs.readFileSync(full, 'utf8'));
      }
    }
  };
  for (const tree of TREES) walk(path.join(ROOT, tree));
  return sources;
}

export const show = (violations: Violation[]) => violations.map((v) => `${v.file}:${v.line} ${v.target}`);
