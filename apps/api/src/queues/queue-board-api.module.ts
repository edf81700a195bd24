import type { Application } from 'express';
import { Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { IdentityModule } from '#identity';
import { RestAccessGuard } from '../http/rest-access.guard.js';
import { QUEUE_BOARD_PATH } from './queue-board-http.js';
import { QueueBoardSessionController } from './queue-board-session.controller.js';
import { QueueBoardMiddleware } from './queue-board.middleware.js';
import { QueueBoard } from './queue-board.js';

/** Bull Board at /admin/queues for admins, and the session cookie a browser opens it with. */
@Module({
  imports: [IdentityModule],
  controllers: [QueueBoardSessionController],
  providers: [QueueBoard, QueueBoardMiddleware, RestAccessGuard],
})
export class QueueBoardApiModule implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly middleware: QueueBoardMiddleware,
  ) {}

  /**
   * Mounts the board as Express mounts an app (paths relative to QUEUE_BOARD_PATH). Nest calls
   * this after registering its middleware (request ids, request logs) and routes (the session
   * controller), and before its 404 handler.
   */
  onModuleInit(): void {
    const app = this.adapterHost.httpAdapter?.getInstance<Application>();
    app?.use(QUEUE_BOARD_PATH, (req, res, next) => {
      void this.middleware.use(req, res, next);
    });
  }
}
