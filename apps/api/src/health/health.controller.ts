import { Controller, Get, Logger } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { DataSource } from 'typeorm';
import { QueueBackend } from '#core';

const CHECK_TIMEOUT_MS = 2_000;

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    work,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** Liveness (the process answers) and readiness (the database and the queue backend answer). */
@Controller('health')
export class HealthController {
  private readonly logger = new Logger(HealthController.name);

  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly dataSource: DataSource,
    private readonly queue: QueueBackend,
  ) {}

  @Get('live')
  @HealthCheck()
  live() {
    return this.health.check([]);
  }

  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check([
      () => this.probe('database', () => this.dataSource.query('SELECT 1')),
      () => this.probe('queue', () => this.queue.ping(), { backend: this.queue.kind }),
    ]);
  }

  private async probe(
    name: string,
    check: () => Promise<unknown>,
    details: Record<string, string> = {},
  ) {
    const indicator = this.indicators.check(name);
    try {
      await withTimeout(check(), CHECK_TIMEOUT_MS);
      return indicator.up(details);
    } catch (error) {
      // The reason stays in the log: it names hosts and ports.
      this.logger.warn(`Readiness: ${name} is down: ${(error as Error).message}`);
      return indicator.down(details);
    }
  }
}
