/** The route label of requests no route matched (404s, scans): never the path itself. */
export const UNMATCHED_ROUTE = 'unmatched';

/**
 * The route label of a request: the pattern of the route that answered it (`/files/:id`), never
 * the path, which holds ids and anything a client sends. Handlers mounted on a path (Apollo on
 * `/graphql`, Bull Board on `/admin/queues`) have no route of the app, or routes relative to
 * the mount: the mount itself is `<mount>`, everything under it `<mount>/*`, except the API's own
 * routes there.
 */
export function routeLabel(
  originalUrl: string | undefined,
  routePath: unknown,
  mounts: readonly string[],
): string {
  const path = (originalUrl ?? '').split('?', 1)[0]!;
  // Nest registers middleware as catch-all routes (`{/*splat}`): such a route answered nothing.
  const route = typeof routePath === 'string' && !routePath.includes('*') ? routePath : null;
  for (const mount of mounts) {
    if (path === mount) return mount;
    if (path.startsWith(`${mount}/`)) {
      return route?.startsWith(`${mount}/`) ? route : `${mount}/*`;
    }
  }
  return route ?? UNMATCHED_ROUTE;
}
