import { isIP } from 'node:net';
import { z } from 'zod';
import { DEFAULT_ALLOWED_MEDIA_TYPES, isRecognisedMediaType } from '../files/media-types.js';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'expected true or false' })
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const postgresUrl = z.url({
  protocol: /^postgres(ql)?$/,
  error: 'expected a postgres:// or postgresql:// URL',
});
const redisUrl = z.url({ protocol: /^rediss?$/, error: 'expected a redis:// or rediss:// URL' });

/** A comma-separated list of media types, each one the content sniffer can recognise. */
const mediaTypeList = z
  .string()
  .transform((value) =>
    value
      .split(',')
      .map((item) => item.trim().toLowerCase())
      .filter(Boolean),
  )
  .pipe(
    z
      .array(
        z.string().refine(isRecognisedMediaType, {
          error: (issue) => `${String(issue.input)} is not a media type Assay can recognise`,
        }),
      )
      .min(1, 'name at least one media type'),
  );

/** A comma-separated list of IP addresses or CIDR blocks (`10.1.0.0/16`, `fd00::/8`). */
const addressBlockList = z
  .string()
  .transform((value) =>
    value
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean),
  )
  .pipe(
    z.array(
      z.string().refine(
        (block) => {
          const [address = '', prefix, extra] = block.split('/');
          const family = isIP(address);
          if (!family || extra !== undefined) return false;
          if (prefix === undefined) return true;
          return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
        },
        { error: (issue) => `${String(issue.input)} is not an IP address or CIDR block` },
      ),
    ),
  );

/** The largest upload: a GraphQL Int (File.size) must hold it. */
const MAX_FILE_BYTES = 1_073_741_824;

/**
 * Every environment variable Assay reads, with its default. `.env.example` and the README's
 * configuration table list the same variables; a test keeps the three in step.
 */
export const environmentSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    HOST: z.string().min(1).default('127.0.0.1'),
    PORT: int(0, 65535).default(3000),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      .default('info'),
    TRUST_PROXY: bool.default(false),
    HTTP_BODY_LIMIT: z
      .string()
      .regex(/^\d+(b|kb|mb)$/i, 'expected a size such as 512kb or 2mb')
      .default('2mb'),

    ASSAY_ENV_FILE: z.string().min(1).default('.env'),
    ASSAY_DATA_DIR: z.string().min(1).default('./.assay'),
    /** Embedded mode: true loads the demo portfolio at start, false never offers it. */
    ASSAY_DEMO: bool.optional(),
    DATABASE_URL: postgresUrl.optional(),
    DATABASE_POOL_SIZE: int(2, 200).default(10),
    DATABASE_MIGRATIONS_RUN: bool.default(true),
    DATABASE_STATEMENT_TIMEOUT_MS: int(0, 3_600_000).default(30_000),
    DATABASE_PREPARED_STATEMENTS: bool.default(true),

    REDIS_URL: redisUrl.optional(),
    QUEUE_BACKEND: z.enum(['redis', 'postgres', 'inline']).optional(),
    QUEUE_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, _ and - only')
      .default('assay'),
    WORKER_CONCURRENCY: int(1, 100).default(5),
    WORKER_HEARTBEAT_INTERVAL_MS: int(100, 3_600_000).default(30_000),
    WORKER_LOCK_DURATION_MS: int(1_000, 600_000).default(30_000),
    OUTBOX_POLL_INTERVAL_MS: int(10, 60_000).default(1_000),
    OUTBOX_RETENTION_DAYS: int(1, 3650).default(7),
    QUESTIONNAIRE_IMPORT_MAX_BYTES: int(1, 104_857_600).default(10_485_760),
    QUESTIONNAIRE_IMPORT_INLINE_MAX_BYTES: int(0, 104_857_600).default(262_144),
    SHUTDOWN_TIMEOUT_MS: int(0, 600_000).default(25_000),

    AUTH_SECRET: z
      .string()
      .min(32, 'at least 32 characters (e.g. openssl rand -base64 48)')
      .optional(),
    ACCESS_TOKEN_TTL_SECONDS: int(60, 86_400).default(900),
    REFRESH_TOKEN_TTL_DAYS: int(1, 365).default(30),
    PASSWORD_TOKEN_TTL_HOURS: int(1, 720).default(24),
    SIGNUP_ENABLED: bool.default(false),
    AUTH_RATE_LIMIT_PER_ACCOUNT: int(1, 10_000).default(10),
    AUTH_RATE_LIMIT_PER_IP: int(1, 100_000).default(50),
    PUBLIC_URL: z.url({ error: 'expected the URL people reach Assay at' }).optional(),

    MAIL_FROM: z.string().min(3).default('Assay <no-reply@assay.invalid>'),
    SMTP_URL: z
      .url({ protocol: /^smtps?$/, error: 'expected an smtp:// or smtps:// URL' })
      .optional(),

    WEBHOOK_TIMEOUT_MS: int(100, 60_000).default(5_000),
    WEBHOOK_ALLOW_PRIVATE_ADDRESSES: bool.default(false),
    WEBHOOK_ALLOWED_ADDRESSES: addressBlockList.default([]),
    WEBHOOK_RETRY_BASE_DELAY_MS: int(1, 3_600_000).default(30_000),
    WEBHOOK_RETRY_MAX_DELAY_MS: int(1, 86_400_000).default(3_600_000),
    WEBHOOK_RETRY_WINDOW_MS: int(0, 7 * 86_400_000).default(86_400_000),

    FILE_MAX_BYTES: int(1, MAX_FILE_BYTES).default(26_214_400),
    FILE_ALLOWED_MEDIA_TYPES: mediaTypeList.default([...DEFAULT_ALLOWED_MEDIA_TYPES]),
    FILE_STORAGE: z.enum(['local', 's3']).default('local'),
    FILE_S3_ENDPOINT: z
      .url({ protocol: /^https?$/, error: 'expected an http:// or https:// URL' })
      .optional(),
    FILE_S3_REGION: z
      .string()
      .regex(/^[a-z0-9-]{1,64}$/, 'expected a region such as us-east-1')
      .default('us-east-1'),
    FILE_S3_BUCKET: z
      .string()
      .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'expected a bucket name (3-63 of a-z 0-9 . -)')
      .optional(),
    FILE_S3_ACCESS_KEY_ID: z.string().min(1).optional(),
    FILE_S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
    FILE_S3_FORCE_PATH_STYLE: bool.default(false),

    GRAPHQL_INTROSPECTION: bool.optional(),
    GRAPHQL_MAX_DEPTH: int(2, 100).default(12),
    GRAPHQL_MAX_ALIASES: int(0, 1000).default(15),
    GRAPHQL_MAX_COST: int(1, 1_000_000).default(5_000),
    GRAPHQL_MAX_TOKENS: int(10, 1_000_000).default(2_000),
    GRAPHQL_MAX_DIRECTIVES: int(0, 1000).default(10),
    GRAPHQL_MAX_QUERY_BYTES: int(256, 10_000_000).default(32_768),

    EXPORT_LINK_TTL_SECONDS: int(30, 86_400).default(900),
    EXPORT_TIMEOUT_MS: int(1_000, 86_400_000).default(600_000),
    EXPORT_MAX_CONCURRENT: int(1, 100).default(4),
    EXPORT_PDF_FONT: z.string().min(1).optional(),
    EXPORT_PDF_FONT_FACE: z.string().min(1).max(200).optional(),

    METRICS_TOKEN: z
      .string()
      .min(16, 'at least 16 characters (e.g. openssl rand -base64 32)')
      .regex(/^\S+$/, 'no spaces: it is sent as Authorization: Bearer <token>')
      .optional(),
    METRICS_MAX_OPERATION_NAMES: int(1, 10_000).default(200),
    WORKER_METRICS_HOST: z.string().min(1).default('127.0.0.1'),
    WORKER_METRICS_PORT: int(0, 65535).optional(),
  })
  .superRefine((env, issue) => {
    if (env.NODE_ENV === 'production' && env.DATABASE_URL && !env.AUTH_SECRET) {
      issue.addIssue({
        code: 'custom',
        path: ['AUTH_SECRET'],
        message: 'required in production: every process signs and checks tokens with it',
      });
    }
    const backend = env.QUEUE_BACKEND;
    if (backend === 'redis' && !env.REDIS_URL) {
      issue.addIssue({
        code: 'custom',
        path: ['REDIS_URL'],
        message: 'required when QUEUE_BACKEND=redis',
      });
    }
    if (backend === 'postgres' && !env.DATABASE_URL) {
      issue.addIssue({
        code: 'custom',
        path: ['QUEUE_BACKEND'],
        message:
          'postgres needs DATABASE_URL: the embedded database cannot host the queue (use inline or set DATABASE_URL)',
      });
    }
    if (env.FILE_STORAGE === 's3') {
      for (const variable of [
        'FILE_S3_BUCKET',
        'FILE_S3_ACCESS_KEY_ID',
        'FILE_S3_SECRET_ACCESS_KEY',
      ] as const) {
        if (!env[variable]) {
          issue.addIssue({
            code: 'custom',
            path: [variable],
            message: 'required when FILE_STORAGE=s3',
          });
        }
      }
    }
    if (env.WEBHOOK_RETRY_MAX_DELAY_MS < env.WEBHOOK_RETRY_BASE_DELAY_MS) {
      issue.addIssue({
        code: 'custom',
        path: ['WEBHOOK_RETRY_MAX_DELAY_MS'],
        message: 'must not be less than WEBHOOK_RETRY_BASE_DELAY_MS',
      });
    }
    if (env.WORKER_METRICS_PORT !== undefined && !env.METRICS_TOKEN) {
      issue.addIssue({
        code: 'custom',
        path: ['WORKER_METRICS_PORT'],
        message: 'needs METRICS_TOKEN: the worker serves /metrics to bearers of that token only',
      });
    }
    if (backend === 'inline' && env.DATABASE_URL) {
      issue.addIssue({
        code: 'custom',
        path: ['QUEUE_BACKEND'],
        message:
          'inline runs jobs in memory and is only for the embedded mode: unset DATABASE_URL, or use redis or postgres',
      });
    }
  });

export type Environment = z.infer<typeof environmentSchema>;
