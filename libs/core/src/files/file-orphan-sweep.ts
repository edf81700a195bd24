import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Clock } from '../clock/clock.js';
import type { RequestContext } from '../context/request-context.js';
import { JobRegistry } from '../queue/job-registry.js';
import { JobName } from '../queue/job.types.js';
import { OnJob } from '../queue/on-job.decorator.js';
import { FileService } from './file.service.js';

/** How long an upload may stay unattached before the sweep removes it. */
export const ORPHAN_AGE_MS = 24 * 60 * 60 * 1000;

/** Hourly: removes uploads nobody attached within a day, and their unreferenced blobs. */
@Injectable()
export class FileOrphanSweep implements OnModuleInit {
  constructor(
    private readonly files: FileService,
    private readonly registry: JobRegistry,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.registry.addSchedule({
      id: 'file-orphan-sweep',
      name: JobName.FileOrphanSweep,
      cron: '41 * * * *',
    });
  }

  @OnJob(JobName.FileOrphanSweep)
  async sweep(ctx: RequestContext): Promise<void> {
    await this.files.sweepOrphans(ctx, new Date(this.clock.now().getTime() - ORPHAN_AGE_MS));
  }
}
