import type { FastifyInstance } from 'fastify';

/**
 * Every route the app registered, as 'METHOD /path', read from Fastify's own route tree (`printRoutes`), so that a
 * route added anywhere shows up here without anyone listing it. HEAD is left out where Fastify adds it to a GET.
 */
export function registeredRoutes(app: FastifyInstance): string[] {
  const tree = app.printRoutes({ commonPrefix: false });
  const prefixes: string[] = [];
  const found: string[] = [];
  for (const line of tree.split('\n')) {
    const m = /^((?:│ {3}| {4})*)(?:├── |└── )(.+?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!m) continue;
    const depth = (m[1] ?? '').length / 4;
    const path = (prefixes[depth - 1] ?? '') + (m[2] ?? '');
    prefixes[depth] = path;
    prefixes.length = depth + 1;
    const methods = (m[3] ?? '').split(', ').filter(Boolean);
    for (const method of methods) {
      if (method === 'HEAD' && methods.includes('GET')) continue;
      found.push(`${method} ${path}`);
    }
  }
  return [...new Set(found)].sort();
}
