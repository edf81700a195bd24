import { NotFoundException, PayloadTooLargeException } from '@nestjs/common';
import { describe, expect, it } from '@jest/globals';
import { DomainException, ErrorCode, fileTooLarge } from '#core';
import { restError } from './rest-exception.filter.js';

describe('restError', () => {
  it('answers domain errors with their status and the GraphQL error shape', () => {
    expect(
      restError(DomainException.badUserInput('Invalid id', [{ path: 'id', message: 'bad' }])),
    ).toEqual({
      status: 400,
      headers: {},
      body: {
        errors: [
          {
            message: 'Invalid id',
            extensions: { code: 'BAD_USER_INPUT', fields: [{ path: 'id', message: 'bad' }] },
          },
        ],
      },
    });
    const statuses = [
      [ErrorCode.Unauthenticated, 401],
      [ErrorCode.Forbidden, 403],
      [ErrorCode.NotFound, 404],
      [ErrorCode.Conflict, 409],
    ] as const;
    for (const [code, status] of statuses) {
      expect(restError(new DomainException(code, 'x')).status).toBe(status);
    }
  });

  it('answers a file over the limit with 413 and BAD_USER_INPUT', () => {
    const error = restError(fileTooLarge(1024));
    expect(error.status).toBe(413);
    expect(error.body.errors[0]).toEqual({
      message: 'The file is larger than the limit of 1024 bytes',
      extensions: {
        code: 'BAD_USER_INPUT',
        fields: [{ path: 'file', message: 'at most 1024 bytes' }],
      },
    });
    expect(restError(new PayloadTooLargeException()).body.errors[0]?.extensions.code).toBe(
      'BAD_USER_INPUT',
    );
  });

  it('tells a rate-limited client when to come back', () => {
    const error = restError(
      new DomainException(ErrorCode.RateLimited, 'Too many', { retryAfterSeconds: 30 }),
    );
    expect(error).toMatchObject({ status: 429, headers: { 'retry-after': '30' } });
    expect(error.body.errors[0]?.extensions).toEqual({
      code: 'RATE_LIMITED',
      retryAfterSeconds: 30,
    });
  });

  it('maps HTTP errors by status, and hides anything else behind a bare 500', () => {
    expect(restError(new NotFoundException('Cannot GET /files')).body.errors[0]).toEqual({
      message: 'Cannot GET /files',
      extensions: { code: 'NOT_FOUND' },
    });
    const internal = restError(new Error('connect ECONNREFUSED 10.0.0.5:5432 password=hunter2'));
    expect(internal.status).toBe(500);
    expect(JSON.stringify(internal.body)).not.toMatch(/ECONNREFUSED|hunter2/);
  });
});
