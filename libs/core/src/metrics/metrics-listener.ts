import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import { Metrics } from './metrics.js';
import { serveMetrics } from './metrics-endpoint.js';
import { ScrapeGuard } from './scrape-guard.js';

/**
 * `/metrics` of a process with no HTTP server of its own (the worker), on WORKER_METRICS_HOST
 * and WORKER_METRICS_PORT, behind the same METRICS_TOKEN as the API's. Off when the port is
 * unset. It stays up while running jobs drain at shutdown, and closes last.
 */
@Injectable()
export class MetricsListener implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Metrics');
  private server: Server | null = null;

  constructor(
    private readonly config: AppConfig,
    private readonly metrics: Metrics,
    private readonly guard: ScrapeGuard,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { token, listener } = this.config.metrics;
    if (!listener || !token) return;
    const server = createServer((req, res) => {
      const notFound = () => {
        res.statusCode = 404;
        res.end();
      };
      const path = (req.url ?? '').split('?', 1)[0];
      if (path !== '/metrics') return notFound();
      void serveMetrics(this.metrics, token, this.guard, req, res, notFound);
    });
    // Scrapers keep connections open; they must not hold shutdown up.
    server.keepAliveTimeout = 5_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(listener.port, listener.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    const { port } = server.address() as AddressInfo;
    const host = listener.host.includes(':') ? `[${listener.host}]` : listener.host;
    this.logger.log(`Metrics on http://${host}:${port}/metrics`);
  }

  /** The port listened on (useful when WORKER_METRICS_PORT is 0); null when off. */
  get port(): number | null {
    const address = this.server?.address();
    return address && typeof address === 'object' ? address.port : null;
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }
}
