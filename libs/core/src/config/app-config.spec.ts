import { describe, expect, it } from '@jest/globals';
import { AppConfig, ConfigError } from './app-config.js';

function problemsOf(env: Record<string, string>) {
  try {
    AppConfig.load(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('expected the configuration to be refused');
}

describe('AppConfig', () => {
  it('starts from documented defaults with nothing set: embedded database, inline jobs', () => {
    const config = AppConfig.load({});
    expect(config.isEmbedded).toBe(true);
    expect(config.queueBackend).toBe('inline');
    expect(config.http).toMatchObject({ host: '127.0.0.1', port: 3000 });
    expect(config.dataDir).toMatch(/\.assay$/);
    expect(config.graphql.introspection).toBe(true);
  });

  it('names the bad variable and says what it expected', () => {
    const problems = problemsOf({ PORT: 'eighty' });
    expect(problems).toEqual([{ variable: 'PORT', message: expect.stringMatching(/number/i) }]);
    expect(() => AppConfig.load({ PORT: 'eighty' })).toThrow(/PORT/);
  });

  it('reports every bad variable at once', () => {
    const problems = problemsOf({
      DATABASE_URL: 'mysql://localhost/assay',
      LOG_LEVEL: 'loud',
      WORKER_CONCURRENCY: '0',
      TRUST_PROXY: 'maybe',
    });
    expect(problems.map((p) => p.variable).sort()).toEqual([
      'DATABASE_URL',
      'LOG_LEVEL',
      'TRUST_PROXY',
      'WORKER_CONCURRENCY',
    ]);
  });

  it('chooses the queue backend from what is configured', () => {
    expect(AppConfig.load({ REDIS_URL: 'redis://localhost:6379' }).queueBackend).toBe('redis');
    expect(AppConfig.load({ DATABASE_URL: 'postgres://u:p@localhost/assay' }).queueBackend).toBe(
      'postgres',
    );
    expect(
      AppConfig.load({
        DATABASE_URL: 'postgres://u:p@localhost/assay',
        REDIS_URL: 'redis://localhost',
      }).queueBackend,
    ).toBe('redis');
  });

  it('refuses backends that cannot work with the rest of the configuration', () => {
    expect(problemsOf({ QUEUE_BACKEND: 'redis' })).toEqual([
      { variable: 'REDIS_URL', message: 'required when QUEUE_BACKEND=redis' },
    ]);
    expect(problemsOf({ QUEUE_BACKEND: 'postgres' })[0]?.variable).toBe('QUEUE_BACKEND');
    expect(
      problemsOf({ QUEUE_BACKEND: 'inline', DATABASE_URL: 'postgres://u:p@localhost/assay' })[0]
        ?.variable,
    ).toBe('QUEUE_BACKEND');
  });

  it('turns introspection off in production unless asked', () => {
    expect(AppConfig.load({ NODE_ENV: 'production' }).graphql.introspection).toBe(false);
    expect(
      AppConfig.load({ NODE_ENV: 'production', GRAPHQL_INTROSPECTION: 'true' }).graphql
        .introspection,
    ).toBe(true);
  });

  it('treats empty variables as unset', () => {
    expect(AppConfig.load({ DATABASE_URL: '', PORT: '' }).isEmbedded).toBe(true);
  });
});
