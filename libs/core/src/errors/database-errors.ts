import { QueryFailedError } from 'typeorm';
import { DomainException, ErrorCode } from './domain.exception.js';

interface PgDriverError {
  code?: string;
  constraint?: string;
}

/** PostgreSQL SQLSTATEs that mean "someone else changed this first": retry or report CONFLICT. */
const CONCURRENCY_STATES = new Set(['40001', '40P01', '55P03']);

/**
 * Translates a PostgreSQL failure that a client caused (a duplicate, a concurrent writer) into a
 * DomainException; returns the error unchanged when it is a fault of ours.
 */
export function translateDatabaseError(error: unknown): unknown {
  if (!(error instanceof QueryFailedError)) return error;
  const driverError = error.driverError as PgDriverError | undefined;
  const state = driverError?.code;
  if (state === '23505') {
    return new DomainException(ErrorCode.Conflict, 'An entry with the same unique value exists', {
      constraint: driverError?.constraint,
    });
  }
  if (state && CONCURRENCY_STATES.has(state)) {
    return new DomainException(
      ErrorCode.Conflict,
      'A concurrent change touched the same data; reload and try again',
    );
  }
  return error;
}
