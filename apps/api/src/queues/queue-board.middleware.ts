import type { NextFunction, Request, Response } from 'express';
import { Injectable } from '@nestjs/common';
import { DomainException, Role } from '#core';
import { AuthenticationService, QueueBoardSessions } from '#identity';
import { enforceAccess, type AccessRule } from '../graphql/access/access-rule.js';
import { authenticateRestRequest, restRequestContext } from '../http/rest-access.guard.js';
import { restError } from '../http/rest-exception.filter.js';
import {
  QUEUE_BOARD_COOKIE,
  isCrossOriginWrite,
  readCookie,
  setQueueBoardHeaders,
} from './queue-board-http.js';
import { QueueBoard } from './queue-board.js';

/** Who may open the queue board: admins only (it shows and changes every organization's jobs). */
export const QUEUE_BOARD_ACCESS: AccessRule = { roles: [Role.Admin] };

/**
 * In front of everything under QUEUE_BOARD_PATH, the board's page, API and static files alike:
 * authenticates the request as REST routes do (an access token or API key in the headers) or,
 * without such a header, by the board's session cookie, refuses anyone but an admin, then hands
 * the request to Bull Board.
 */
@Injectable()
export class QueueBoardMiddleware {
  constructor(
    private readonly board: QueueBoard,
    private readonly authentication: AuthenticationService,
    private readonly sessions: QueueBoardSessions,
  ) {}

  async use(req: Request, res: Response, next: NextFunction): Promise<void> {
    setQueueBoardHeaders(res);
    try {
      await this.authorize(req);
    } catch (error) {
      const { status, body, headers } = restError(error);
      res.status(status).set(headers).json(body);
      return;
    }
    if (!this.board.app) {
      res.status(404).type('text/plain').send(this.board.unavailableNote);
      return;
    }
    this.board.app(req, res, next);
  }

  private async authorize(req: Request): Promise<void> {
    const cookie = readCookie(req.headers.cookie, QUEUE_BOARD_COOKIE);
    const byCookie =
      cookie !== undefined &&
      req.headers.authorization === undefined &&
      req.headers['x-api-key'] === undefined;
    const result = byCookie
      ? await this.sessions.authenticate(cookie, {
          requestId: String(req.id ?? ''),
          ip: req.ip ?? null,
        })
      : await authenticateRestRequest(this.authentication, req);
    enforceAccess(
      restRequestContext(req, result),
      result.ok ? null : result.reason,
      QUEUE_BOARD_ACCESS,
    );
    if (byCookie && isCrossOriginWrite(req)) {
      throw DomainException.forbidden('The queue board takes changes from its own pages only');
    }
  }
}
