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

  it('keeps export downloads at least one connection short of the pool', () => {
    const external = (env: Record<string, string>) =>
      AppConfig.load({ DATABASE_URL: 'postgres://u:p@localhost/assay', ...env }).exports
        .maxConcurrent;
    expect(external({})).toBe(4);
    expect(external({ DATABASE_POOL_SIZE: '3' })).toBe(2);
    expect(external({ DATABASE_POOL_SIZE: '2', EXPORT_MAX_CONCURRENT: '8' })).toBe(1);
    // The embedded database has one connection, and a download may still use it.
    expect(AppConfig.load({}).exports.maxConcurrent).toBe(1);
  });

  it('prepares the statements requests repeat unless DATABASE_PREPARED_STATEMENTS=false', () => {
    const external = (env: Record<string, string>) =>
      AppConfig.load({ DATABASE_URL: 'postgres://u:p@localhost/assay', ...env }).database;
    expect(external({}).preparedStatements).toBe(true);
    expect(external({ DATABASE_PREPARED_STATEMENTS: 'false' }).preparedStatements).toBe(false);
    expect(AppConfig.load({}).database.preparedStatements).toBe(true);
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

  it('keeps files under the data directory, up to 25 MiB of the default types, by default', () => {
    const files = AppConfig.load({ ASSAY_DATA_DIR: '/var/lib/assay' }).files;
    expect(files).toMatchObject({
      maxBytes: 26_214_400,
      storage: 'local',
      localDir: '/var/lib/assay/files',
      uploadDir: '/var/lib/assay/tmp/uploads',
      s3: null,
    });
    expect(files.allowedMediaTypes).toEqual([
      'application/pdf',
      'image/png',
      'image/jpeg',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'text/plain',
      'text/csv',
      'application/json',
      'application/yaml',
    ]);
  });

  it('reads allowed media types as a list, and refuses ones the sniffer cannot recognise', () => {
    expect(
      AppConfig.load({ FILE_ALLOWED_MEDIA_TYPES: ' Application/PDF , text/csv,' }).files
        .allowedMediaTypes,
    ).toEqual(['application/pdf', 'text/csv']);
    expect(problemsOf({ FILE_ALLOWED_MEDIA_TYPES: 'application/pdf,text/html' })).toEqual([
      {
        variable: 'FILE_ALLOWED_MEDIA_TYPES',
        message: 'text/html is not a media type Assay can recognise',
      },
    ]);
    expect(problemsOf({ FILE_ALLOWED_MEDIA_TYPES: ' , ' })[0]?.variable).toBe(
      'FILE_ALLOWED_MEDIA_TYPES',
    );
    expect(problemsOf({ FILE_MAX_BYTES: '2147483648' })[0]?.variable).toBe('FILE_MAX_BYTES');
  });

  it('needs a bucket and credentials for S3, and defaults to AWS for the endpoint', () => {
    expect(problemsOf({ FILE_STORAGE: 's3' })).toEqual([
      { variable: 'FILE_S3_BUCKET', message: 'required when FILE_STORAGE=s3' },
      { variable: 'FILE_S3_ACCESS_KEY_ID', message: 'required when FILE_STORAGE=s3' },
      { variable: 'FILE_S3_SECRET_ACCESS_KEY', message: 'required when FILE_STORAGE=s3' },
    ]);
    const s3 = {
      FILE_STORAGE: 's3',
      FILE_S3_BUCKET: 'assay-files',
      FILE_S3_ACCESS_KEY_ID: 'AKIA',
      FILE_S3_SECRET_ACCESS_KEY: 'secret',
    };
    expect(AppConfig.load({ ...s3, FILE_S3_REGION: 'eu-central-1' }).files.s3).toEqual({
      endpoint: 'https://s3.eu-central-1.amazonaws.com',
      region: 'eu-central-1',
      bucket: 'assay-files',
      accessKeyId: 'AKIA',
      secretAccessKey: 'secret',
      forcePathStyle: false,
    });
    expect(
      AppConfig.load({
        ...s3,
        FILE_S3_ENDPOINT: 'http://minio:9000/',
        FILE_S3_FORCE_PATH_STYLE: 'true',
      }).files.s3,
    ).toMatchObject({ endpoint: 'http://minio:9000', forcePathStyle: true });
    expect(problemsOf({ ...s3, FILE_S3_ENDPOINT: 'ftp://minio' })[0]?.variable).toBe(
      'FILE_S3_ENDPOINT',
    );
  });

  it('sends email over SMTP only when SMTP_URL names an smtp:// or smtps:// server', () => {
    expect(AppConfig.load({}).mail.smtpUrl).toBeNull();
    expect(AppConfig.load({ SMTP_URL: 'smtps://u:p@mail.example:465' }).mail.smtpUrl).toBe(
      'smtps://u:p@mail.example:465',
    );
    const problems = problemsOf({ SMTP_URL: 'http://user:do-not-print-me@mail.example' });
    expect(problems).toEqual([
      { variable: 'SMTP_URL', message: 'expected an smtp:// or smtps:// URL' },
    ]);
    expect(JSON.stringify(problems)).not.toContain('do-not-print-me');
  });

  it('never puts a secret in its error messages', () => {
    try {
      AppConfig.load({
        FILE_STORAGE: 's3',
        FILE_S3_SECRET_ACCESS_KEY: 'do-not-print-me',
        PORT: 'x',
      });
    } catch (error) {
      expect(String(error)).not.toContain('do-not-print-me');
      return;
    }
    throw new Error('expected the configuration to be refused');
  });
});
