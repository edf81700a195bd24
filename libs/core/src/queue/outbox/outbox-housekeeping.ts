import { Injectable, type OnModuleInit } from '@nestjs/common';
import { AppConfig } from '../../config/app-config.js';
import type { RequestContext } from '../../context/request-context.js';
import { TransactionalConnection } from '../../database/transactional-connection.js';
import { JobRegistry } from '../job-registry.js';
import { JobName } from '../job.types.js';
import { OnJob } from '../on-job.decorator.js';

/** Deletes dispatched outbox rows after OUTBOX_RETENTION_DAYS, hourly. */
@Injectable()
export class OutboxHousekeeping implements OnModuleInit {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly registry: JobRegistry,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.registry.addSchedule({
      id: 'outbox-cleanup',
      name: JobName.OutboxCleanup,
      cron: '17 * * * *',
    });
  }

  @OnJob(JobName.OutboxCleanup)
  async cleanUp(ctx: RequestContext): Promise<void> {
    await this.connection.transaction(ctx, async (tx) =>
      (await this.connection.manager(tx)).query(
        `DELETE FROM outbox_message WHERE dispatched_at < now() - make_interval(days => $1)`,
        [this.config.queue.outboxRetentionDays],
      ),
    );
  }
}
