import { beforeAll, describe, expect, it } from '@jest/globals';
import { Logger, type LoggerService } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { GraphQLError } from 'graphql';
import { DomainException, ErrorCode } from '#core';
import { formatGraphqlError } from './error-formatter.js';

const at = { path: ['vendor'], locations: [{ line: 1, column: 3 }] };

function resolverError(original: Error): GraphQLError {
  return new GraphQLError(original.message, { path: at.path, originalError: original });
}

describe('formatGraphqlError', () => {
  beforeAll(() => Logger.overrideLogger(false));

  it('keeps the message and code of a domain error, with the offending fields', () => {
    const error = DomainException.badUserInput('Invalid input', [
      { path: 'input.name', message: 'required' },
    ]);
    expect(formatGraphqlError({ message: error.message, ...at }, resolverError(error))).toEqual({
      message: 'Invalid input',
      ...at,
      extensions: { code: 'BAD_USER_INPUT', fields: [{ path: 'input.name', message: 'required' }] },
    });
  });

  it.each(Object.values(ErrorCode))('maps %s to the same extensions.code', (code) => {
    const error = new DomainException(code, 'x');
    expect(formatGraphqlError({ message: 'x' }, resolverError(error)).extensions?.code).toBe(code);
  });

  it('replaces anything unexpected by INTERNAL_SERVER_ERROR without detail', () => {
    const leak = new Error(
      'duplicate key value violates unique constraint "vendor_pkey" SELECT * FROM vendor',
    );
    const formatted = formatGraphqlError(
      {
        message: leak.message,
        ...at,
        extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['at x'] },
      },
      resolverError(leak),
    );
    expect(formatted).toEqual({
      message: 'Internal server error',
      path: at.path,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
  });

  it('passes request errors through with their code only', () => {
    const formatted = formatGraphqlError(
      {
        message: 'Syntax Error: Expected Name',
        extensions: { code: 'GRAPHQL_PARSE_FAILED', stacktrace: ['at y'] },
      },
      new GraphQLError('Syntax Error: Expected Name'),
    );
    expect(formatted).toEqual({
      message: 'Syntax Error: Expected Name',
      extensions: { code: 'GRAPHQL_PARSE_FAILED' },
    });
  });

  it('logs an unexpected error without the parameters of its statement', () => {
    const logged: string[] = [];
    const capture: LoggerService = {
      log: () => {},
      warn: () => {},
      error: (...parts: unknown[]) => {
        // An object would be serialized whole by the real logger: only text may go out.
        for (const part of parts)
          if (typeof part !== 'string') logged.push(JSON.stringify(part) ?? 'object');
        logged.push(parts.filter((part) => typeof part === 'string').join(' '));
      },
    };
    Logger.overrideLogger(capture);
    try {
      const failure = new QueryFailedError(
        'INSERT INTO email_message VALUES ($1, $2)',
        ['dana@example.com', 'v1.sealed'],
        new Error('boom'),
      );
      formatGraphqlError({ message: 'boom', path: ['x'] }, resolverError(failure));
    } finally {
      Logger.overrideLogger(false);
    }
    expect(logged.join('\n')).toContain('boom');
    expect(logged.join('\n')).not.toMatch(/dana@example.com|v1\.sealed|INSERT INTO/);
  });
});
