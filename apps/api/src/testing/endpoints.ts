import type { INestApplication } from '@nestjs/common';
import type { Permission } from '@ledger/auth';

/** Who may call an endpoint: no token at all, or the permission a role must hold (SPEC §7). */
export type Access = 'public' | Permission;

export interface Endpoint {
  readonly method: 'GET' | 'POST';
  /** The route as Express registered it, with `:param` placeholders. */
  readonly path: string;
  readonly access: Access;
}

/**
 * Every endpoint of the api with the access it requires: the one list the access matrix and the
 * hostile-input tests walk. `registeredRoutes` reads what the app really serves, and a test holds
 * the two equal, so a new route cannot escape either test.
 */
export const ENDPOINTS: readonly Endpoint[] = [
  // Commands: record facts
  { method: 'POST', path: '/programmes', access: 'record' },
  { method: 'POST', path: '/programmes/:programmeId/targets', access: 'record' },
  { method: 'POST', path: '/programmes/:programmeId/close', access: 'record' },
  { method: 'POST', path: '/programmes/:programmeId/innovators', access: 'record' },
  { method: 'POST', path: '/innovators/:innovatorId/withdraw', access: 'record' },
  { method: 'POST', path: '/innovators/:innovatorId/income', access: 'record' },
  { method: 'POST', path: '/innovators/:innovatorId/forecasts', access: 'record' },
  { method: 'POST', path: '/partners', access: 'record' },
  { method: 'POST', path: '/grants', access: 'record' },
  { method: 'POST', path: '/grants/:grantId/payments', access: 'record' },
  { method: 'POST', path: '/grants/:grantId/revoke', access: 'record' },
  { method: 'POST', path: '/introductions', access: 'record' },
  { method: 'POST', path: '/introductions/:introductionId/close', access: 'record' },
  { method: 'POST', path: '/partnerships', access: 'record' },
  { method: 'POST', path: '/partnerships/:partnershipId/end', access: 'record' },
  { method: 'POST', path: '/projects', access: 'record' },
  // Commands: corrections and voids, forgetting a person
  { method: 'POST', path: '/grants/:grantId/corrections', access: 'correct' },
  { method: 'POST', path: '/grants/:grantId/void', access: 'correct' },
  { method: 'POST', path: '/introductions/:introductionId/void', access: 'correct' },
  { method: 'POST', path: '/partnerships/:partnershipId/void', access: 'correct' },
  { method: 'POST', path: '/people/:personId/forget', access: 'forget' },
  // Operations
  { method: 'POST', path: '/admin/projections/rebuild', access: 'rebuild' },
  { method: 'POST', path: '/admin/projections/:name/rebuild', access: 'rebuild' },
  { method: 'POST', path: '/audit/seals', access: 'report' },
  // Queries, reports, exports, verification
  { method: 'GET', path: '/', access: 'read' },
  { method: 'GET', path: '/streams/:stream', access: 'read' },
  { method: 'GET', path: '/grants', access: 'read' },
  { method: 'GET', path: '/grants/:grantId', access: 'read' },
  { method: 'GET', path: '/innovators', access: 'read' },
  { method: 'GET', path: '/innovators/:innovatorId', access: 'read' },
  { method: 'GET', path: '/programmes/:programmeId/funnel', access: 'read' },
  { method: 'GET', path: '/programmes/:programmeId/reports/impact', access: 'read' },
  { method: 'GET', path: '/programmes/:programmeId/exports/360giving', access: 'read' },
  { method: 'GET', path: '/audit/events', access: 'read' },
  { method: 'GET', path: '/audit/history', access: 'read' },
  { method: 'GET', path: '/audit/streams/:stream', access: 'read' },
  { method: 'GET', path: '/audit/verify', access: 'read' },
  { method: 'GET', path: '/audit/seals', access: 'read' },
  { method: 'GET', path: '/audit/seals/:sealNumber', access: 'read' },
  { method: 'GET', path: '/projections', access: 'read' },
  // No token: probes, scrapes, the sign-in page and the OpenAPI description
  { method: 'GET', path: '/health', access: 'public' },
  { method: 'GET', path: '/health/live', access: 'public' },
  { method: 'GET', path: '/health/ready', access: 'public' },
  { method: 'GET', path: '/metrics', access: 'public' },
  { method: 'GET', path: '/favicon.ico', access: 'public' },
  { method: 'GET', path: '/sign-in', access: 'public' },
  { method: 'POST', path: '/sign-in', access: 'public' },
  { method: 'POST', path: '/sign-out', access: 'public' },
  { method: 'GET', path: '/docs', access: 'public' },
  // The same Swagger UI page: Express serves it under /docs/ too.
  { method: 'GET', path: '/docs/', access: 'public' },
  { method: 'GET', path: '/docs-json', access: 'public' },
  { method: 'GET', path: '/docs-yaml', access: 'public' },
];

interface ExpressLayer {
  readonly route?: { readonly path: string; readonly methods: Readonly<Record<string, boolean>> };
}

/**
 * The routes the app serves, as `METHOD /path`, read from Express's router. The Swagger UI's static
 * files under `/docs/` are left out: they are the same public page as `/docs`.
 */
export function registeredRoutes(app: INestApplication): string[] {
  const express = app.getHttpAdapter().getInstance() as { router: { stack: readonly ExpressLayer[] } };
  return express.router.stack
    .flatMap((layer) =>
      layer.route
        ? Object.keys(layer.route.methods).map((method) => `${method.toUpperCase()} ${layer.route?.path}`)
        : [],
    )
    .filter((route) => !/^GET \/docs\/./.test(route));
}

/** `ENDPOINTS` in the same `METHOD /path` form as `registeredRoutes`. */
export function catalogueRoutes(): string[] {
  return ENDPOINTS.map((endpoint) => `${endpoint.method} ${endpoint.path}`);
}

/**
 * The headings of `ENDPOINTS`, each naming the endpoint it starts at (`METHOD /path`): a group runs
 * to the next heading, so an endpoint added to the list falls in the group it is written in.
 */
export const ENDPOINT_GROUPS: readonly { readonly title: string; readonly from: string }[] = [
  { title: 'Commands: record facts', from: 'POST /programmes' },
  {
    title: 'Commands: corrections, voids, forgetting a person',
    from: 'POST /grants/:grantId/corrections',
  },
  { title: 'Operations', from: 'POST /admin/projections/rebuild' },
  { title: 'Queries, reports, exports, verification', from: 'GET /' },
  { title: 'No token needed: probes, metrics, sign-in, OpenAPI', from: 'GET /health' },
];

/** `ENDPOINTS` under their headings, in order. Throws when a heading names no endpoint or comes out of order. */
export function endpointGroups(): { title: string; endpoints: Endpoint[] }[] {
  const routes = catalogueRoutes();
  const starts = ENDPOINT_GROUPS.map((group) => {
    const start = routes.indexOf(group.from);
    if (start < 0)
      throw new Error(`ENDPOINT_GROUPS: "${group.title}" starts at ${group.from}, not in ENDPOINTS`);
    return start;
  });
  if (starts[0] !== 0 || starts.some((start, i) => i > 0 && start <= (starts[i - 1] ?? 0))) {
    throw new Error(`ENDPOINT_GROUPS must start at the first endpoint and follow ENDPOINTS' order`);
  }
  return ENDPOINT_GROUPS.map((group, i) => ({
    title: group.title,
    endpoints: ENDPOINTS.slice(starts[i], starts[i + 1] ?? ENDPOINTS.length),
  }));
}
