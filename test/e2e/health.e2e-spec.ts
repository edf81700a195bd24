import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestDatabase, type TestDatabase } from '../utils/databases.js';
import { eventually } from '../utils/eventually.js';
import { TcpProxy } from '../utils/tcp-proxy.js';
import { startTestApp, type TestApp } from '../utils/test-app.js';

describe('health endpoints', () => {
  let database: TestDatabase;
  let proxy: TcpProxy;
  let t: TestApp;

  beforeAll(async () => {
    database = await createTestDatabase();
    const target = new URL(database.url);
    proxy = await new TcpProxy(target.hostname, Number(target.port || 5432)).start();
    target.port = String(proxy.port);
    t = await startTestApp({
      database: { ...database, url: target.toString() },
      backend: 'postgres',
      withWorker: false,
    });
  });

  afterAll(async () => {
    await proxy?.restore().catch(() => {});
    await t?.close();
    await proxy?.cut();
    await database?.drop();
  });

  const get = async (path: string) => {
    const response = await fetch(`${t.url}${path}`);
    const text = await response.text();
    try {
      return { status: response.status, body: JSON.parse(text) as Record<string, unknown> };
    } catch {
      throw new Error(`HTTP ${response.status}: ${text}`);
    }
  };

  it('is live and ready when the database and queue answer', async () => {
    expect((await get('/health/live')).status).toBe(200);
    const ready = await get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({
      status: 'ok',
      details: { database: { status: 'up' }, queue: { status: 'up', backend: 'postgres' } },
    });
  });

  it('is not ready (503) while the database is unreachable, and ready again after', async () => {
    await proxy.cut();

    const down = await get('/health/ready');
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({ status: 'error', details: { database: { status: 'down' } } });
    expect(JSON.stringify(down.body)).not.toMatch(/127\.0\.0\.1|ECONNREFUSED/);
    expect((await get('/health/live')).status).toBe(200);

    await proxy.restore();
    await eventually(async () => (await get('/health/ready')).status === 200, {
      what: 'ready again',
    });
  });
});
