import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { environmentSchema, type Environment } from './config.schema.js';

export type QueueBackendKind = 'redis' | 'postgres' | 'inline';

/** Where an S3-compatible store is and how to sign for it. */
export interface S3StorageConfig {
  readonly endpoint: string;
  readonly region: string;
  readonly bucket: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** `endpoint/bucket/key` instead of `bucket.endpoint/key` (MinIO and most self-hosted stores). */
  readonly forcePathStyle: boolean;
}

export interface FilesConfig {
  readonly maxBytes: number;
  /** Lower-case media types an upload's sniffed content may have. */
  readonly allowedMediaTypes: readonly string[];
  readonly storage: 'local' | 's3';
  /** The local store's directory (FILE_STORAGE=local). */
  readonly localDir: string;
  /** Where uploads are received before they are checked and stored. */
  readonly uploadDir: string;
  readonly s3: S3StorageConfig | null;
}

export interface WebhooksConfig {
  readonly timeoutMs: number;
  /** Private, loopback, link-local and similar addresses may be reached (and http:// used). */
  readonly allowPrivateAddresses: boolean;
  /** Addresses or CIDR blocks reachable even when they are private. */
  readonly allowedAddresses: readonly string[];
  readonly retry: {
    /** Delay before the first retry; it doubles for each later one. */
    readonly baseDelayMs: number;
    /** Longest delay between two attempts. */
    readonly maxDelayMs: number;
    /** No retry is scheduled later than this after the first attempt. */
    readonly windowMs: number;
  };
}

export type DatabaseConfig =
  | { readonly mode: 'embedded'; readonly dataDir: string }
  | {
      readonly mode: 'external';
      readonly url: string;
      readonly poolSize: number;
    };

/** Thrown when the environment does not validate; the message names every bad variable. */
export class ConfigError extends Error {
  constructor(readonly problems: ReadonlyArray<{ variable: string; message: string }>) {
    super(
      'Invalid configuration:\n' +
        problems.map((p) => `  ${p.variable}: ${p.message}`).join('\n') +
        '\nSee .env.example for every variable and its default.',
    );
    this.name = 'ConfigError';
  }
}

/**
 * The validated configuration, read once at boot. Everything else reads settings through its
 * typed getters, never from `process.env`.
 */
export class AppConfig {
  private constructor(private readonly env: Environment) {}

  /**
   * Reads the environment, after loading ASSAY_ENV_FILE (default `.env`) when that file exists;
   * variables already set in the environment win over the file.
   */
  static fromProcessEnv(): AppConfig {
    const file = process.env.ASSAY_ENV_FILE || '.env';
    if (existsSync(file)) process.loadEnvFile(file);
    return AppConfig.load(process.env);
  }

  /** Validates `source` (normally `process.env`) and returns the configuration or throws ConfigError. */
  static load(source: Record<string, string | undefined>): AppConfig {
    const present = Object.fromEntries(
      Object.entries(source).filter(([, value]) => value !== undefined && value !== ''),
    );
    const parsed = environmentSchema.safeParse(present);
    if (!parsed.success) {
      throw new ConfigError(
        parsed.error.issues.map((issue) => ({
          variable: String(issue.path[0] ?? '(environment)'),
          message: issue.message,
        })),
      );
    }
    return new AppConfig(parsed.data);
  }

  get nodeEnv(): Environment['NODE_ENV'] {
    return this.env.NODE_ENV;
  }

  get isProduction(): boolean {
    return this.env.NODE_ENV === 'production';
  }

  get http() {
    return {
      host: this.env.HOST,
      port: this.env.PORT,
      trustProxy: this.env.TRUST_PROXY,
      bodyLimit: this.env.HTTP_BODY_LIMIT,
    } as const;
  }

  get logLevel(): Environment['LOG_LEVEL'] {
    return this.env.LOG_LEVEL;
  }

  /** Absolute path of the directory for embedded data, files and mail. */
  get dataDir(): string {
    const dir = this.env.ASSAY_DATA_DIR;
    return isAbsolute(dir) ? dir : resolve(process.cwd(), dir);
  }

  get database(): DatabaseConfig & {
    readonly runMigrations: boolean;
    readonly statementTimeoutMs: number;
    /**
     * Whether the statements requests repeat (list pages, answer saves) go as named prepared
     * statements.
     */
    readonly preparedStatements: boolean;
  } {
    const common = {
      runMigrations: this.env.DATABASE_MIGRATIONS_RUN,
      statementTimeoutMs: this.env.DATABASE_STATEMENT_TIMEOUT_MS,
      preparedStatements: this.env.DATABASE_PREPARED_STATEMENTS,
    };
    return this.env.DATABASE_URL
      ? {
          mode: 'external',
          url: this.env.DATABASE_URL,
          poolSize: this.env.DATABASE_POOL_SIZE,
          ...common,
        }
      : { mode: 'embedded', dataDir: this.dataDir, ...common };
  }

  get isEmbedded(): boolean {
    return !this.env.DATABASE_URL;
  }

  get queue() {
    return {
      backend: this.queueBackend,
      redisUrl: this.env.REDIS_URL,
      prefix: this.env.QUEUE_PREFIX,
      concurrency: this.env.WORKER_CONCURRENCY,
      heartbeatIntervalMs: this.env.WORKER_HEARTBEAT_INTERVAL_MS,
      lockDurationMs: this.env.WORKER_LOCK_DURATION_MS,
      outboxPollIntervalMs: this.env.OUTBOX_POLL_INTERVAL_MS,
      outboxRetentionDays: this.env.OUTBOX_RETENTION_DAYS,
    } as const;
  }

  /** redis when REDIS_URL is set, inline in embedded mode, postgres otherwise, unless QUEUE_BACKEND says. */
  get queueBackend(): QueueBackendKind {
    if (this.env.QUEUE_BACKEND) return this.env.QUEUE_BACKEND;
    if (this.env.REDIS_URL) return 'redis';
    return this.env.DATABASE_URL ? 'postgres' : 'inline';
  }

  get shutdownTimeoutMs(): number {
    return this.env.SHUTDOWN_TIMEOUT_MS;
  }

  get auth() {
    return {
      /** Null when unset: embedded mode keeps one in the data directory, development makes one. */
      secret: this.env.AUTH_SECRET ?? null,
      accessTokenTtlSeconds: this.env.ACCESS_TOKEN_TTL_SECONDS,
      refreshTokenTtlDays: this.env.REFRESH_TOKEN_TTL_DAYS,
      passwordTokenTtlHours: this.env.PASSWORD_TOKEN_TTL_HOURS,
      /** Failed attempts per minute before an account, or an address, is blocked. */
      rateLimitPerAccount: this.env.AUTH_RATE_LIMIT_PER_ACCOUNT,
      rateLimitPerIp: this.env.AUTH_RATE_LIMIT_PER_IP,
    } as const;
  }

  /**
   * Whether `npm start` in embedded mode loads the demo portfolio: `load` without asking,
   * `never` neither asks nor mentions it, `offer` asks on the first start.
   */
  get demo(): 'load' | 'never' | 'offer' {
    const value = this.env.ASSAY_DEMO;
    return value === undefined ? 'offer' : value ? 'load' : 'never';
  }

  /** Whether anyone may create an organization (signUp), or only the CLI. */
  get signUpEnabled(): boolean {
    return this.env.SIGNUP_ENABLED;
  }

  /** SMTP_URL (with its credentials) when set; null: emails are written as files. */
  get mail() {
    return { from: this.env.MAIL_FROM, smtpUrl: this.env.SMTP_URL ?? null } as const;
  }

  /** Where people reach Assay, for links in messages. */
  get publicUrl(): string {
    return (this.env.PUBLIC_URL ?? `http://${this.env.HOST}:${this.env.PORT}`).replace(/\/$/, '');
  }

  get files(): FilesConfig {
    const env = this.env;
    return {
      maxBytes: env.FILE_MAX_BYTES,
      allowedMediaTypes: env.FILE_ALLOWED_MEDIA_TYPES,
      storage: env.FILE_STORAGE,
      localDir: join(this.dataDir, 'files'),
      uploadDir: join(this.dataDir, 'tmp', 'uploads'),
      s3:
        env.FILE_STORAGE === 's3'
          ? {
              endpoint: (
                env.FILE_S3_ENDPOINT ?? `https://s3.${env.FILE_S3_REGION}.amazonaws.com`
              ).replace(/\/+$/, ''),
              region: env.FILE_S3_REGION,
              bucket: env.FILE_S3_BUCKET!,
              accessKeyId: env.FILE_S3_ACCESS_KEY_ID!,
              secretAccessKey: env.FILE_S3_SECRET_ACCESS_KEY!,
              forcePathStyle: env.FILE_S3_FORCE_PATH_STYLE,
            }
          : null,
    };
  }

  /** Imports up to `inlineMaxBytes` run in the request; larger ones run as a job. */
  get questionnaireImports() {
    return {
      maxBytes: this.env.QUESTIONNAIRE_IMPORT_MAX_BYTES,
      inlineMaxBytes: this.env.QUESTIONNAIRE_IMPORT_INLINE_MAX_BYTES,
    } as const;
  }

  /** Outgoing webhooks: timeout, which addresses they may reach, and the retry schedule. */
  get webhooks(): WebhooksConfig {
    return {
      timeoutMs: this.env.WEBHOOK_TIMEOUT_MS,
      allowPrivateAddresses: this.env.WEBHOOK_ALLOW_PRIVATE_ADDRESSES,
      allowedAddresses: this.env.WEBHOOK_ALLOWED_ADDRESSES,
      retry: {
        baseDelayMs: this.env.WEBHOOK_RETRY_BASE_DELAY_MS,
        maxDelayMs: this.env.WEBHOOK_RETRY_MAX_DELAY_MS,
        windowMs: this.env.WEBHOOK_RETRY_WINDOW_MS,
      },
    };
  }

  /**
   * `/metrics`: off (404) while no token is set. `listener` is the worker process's own
   * listener, null when WORKER_METRICS_PORT is unset.
   */
  get metrics() {
    return {
      token: this.env.METRICS_TOKEN ?? null,
      maxOperationNames: this.env.METRICS_MAX_OPERATION_NAMES,
      listener:
        this.env.WORKER_METRICS_PORT === undefined
          ? null
          : { host: this.env.WORKER_METRICS_HOST, port: this.env.WORKER_METRICS_PORT },
    } as const;
  }

  /** Export links: how long one works, how long a download may stream, the PDF report's font. */
  get exports() {
    const font = this.env.EXPORT_PDF_FONT;
    return {
      linkTtlSeconds: this.env.EXPORT_LINK_TTL_SECONDS,
      timeoutMs: this.env.EXPORT_TIMEOUT_MS,
      /**
       * Downloads streaming at once in this process, each holding a database connection: at most
       * one less than the pool, so that a few large exports never take every connection.
       */
      maxConcurrent: Math.max(
        1,
        Math.min(
          this.env.EXPORT_MAX_CONCURRENT,
          (this.database.mode === 'external' ? this.database.poolSize : 1) - 1,
        ),
      ),
      /** Absolute path of a TTF, OTF or TTC font for the PDF report; null: the built-in Helvetica. */
      pdfFont: font ? (isAbsolute(font) ? font : resolve(process.cwd(), font)) : null,
      /** The PostScript name of the face to use in a collection (.ttc). */
      pdfFontFace: this.env.EXPORT_PDF_FONT_FACE ?? null,
    } as const;
  }

  get graphql() {
    return {
      introspection: this.env.GRAPHQL_INTROSPECTION ?? !this.isProduction,
      maxDepth: this.env.GRAPHQL_MAX_DEPTH,
      maxAliases: this.env.GRAPHQL_MAX_ALIASES,
      maxCost: this.env.GRAPHQL_MAX_COST,
      maxTokens: this.env.GRAPHQL_MAX_TOKENS,
      maxDirectives: this.env.GRAPHQL_MAX_DIRECTIVES,
      maxQueryBytes: this.env.GRAPHQL_MAX_QUERY_BYTES,
    } as const;
  }
}
