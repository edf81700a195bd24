import { HttpException, Logger } from '@nestjs/common';
import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import { DomainException, ErrorCode } from '#core';

/** Codes Apollo and graphql-js set for request problems; they are safe to pass on. */
const REQUEST_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

/** The code of an HTTP exception's status, for those that have one. */
export const HTTP_STATUS_CODES: Readonly<Record<number, ErrorCode>> = {
  400: ErrorCode.BadUserInput,
  401: ErrorCode.Unauthenticated,
  403: ErrorCode.Forbidden,
  404: ErrorCode.NotFound,
  409: ErrorCode.Conflict,
  429: ErrorCode.RateLimited,
};

const logger = new Logger('GraphQL');

/** The client-facing extensions of a domain error; exhaustive, so a new code must be mapped. */
export function domainExtensions(error: DomainException): Record<string, unknown> {
  switch (error.code) {
    case ErrorCode.BadUserInput:
      return { code: error.code, fields: error.details.fields ?? [] };
    case ErrorCode.RateLimited:
      return { code: error.code, retryAfterSeconds: error.details.retryAfterSeconds };
    case ErrorCode.Conflict:
      return {
        code: error.code,
        ...(error.details.current === undefined ? {} : { current: error.details.current }),
        ...(error.details.fields === undefined ? {} : { fields: error.details.fields }),
      };
    case ErrorCode.Unauthenticated:
    case ErrorCode.Forbidden:
    case ErrorCode.NotFound:
      return { code: error.code };
    default: {
      const unmapped: never = error.code;
      throw new Error(`Unmapped error code ${String(unmapped)}`);
    }
  }
}

/**
 * Apollo's formatError: domain errors keep their message and code, request errors keep theirs,
 * everything else becomes INTERNAL_SERVER_ERROR with no detail (logged in full with the
 * request id). No stack trace, SQL or internal id reaches a client.
 */
export function formatGraphqlError(
  formatted: GraphQLFormattedError,
  error: unknown,
): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  const where = { locations: formatted.locations, path: formatted.path };
  if (original instanceof DomainException) {
    return { message: original.message, ...where, extensions: domainExtensions(original) };
  }
  if (original instanceof HttpException && HTTP_STATUS_CODES[original.getStatus()]) {
    return {
      message: original.message,
      ...where,
      extensions: { code: HTTP_STATUS_CODES[original.getStatus()] },
    };
  }
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && REQUEST_ERROR_CODES.has(code) && !formatted.path) {
    return { message: formatted.message, locations: formatted.locations, extensions: { code } };
  }
  // Message and stack only, as strings: a database error also carries the statement and its
  // parameters, which hold personal data and sealed tokens, and pino would log them all.
  const failure = original instanceof Error ? original : new Error(String(original));
  logger.error(`Unexpected GraphQL error: ${failure.message}`, failure.stack);
  return {
    message: 'Internal server error',
    path: formatted.path,
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
}
