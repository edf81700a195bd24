import { Injectable } from '@nestjs/common';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { AppConfig } from '../config/app-config.js';
import { JOB_QUEUE, type JobName } from '../queue/job.types.js';
import {
  ANONYMOUS_OPERATION,
  BoundedLabelValues,
  INVALID_OPERATION,
  OTHER_LABEL,
  errorCodeLabel,
  httpMethodLabel,
  operationNameLabel,
  operationTypeLabel,
  statusClassLabel,
} from './metric-labels.js';

/** How a delivery of a job ended: `aborted` is a job returned to its queue at shutdown. */
export type JobOutcome = 'completed' | 'failed' | 'aborted';

/** One GraphQL operation as the client got its answer. */
export interface GraphqlOperationObservation {
  /** `query`, `mutation`, `subscription`; null when the document never resolved to one. */
  readonly type: string | null;
  /** The operation's name, as the document (or, for a document that failed, the client) gave it. */
  readonly name: string | null;
  readonly seconds: number;
  /** The `extensions.code` of each error in the response. */
  readonly errorCodes: readonly unknown[];
}

export interface HttpRequestObservation {
  readonly method: string | undefined;
  /** The route's pattern (`/files/:id`), never the path itself. */
  readonly route: string;
  readonly status: number;
  readonly seconds: number;
}

export interface JobObservation {
  readonly job: JobName;
  readonly outcome: JobOutcome;
  readonly seconds: number;
}

/** The most distinct error codes kept; codes are the server's, so this is only a guard. */
const MAX_ERROR_CODES = 50;
/** The most distinct HTTP route patterns kept (they come from the app's routes). */
const MAX_ROUTES = 100;

const REQUEST_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const JOB_BUCKETS = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300];

let processRegistry: Registry | undefined;

/**
 * Process metrics (CPU, memory, event loop, GC) belong to the process, not to one application:
 * they are collected once per process, into a registry every application's scrape includes.
 */
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

/**
 * The metrics of one application (each Nest app has its own registry, so apps started in one
 * process, as the tests do, never share counts), recorded through a small typed API and
 * exposed in Prometheus's text format.
 */
@Injectable()
export class Metrics {
  readonly registry = new Registry();
  private readonly operationNames: BoundedLabelValues;
  private readonly errorCodes = new BoundedLabelValues(MAX_ERROR_CODES);
  private readonly routes = new BoundedLabelValues(MAX_ROUTES);

  private readonly graphqlOperations = new Counter({
    name: 'assay_graphql_operations_total',
    help: 'GraphQL operations answered, by operation type and name.',
    labelNames: ['operation_type', 'operation_name'] as const,
    registers: [this.registry],
  });
  private readonly graphqlDuration = new Histogram({
    name: 'assay_graphql_operation_duration_seconds',
    help: 'Time from receiving a GraphQL request to having sent its response.',
    labelNames: ['operation_type', 'operation_name'] as const,
    buckets: REQUEST_BUCKETS,
    registers: [this.registry],
  });
  private readonly graphqlErrors = new Counter({
    name: 'assay_graphql_errors_total',
    help: 'Errors in GraphQL responses, by operation and extensions.code.',
    labelNames: ['operation_type', 'operation_name', 'code'] as const,
    registers: [this.registry],
  });
  private readonly httpRequests = new Counter({
    name: 'assay_http_requests_total',
    help: 'HTTP requests other than GraphQL operations, by route pattern and status class.',
    labelNames: ['method', 'route', 'status_class'] as const,
    registers: [this.registry],
  });
  private readonly httpDuration = new Histogram({
    name: 'assay_http_request_duration_seconds',
    help: 'Time to answer HTTP requests other than GraphQL operations.',
    labelNames: ['method', 'route', 'status_class'] as const,
    buckets: REQUEST_BUCKETS,
    registers: [this.registry],
  });
  private readonly jobs = new Counter({
    name: 'assay_jobs_total',
    help: 'Job deliveries handled in this process, by queue, job and outcome.',
    labelNames: ['queue', 'job', 'outcome'] as const,
    registers: [this.registry],
  });
  private readonly jobDuration = new Histogram({
    name: 'assay_job_duration_seconds',
    help: 'Time a job handler ran, by queue, job and outcome.',
    labelNames: ['queue', 'job', 'outcome'] as const,
    buckets: JOB_BUCKETS,
    registers: [this.registry],
  });

  constructor(config: AppConfig) {
    this.operationNames = new BoundedLabelValues(
      config.metrics.maxOperationNames,
      new Set([ANONYMOUS_OPERATION, INVALID_OPERATION, OTHER_LABEL]),
    );
  }

  /** Counts one GraphQL operation, its latency and the codes of its errors. */
  recordGraphqlOperation(operation: GraphqlOperationObservation): void {
    const labels = {
      operation_type: operationTypeLabel(operation.type),
      operation_name: this.operationNames.label(operationNameLabel(operation.name)),
    };
    this.graphqlOperations.inc(labels);
    this.graphqlDuration.observe(labels, operation.seconds);
    for (const code of operation.errorCodes) {
      this.graphqlErrors.inc({ ...labels, code: this.errorCodes.label(errorCodeLabel(code)) });
    }
  }

  /** Counts one HTTP request that was not a GraphQL operation. */
  recordHttpRequest(request: HttpRequestObservation): void {
    const labels = {
      method: httpMethodLabel(request.method),
      route: this.routes.label(request.route),
      status_class: statusClassLabel(request.status),
    };
    this.httpRequests.inc(labels);
    this.httpDuration.observe(labels, request.seconds);
  }

  /** Counts one job delivery this process ran. */
  recordJob(job: JobObservation): void {
    const labels = { queue: JOB_QUEUE[job.job], job: job.job, outcome: job.outcome };
    this.jobs.inc(labels);
    this.jobDuration.observe(labels, job.seconds);
  }

  /** The Content-Type of `exposition()`. */
  get contentType(): string {
    return this.registry.contentType;
  }

  /** Every metric of this application and of the process, in Prometheus's text format. */
  exposition(): Promise<string> {
    return Registry.merge([this.registry, processMetrics()]).metrics();
  }
}
