import { describe, expect, it } from '@jest/globals';
import { register as globalRegistry } from 'prom-client';
import { AppConfig, ConfigError } from '../config/app-config.js';
import { JobName } from '../queue/job.types.js';
import { Metrics } from './metrics.js';

const TOKEN = 'a-metrics-token-for-tests';

function problemsOf(env: Record<string, string>): string[] {
  try {
    AppConfig.load(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems.map((problem) => problem.variable);
  }
  throw new Error('expected the configuration to be refused');
}

/** The `operation_name` values of one metric in an exposition. */
function operationNames(exposition: string): Set<string> {
  return new Set(
    [...exposition.matchAll(/^assay_graphql_operations_total\{.*operation_name="([^"]*)"/gm)].map(
      (match) => match[1]!,
    ),
  );
}

describe('metrics configuration', () => {
  it('has no token, no worker listener and a cap of 200 names by default', () => {
    expect(AppConfig.load({}).metrics).toEqual({
      token: null,
      maxOperationNames: 200,
      listener: null,
    });
  });

  it('gives the worker a loopback listener when a port is set with a token', () => {
    const config = AppConfig.load({ METRICS_TOKEN: TOKEN, WORKER_METRICS_PORT: '9464' });
    expect(config.metrics).toMatchObject({
      token: TOKEN,
      listener: { host: '127.0.0.1', port: 9464 },
    });
  });

  it('refuses a short or spaced token, and a worker port without a token', () => {
    expect(problemsOf({ METRICS_TOKEN: 'short' })).toEqual(['METRICS_TOKEN']);
    expect(problemsOf({ METRICS_TOKEN: 'long enough but with spaces' })).toEqual(['METRICS_TOKEN']);
    expect(problemsOf({ WORKER_METRICS_PORT: '9464' })).toEqual(['WORKER_METRICS_PORT']);
    expect(problemsOf({ METRICS_TOKEN: TOKEN, METRICS_MAX_OPERATION_NAMES: '0' })).toEqual([
      'METRICS_MAX_OPERATION_NAMES',
    ]);
  });
});

describe('Metrics', () => {
  it('keeps each application’s counts in its own registry, never the global one', async () => {
    const config = AppConfig.load({});
    const first = new Metrics(config);
    const second = new Metrics(config);
    first.recordJob({ job: JobName.SendEmail, outcome: 'completed', seconds: 0.2 });
    first.recordJob({ job: JobName.SendEmail, outcome: 'failed', seconds: 0.1 });

    expect(await first.exposition()).toContain(
      'assay_jobs_total{queue="notification",job="notification.send-email",outcome="completed"} 1',
    );
    expect(await second.exposition()).not.toMatch(/^assay_jobs_total\{/m);
    expect(await globalRegistry.metrics()).not.toContain('assay_');
  });

  it('holds the operation names of any number of clients to the cap, plus other', async () => {
    const metrics = new Metrics(AppConfig.load({ METRICS_MAX_OPERATION_NAMES: '5' }));
    for (let i = 0; i < 500; i++) {
      metrics.recordGraphqlOperation({
        type: 'query',
        name: `Client${i}`,
        seconds: 0.01,
        errorCodes: i % 2 === 0 ? ['NOT_FOUND'] : [],
      });
    }
    metrics.recordGraphqlOperation({ type: null, name: 'not a name', seconds: 0, errorCodes: [] });
    metrics.recordGraphqlOperation({ type: 'query', name: null, seconds: 0, errorCodes: [] });
    const exposition = await metrics.exposition();
    expect(operationNames(exposition)).toEqual(
      new Set([
        'Client0',
        'Client1',
        'Client2',
        'Client3',
        'Client4',
        'other',
        'invalid',
        'anonymous',
      ]),
    );
    expect(exposition).toContain(
      'assay_graphql_operations_total{operation_type="query",operation_name="other"} 495',
    );
    expect(exposition).toContain(
      'assay_graphql_errors_total{operation_type="query",operation_name="other",code="NOT_FOUND"} 247',
    );
  });
});
