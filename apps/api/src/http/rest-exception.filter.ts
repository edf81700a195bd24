import type { Response } from 'express';
import {
  Catch,
  HttpException,
  HttpStatus,
  Logger,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import { DomainException, ErrorCode, isFileTooLarge } from '#core';
import { HTTP_STATUS_CODES, domainExtensions } from '../graphql/error-formatter.js';

/** HTTP status of each code; exhaustive, so a new code must be mapped. */
function statusOf(code: ErrorCode): number {
  switch (code) {
    case ErrorCode.BadUserInput:
      return HttpStatus.BAD_REQUEST;
    case ErrorCode.Unauthenticated:
      return HttpStatus.UNAUTHORIZED;
    case ErrorCode.Forbidden:
      return HttpStatus.FORBIDDEN;
    case ErrorCode.NotFound:
      return HttpStatus.NOT_FOUND;
    case ErrorCode.Conflict:
      return HttpStatus.CONFLICT;
    case ErrorCode.RateLimited:
      return HttpStatus.TOO_MANY_REQUESTS;
    default: {
      const unmapped: never = code;
      throw new Error(`Unmapped error code ${String(unmapped)}`);
    }
  }
}

export interface RestError {
  readonly status: number;
  readonly body: {
    readonly errors: ReadonlyArray<{ message: string; extensions: Record<string, unknown> }>;
  };
  readonly headers: Record<string, string>;
}

const logger = new Logger('REST');

/**
 * The response of a failed REST request, in the GraphQL error shape (`{ errors: [{ message,
 * extensions: { code, fields? } }] }`): domain errors keep their message and code, a file over
 * the limit is 413 (code BAD_USER_INPUT), HTTP errors get the code of their status, anything
 * else is a 500 with no detail (logged with the request id).
 */
export function restError(exception: unknown): RestError {
  if (exception instanceof DomainException) {
    const status = isFileTooLarge(exception)
      ? HttpStatus.PAYLOAD_TOO_LARGE
      : statusOf(exception.code);
    const retryAfter = exception.details.retryAfterSeconds;
    return {
      status,
      body: { errors: [{ message: exception.message, extensions: domainExtensions(exception) }] },
      headers:
        exception.code === ErrorCode.RateLimited && retryAfter
          ? { 'retry-after': String(retryAfter) }
          : {},
    };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const code =
      status === HttpStatus.PAYLOAD_TOO_LARGE ? ErrorCode.BadUserInput : HTTP_STATUS_CODES[status];
    if (code) {
      return {
        status,
        body: { errors: [{ message: exception.message, extensions: { code } }] },
        headers: {},
      };
    }
  }
  const failure = exception instanceof Error ? exception : new Error(String(exception));
  logger.error(`Unexpected REST error: ${failure.message}`, failure.stack);
  return {
    status: HttpStatus.INTERNAL_SERVER_ERROR,
    body: {
      errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
    },
    headers: {},
  };
}

/** Answers REST routes' errors as JSON in the GraphQL error shape (see restError). */
@Catch()
export class RestExceptionFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    if (res.headersSent) {
      // A download that failed midway: the client must see a broken response, not a short one.
      logger.warn(`Response failed after its headers were sent: ${String(exception)}`);
      res.destroy();
      return;
    }
    const { status, body, headers } = restError(exception);
    res.status(status).set(headers).json(body);
  }
}
