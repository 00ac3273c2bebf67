import type { FastifyInstance } from 'fastify';

/**
 * Every route the app registered, as 'METHOD /path', read from Fastify's own route tree (`printRoutes`), so that a
 * route added anywhere shows up here without anyone listing it. HEAD is left out where Fastify adds it to a GET.
 * Routes sharing a parameter's place under other names (`/api/campaigns/:id` and `/api/campaigns/:campaignId/…`)
 * share one node, which the tree prints as `:id|:campaignId`: each such path is looked up to name its own.
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
      found.push(`${method} ${path.includes('|') ? ownNames(app, method, path) : path}`);
    }
  }
  return [...new Set(found)].sort();
}

/** The path with the parameter names of the one route registered for it (the tree prints every name of a node). */
function ownNames(app: FastifyInstance, method: string, path: string): string {
  const segments = path.split('/');
  const probe = segments.map((s, i) => (s.startsWith(':') ? `__p${i}__` : s)).join('/');
  const params = (app.findRoute({ method: method as 'GET', url: probe })?.params ?? {}) as Record<string, string>;
  const nameAt = new Map(Object.entries(params).map(([name, value]) => [value, name]));
  return segments.map((s, i) => (s.startsWith(':') ? `:${nameAt.get(`__p${i}__`) ?? s}` : s)).join('/');
}
