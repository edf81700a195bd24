/** The codes a client sees in `extensions.code`; the API edge maps each one exhaustively. */
export enum ErrorCode {
  Unauthenticated = 'UNAUTHENTICATED',
  Forbidden = 'FORBIDDEN',
  NotFound = 'NOT_FOUND',
  BadUserInput = 'BAD_USER_INPUT',
  Conflict = 'CONFLICT',
  RateLimited = 'RATE_LIMITED',
}

export interface FieldProblem {
  /** Dotted path of the offending input field, e.g. `input.delaySeconds`. */
  readonly path: string;
  readonly message: string;
}

export interface DomainExceptionDetails {
  readonly fields?: readonly FieldProblem[];
  /** Seconds the client should wait, for RATE_LIMITED. */
  readonly retryAfterSeconds?: number;
  /** Safe, client-facing extra facts (never internal ids, SQL or stack traces). */
  readonly [key: string]: unknown;
}

/** An expected failure with a client-facing message and code. Anything else is internal. */
export class DomainException extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: DomainExceptionDetails = {},
  ) {
    super(message);
    this.name = 'DomainException';
  }

  static notFound(what: string): DomainException {
    return new DomainException(ErrorCode.NotFound, `${what} not found`);
  }

  static conflict(message: string, details?: DomainExceptionDetails): DomainException {
    return new DomainException(ErrorCode.Conflict, message, details);
  }

  static badUserInput(message: string, fields: readonly FieldProblem[] = []): DomainException {
    return new DomainException(ErrorCode.BadUserInput, message, { fields });
  }

  static forbidden(message = 'Not allowed'): DomainException {
    return new DomainException(ErrorCode.Forbidden, message);
  }
}
