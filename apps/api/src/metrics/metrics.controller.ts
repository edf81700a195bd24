import type { NextFunction, Request, Response } from 'express';
import { Controller, Get, Next, Req, Res } from '@nestjs/common';
import { AppConfig, Metrics, ScrapeGuard, serveMetrics } from '#core';

/**
 * Prometheus's scrape target. Not a route at all (the usual 404) while METRICS_TOKEN is unset;
 * otherwise only a bearer of that token gets in (401 with no body for anyone else, and 429 for
 * an address that guessed wrong too often).
 */
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: Metrics,
    private readonly config: AppConfig,
    private readonly guard: ScrapeGuard,
  ) {}

  @Get()
  async scrape(
    @Req() req: Request,
    @Res() res: Response,
    @Next() next: NextFunction,
  ): Promise<void> {
    await serveMetrics(this.metrics, this.config.metrics.token, this.guard, req, res, () => next());
  }
}
