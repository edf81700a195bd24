import { createPostgresBackend, createRedisBackend, withBackend } from 'bullmq';
import { Redis } from 'ioredis';
import type { AppConfig } from '../../config/app-config.js';
import type { QueueBackend } from '../queue-backend.js';
import { BullQueueBackend } from './bullmq.backend.js';
import { InlineQueueBackend } from './inline.backend.js';

/** The PostgreSQL schema that holds BullMQ's tables for a queue prefix. */
export function bullmqSchema(prefix: string): string {
  return `bullmq_${prefix}`;
}

/** Builds the backend QUEUE_BACKEND (or the automatic choice) names. */
export async function createQueueBackend(config: AppConfig): Promise<QueueBackend> {
  const { backend, redisUrl, prefix } = config.queue;
  switch (backend) {
    case 'redis': {
      // Producers fail fast while Redis is away (the outbox keeps the work); workers wait.
      const producer = new Redis(redisUrl!, { maxRetriesPerRequest: 1, enableOfflineQueue: false });
      const worker = new Redis(redisUrl!, { maxRetriesPerRequest: null });
      for (const client of [producer, worker]) client.on('error', () => {});
      return new BullQueueBackend({
        kind: 'redis',
        classes: withBackend(createRedisBackend),
        producerConnection: producer,
        workerConnection: worker,
        prefix,
        lockDurationMs: config.queue.lockDurationMs,
        closeConnections: async () => {
          producer.disconnect();
          worker.disconnect();
        },
      });
    }
    case 'postgres': {
      const database = config.database;
      if (database.mode !== 'external')
        throw new Error('The postgres queue backend needs DATABASE_URL');
      // BullMQ builds (and owns) its pools from this; `schema` namespaces the queues and
      // `migrate` creates or upgrades BullMQ's tables under its own advisory lock.
      const connection = (max: number) => ({
        connectionString: database.url,
        schema: bullmqSchema(prefix),
        migrate: true,
        max,
        keepAlive: true,
        application_name: 'assay-queue',
      });
      return new BullQueueBackend({
        kind: 'postgres',
        classes: withBackend(createPostgresBackend),
        producerConnection: connection(4),
        workerConnection: connection(config.queue.concurrency + 2),
        lockDurationMs: config.queue.lockDurationMs,
        closeConnections: async () => {},
      });
    }
    case 'inline':
      return new InlineQueueBackend();
  }
}
