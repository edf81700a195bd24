/**
 * Label values for metrics. Every label must have a bounded set of values: a time series is
 * kept per combination, and a label taken from client input (an operation name, a path) would
 * otherwise let any caller grow the scrape, and Prometheus's memory, without limit.
 */

/** The label of values past a cap. */
export const OTHER_LABEL = 'other';
/** The operation name of an operation that has none. */
export const ANONYMOUS_OPERATION = 'anonymous';
/** The operation name a client sent that is no GraphQL name. */
export const INVALID_OPERATION = 'invalid';

const GRAPHQL_NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;
const MAX_NAME_LENGTH = 64;

/**
 * The label of a GraphQL operation name: the name itself when it is a GraphQL name (cut to 64
 * characters), `anonymous` when there is none, `invalid` for anything else a client sent.
 */
export function operationNameLabel(name: string | null | undefined): string {
  if (name === null || name === undefined || name === '') return ANONYMOUS_OPERATION;
  if (!GRAPHQL_NAME.test(name)) return INVALID_OPERATION;
  return name.slice(0, MAX_NAME_LENGTH);
}

const OPERATION_TYPES = new Set(['query', 'mutation', 'subscription']);

/** `query`, `mutation` or `subscription`; `unknown` when the document never resolved to one. */
export function operationTypeLabel(type: string | null | undefined): string {
  return type && OPERATION_TYPES.has(type) ? type : 'unknown';
}

const ERROR_CODE = /^[A-Z][A-Z0-9_]{0,63}$/;

/** An error's `extensions.code`, when it is one (upper-case words); `UNKNOWN` otherwise. */
export function errorCodeLabel(code: unknown): string {
  return typeof code === 'string' && ERROR_CODE.test(code) ? code : 'UNKNOWN';
}

/** `2xx`, `4xx`, …: the class of an HTTP status; `unknown` for anything that is none. */
export function statusClassLabel(status: number): string {
  return Number.isInteger(status) && status >= 100 && status <= 599
    ? `${Math.floor(status / 100)}xx`
    : 'unknown';
}

const HTTP_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** The request method, or `OTHER` for anything outside the usual ones. */
export function httpMethodLabel(method: string | undefined): string {
  const upper = (method ?? '').toUpperCase();
  return HTTP_METHODS.has(upper) ? upper : 'OTHER';
}

/**
 * Admits the first `limit` distinct values of a label and answers `other` for every later one,
 * so a label fed by clients keeps at most `limit + 1` values (plus the always-admitted ones).
 */
export class BoundedLabelValues {
  private readonly seen = new Set<string>();

  constructor(
    readonly limit: number,
    private readonly alwaysAdmitted: ReadonlySet<string> = new Set(),
  ) {}

  /** `value` when it is admitted (now or before), `other` once the cap is reached. */
  label(value: string): string {
    if (this.alwaysAdmitted.has(value) || this.seen.has(value)) return value;
    if (this.seen.size >= this.limit) return OTHER_LABEL;
    this.seen.add(value);
    return value;
  }

  /** How many values have been admitted, not counting the always-admitted ones. */
  get size(): number {
    return this.seen.size;
  }
}
