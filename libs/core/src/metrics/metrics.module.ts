import { Global, Module } from '@nestjs/common';
import { Metrics } from './metrics.js';
import { PlatformGauges } from './platform-gauges.js';

/** The application's metrics registry, and the gauges read at scrape time. */
@Global()
@Module({
  providers: [Metrics, PlatformGauges],
  exports: [Metrics],
})
export class MetricsModule {}
