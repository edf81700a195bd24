import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { Injectable } from '@nestjs/common';
import type { RequestHandler } from 'express';
import { AppConfig, BullQueueBackend, QueueBackend, QueueName } from '#core';
import { QUEUE_BOARD_PATH } from './queue-board-http.js';

/**
 * Bull Board over every queue of QueueName, on the queues the backend itself uses (same Redis
 * connection and key prefix). Only for BullMQ on Redis: the inline backend has nothing to show
 * and the board's Redis views do not apply to BullMQ on PostgreSQL. Never with open sign-up:
 * the queues hold every organization's jobs, and there anyone can be an organization's admin.
 */
@Injectable()
export class QueueBoard {
  /** Bull Board's Express app, relative to QUEUE_BOARD_PATH; null when there is no board. */
  readonly app: RequestHandler | null;
  /** Why there is no board (plain text), for the admin who opens it anyway. */
  readonly unavailableNote: string;

  constructor(backend: QueueBackend, config: AppConfig) {
    const onRedis = backend instanceof BullQueueBackend && backend.kind === 'redis';
    this.app = onRedis && !config.signUpEnabled ? createBoard(backend, config.queue.prefix) : null;
    this.unavailableNote = config.signUpEnabled
      ? "The queue board is off while SIGNUP_ENABLED=true: it would show every organization's" +
        ' jobs to the admin of any organization. The queueStats GraphQL query still works.\n'
      : `The queue board needs QUEUE_BACKEND=redis; jobs here run on the ${backend.kind}` +
        ' backend. The queueStats GraphQL query works on every backend.\n';
  }
}

function createBoard(backend: BullQueueBackend, prefix: string): RequestHandler {
  const server = new ExpressAdapter().setBasePath(QUEUE_BOARD_PATH);
  createBullBoard({
    queues: Object.values(QueueName).map(
      (name) =>
        new BullMQAdapter(backend.bullQueue(name), { description: `Redis key prefix ${prefix}` }),
    ),
    serverAdapter: server,
    options: { uiConfig: { boardTitle: 'Assay queues' } },
  });
  const app = server.getRouter() as RequestHandler & { disable(setting: string): unknown };
  app.disable('x-powered-by');
  return app;
}
