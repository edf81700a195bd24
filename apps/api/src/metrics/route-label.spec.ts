import { describe, expect, it } from '@jest/globals';
import { UNMATCHED_ROUTE, routeLabel } from './route-label.js';

const MOUNTS = ['/graphql', '/admin/queues'];

describe('routeLabel', () => {
  it("is the pattern of the route that answered, never the request's path", () => {
    expect(routeLabel('/files/RmlsZTo1?download=1', '/files/:id', MOUNTS)).toBe('/files/:id');
    expect(routeLabel('/health/ready', '/health/ready', MOUNTS)).toBe('/health/ready');
  });

  it('is unmatched when no route answered, whatever the path', () => {
    expect(routeLabel('/wp-login.php', undefined, MOUNTS)).toBe(UNMATCHED_ROUTE);
    expect(routeLabel('/files', { not: 'a path' }, MOUNTS)).toBe(UNMATCHED_ROUTE);
    expect(routeLabel('/nothing/here', '{/*splat}', MOUNTS)).toBe(UNMATCHED_ROUTE);
    expect(routeLabel(undefined, undefined, MOUNTS)).toBe(UNMATCHED_ROUTE);
  });

  it("folds a mounted app's own routes into <mount>/* but keeps the API's routes there", () => {
    expect(routeLabel('/admin/queues/api/queues', '/api/queues', MOUNTS)).toBe('/admin/queues/*');
    expect(routeLabel('/admin/queues/static/app.js', undefined, MOUNTS)).toBe('/admin/queues/*');
    expect(routeLabel('/admin/queues', undefined, MOUNTS)).toBe('/admin/queues');
    expect(routeLabel('/graphql?query=%7B', undefined, MOUNTS)).toBe('/graphql');
    expect(routeLabel('/graphql/anything', undefined, MOUNTS)).toBe('/graphql/*');
    expect(routeLabel('/admin/queues/session', '/admin/queues/session', MOUNTS)).toBe(
      '/admin/queues/session',
    );
    expect(routeLabel('/admin/queuesx', '/admin/queuesx', MOUNTS)).toBe('/admin/queuesx');
  });
});
