import type { Request, Response } from 'express';
import {
  Controller,
  Delete,
  HttpCode,
  HttpStatus,
  Post,
  Req,
  Res,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import type { RequestContext } from '#core';
import { QUEUE_BOARD_SESSION_TTL_SECONDS, QueueBoardSessions } from '#identity';
import { Allow } from '../graphql/access/access-rule.js';
import { RestAccessGuard } from '../http/rest-access.guard.js';
import { RestCtx } from '../http/rest-context.js';
import { RestExceptionFilter } from '../http/rest-exception.filter.js';
import {
  QUEUE_BOARD_COOKIE,
  QUEUE_BOARD_PATH,
  queueBoardCookieOptions,
} from './queue-board-http.js';
import { QUEUE_BOARD_ACCESS } from './queue-board.middleware.js';

export interface QueueBoardSessionResponse {
  readonly expiresAt: string;
}

/**
 * `POST /admin/queues/session`: an admin's access token (the Authorization header, never the
 * cookie itself) for a short session cookie that lets a browser open the board.
 * `DELETE` forgets the cookie.
 */
@Controller(`${QUEUE_BOARD_PATH}/session`)
@UseGuards(RestAccessGuard)
@UseFilters(RestExceptionFilter)
export class QueueBoardSessionController {
  constructor(private readonly sessions: QueueBoardSessions) {}

  @Allow(QUEUE_BOARD_ACCESS)
  @Post()
  @HttpCode(HttpStatus.OK)
  async open(
    @RestCtx() ctx: RequestContext,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<QueueBoardSessionResponse> {
    const session = await this.sessions.open(ctx);
    res.set('cache-control', 'no-store');
    res.cookie(
      QUEUE_BOARD_COOKIE,
      session.token,
      queueBoardCookieOptions(req, QUEUE_BOARD_SESSION_TTL_SECONDS * 1000),
    );
    return { expiresAt: session.expiresAt.toISOString() };
  }

  @Allow({ public: true })
  @Delete()
  @HttpCode(HttpStatus.NO_CONTENT)
  close(@Req() req: Request, @Res({ passthrough: true }) res: Response): void {
    res.clearCookie(QUEUE_BOARD_COOKIE, queueBoardCookieOptions(req));
  }
}
