import { describe, expect, it } from '@jest/globals';
import { Injectable } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig } from '../config/app-config.js';
import type { RequestContext } from '../context/request-context.js';
import { JobRegistry, REQUIRE_EVERY_JOB_HANDLER } from '../queue/job-registry.js';
import { JobName, type JobDelivery, type JobPayloads } from '../queue/job.types.js';
import { OnJob } from '../queue/on-job.decorator.js';
import { Metrics } from './metrics.js';

/** Completes, fails, or (for `abort`) fails because its delivery was aborted, as on shutdown. */
@Injectable()
class CheckHandler {
  @OnJob(JobName.PipelineCheck)
  async check(
    _ctx: RequestContext,
    data: JobPayloads[JobName.PipelineCheck],
    delivery: JobDelivery,
  ): Promise<void> {
    if (data.checkId === 'fail') throw new Error('handler failed');
    if (data.checkId === 'abort') {
      await new Promise((_, reject) =>
        delivery.signal.addEventListener('abort', () => reject(new Error('aborted'))),
      );
    }
  }
}

describe('job metrics', () => {
  it('records every delivery the registry dispatches, by queue, job and outcome', async () => {
    const module = await Test.createTestingModule({
      imports: [DiscoveryModule, LoggerModule.forRoot({ pinoHttp: { level: 'silent' } })],
      providers: [
        JobRegistry,
        Metrics,
        CheckHandler,
        { provide: AppConfig, useValue: AppConfig.load({}) },
        { provide: REQUIRE_EVERY_JOB_HANDLER, useValue: false },
      ],
    }).compile();
    await module.init();
    const registry = module.get(JobRegistry);
    const dispatch = (checkId: string, controller = new AbortController()) =>
      registry.dispatch(
        JobName.PipelineCheck,
        { checkId },
        { id: checkId, name: JobName.PipelineCheck, attempt: 1, signal: controller.signal },
      );

    await dispatch('ok');
    await dispatch('ok');
    await expect(dispatch('fail')).rejects.toThrow('handler failed');
    const shutdown = new AbortController();
    const running = dispatch('abort', shutdown);
    shutdown.abort();
    await expect(running).rejects.toThrow('aborted');

    const exposition = await module.get(Metrics).exposition();
    const labels = (outcome: string) =>
      `{queue="system",job="system.pipeline-check",outcome="${outcome}"}`;
    expect(exposition).toContain(`assay_jobs_total${labels('completed')} 2`);
    expect(exposition).toContain(`assay_jobs_total${labels('failed')} 1`);
    expect(exposition).toContain(`assay_jobs_total${labels('aborted')} 1`);
    expect(exposition).toContain(`assay_job_duration_seconds_count${labels('completed')} 2`);
    await module.close();
  });
});
