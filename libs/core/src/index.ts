export { Clock } from './clock/clock.js';
export {
  AppConfig,
  ConfigError,
  type DatabaseConfig,
  type FilesConfig,
  type QueueBackendKind,
  type S3StorageConfig,
  type WebhooksConfig,
} from './config/app-config.js';
export { environmentSchema, type Environment } from './config/config.schema.js';
export { ApiKeyScope, Role, actorId, type Actor } from './context/principal.js';
export { RequestContext } from './context/request-context.js';
export { CoreModule, type CoreModuleOptions } from './core.module.js';
export { BaseEntity, newId } from './database/base.entity.js';
export { buildDataSourceOptions } from './database/data-source-options.js';
export { DatabaseModule } from './database/database.module.js';
export {
  columnsSelection,
  readEntities,
  readEntitiesAndRaw,
  verifyWrittenStatements,
} from './database/entity-rows.js';
export { EmbeddedPostgres } from './database/embedded-postgres.js';
export { runMigrations } from './database/migrate.js';
export { MIGRATIONS } from './database/migrations/index.js';
export { inlineParameters } from './database/inline-parameters.js';
export { PG_TYPES } from './database/pg-types.js';
export {
  MAX_PREPARED_PER_CONNECTION,
  prepareStatement,
  preparedName,
  runPrepared,
} from './database/prepared-statements.js';
export {
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
  paginate,
  paginateKept,
  type KeptQuery,
  type Page,
  type PageOrder,
  type PageRequest,
} from './database/pagination.js';
export { StatementCounter } from './database/sql-logger.js';
export { AuthSecret } from './crypto/auth-secret.js';
export { SecretBox } from './crypto/secret-box.js';
export { deriveKey, hashToken, randomToken, safeEqual } from './crypto/tokens.js';
export { TransactionalConnection } from './database/transactional-connection.js';
export { UnitOfWork, type DatabaseAccess } from './database/unit-of-work.js';
export { translateDatabaseError } from './errors/database-errors.js';
export {
  DomainException,
  ErrorCode,
  type DomainExceptionDetails,
  type FieldProblem,
} from './errors/domain.exception.js';
export {
  decideMediaType,
  inspectContent,
  isUtf8Text,
  sniffFile,
  type ContentDecision,
  type SniffedContent,
} from './files/content-inspection.js';
export { extensionOf, sanitizeFileName } from './files/file-name.js';
export { ORPHAN_AGE_MS } from './files/file-orphan-sweep.js';
export { BlobNotFoundError, FileStore, blobKey, type BlobSource } from './files/file-store.js';
export {
  FileService,
  fileTooLarge,
  isFileTooLarge,
  type FileUpload,
  type OpenedFile,
  type OrphanSweepResult,
} from './files/file.service.js';
export { LocalFileStore } from './files/local-file-store.js';
export { DEFAULT_ALLOWED_MEDIA_TYPES } from './files/media-types.js';
export { S3FileStore } from './files/s3-file-store.js';
export { StoredFile } from './files/stored-file.entity.js';
export { REDACTED_LOG_PATHS, redactUrl } from './logging/logging.module.js';
export {
  Metrics,
  type GraphqlOperationObservation,
  type HttpRequestObservation,
  type JobObservation,
  type JobOutcome,
} from './metrics/metrics.js';
export { serveMetrics } from './metrics/metrics-endpoint.js';
export { MetricsListener } from './metrics/metrics-listener.js';
export { ScrapeGuard } from './metrics/scrape-guard.js';
export { RateLimit } from './rate-limit/rate-limit.entity.js';
export {
  RateLimiter,
  accountKey,
  guessLimits,
  ipKey,
  type RateLimitRule,
} from './rate-limit/rate-limiter.js';
export { bullmqSchema } from './queue/backends/create-queue-backend.js';
export {
  PipelineCheck,
  PipelineCheckDelivery,
  WorkerHeartbeat,
  type PipelineCheckOutcome,
} from './queue/diagnostics/pipeline-check.entity.js';
export {
  MAX_CHECK_DELAY_SECONDS,
  MAX_CHECK_HOLD_SECONDS,
  PipelineCheckService,
  type JobPipelineStatus,
  type PipelineCheckOrder,
  type PipelineCheckStatus,
  type QueueCount,
  type RequestPipelineCheck,
} from './queue/diagnostics/pipeline-check.service.js';
export { JobRegistry, REQUIRE_EVERY_JOB_HANDLER } from './queue/job-registry.js';
export {
  DEFAULT_JOB_ATTEMPTS,
  JOB_QUEUE,
  JobName,
  QueueName,
  jobId,
  type JobDelivery,
  type JobPayloads,
  type JobRequest,
  type JobSchedule,
} from './queue/job.types.js';
export { OnJob } from './queue/on-job.decorator.js';
export { OutboxMessage } from './queue/outbox/outbox-message.entity.js';
export { OutboxRelay } from './queue/outbox/outbox-relay.js';
export { OutboxService, type EnqueueOptions } from './queue/outbox/outbox.service.js';
export { QueueBackend, type QueueCounts } from './queue/queue-backend.js';
export { BullQueueBackend } from './queue/backends/bullmq.backend.js';
export { closeOnSignals, exitOnStartupError } from './lifecycle/graceful-shutdown.js';
export { CORE_ENTITIES } from './queue/queue.module.js';
export { cleanText, escapeLike, nameKey, optionalText } from './text/clean-text.js';
