import { Catch, type ArgumentsHost } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';

/**
 * GraphQL: hands every resolver error to Apollo unchanged, where formatGraphqlError maps it
 * (otherwise Nest logs expected client errors as server errors). HTTP routes keep Nest's JSON
 * error responses.
 */
@Catch()
export class GraphqlExceptionFilter extends BaseExceptionFilter {
  override catch(exception: unknown, host: ArgumentsHost): unknown {
    if (host.getType<string>() === 'graphql') return exception;
    return super.catch(exception, host);
  }
}
