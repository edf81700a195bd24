/**
 * Queues and jobs. Names are persisted in Redis/PostgreSQL and in outbox rows: never rename
 * one after release; add a new name and retire the old.
 */
export enum QueueName {
  System = 'system',
  Notification = 'notification',
  Questionnaire = 'questionnaire',
  Scheduling = 'scheduling',
  Webhook = 'webhook',
}

export enum JobName {
  PipelineCheck = 'system.pipeline-check',
  WorkerHeartbeat = 'system.worker-heartbeat',
  OutboxCleanup = 'system.outbox-cleanup',
  FileOrphanSweep = 'system.file-orphan-sweep',
  SendEmail = 'notification.send-email',
  ImportQuestionnaire = 'questionnaire.import',
  ScheduleReassessment = 'reassessment.schedule',
  StartReassessment = 'reassessment.start',
  ReconcileReassessments = 'reassessment.reconcile',
  SweepDueReassessments = 'reassessment.sweep',
  SweepReminders = 'reminders.sweep',
  SendReminder = 'reminders.send',
  WebhookDeliver = 'webhook.deliver',
  SweepWebhookDeliveries = 'webhook.sweep',
}

/** Payloads carry ids only; handlers reload the state they need. */
export interface JobPayloads {
  [JobName.PipelineCheck]: { readonly checkId: string };
  [JobName.WorkerHeartbeat]: Record<string, never>;
  [JobName.OutboxCleanup]: Record<string, never>;
  [JobName.FileOrphanSweep]: Record<string, never>;
  [JobName.SendEmail]: { readonly emailId: string };
  [JobName.ImportQuestionnaire]: { readonly importId: string; readonly organizationId: string };
  [JobName.ScheduleReassessment]: { readonly vendorId: string; readonly organizationId: string };
  [JobName.StartReassessment]: {
    readonly vendorId: string;
    readonly organizationId: string;
    /** The due date (ISO) the job was queued for; a vendor due at another date ignores it. */
    readonly dueAt: string;
  };
  [JobName.ReconcileReassessments]: Record<string, never>;
  [JobName.SweepDueReassessments]: Record<string, never>;
  [JobName.SweepReminders]: Record<string, never>;
  [JobName.SendReminder]: {
    readonly subject: 'assessment' | 'agreement' | 'risk-acceptance' | 'exception' | 'invitation';
    readonly id: string;
    readonly organizationId: string;
    /** The occasion found due, e.g. `due-3`; the handler checks it still is. */
    readonly occasion: string;
  };
  /** One attempt (`attempt` of redelivery `series`) at sending a webhook delivery. */
  [JobName.WebhookDeliver]: {
    readonly deliveryId: string;
    readonly organizationId: string;
    readonly series: number;
    readonly attempt: number;
  };
  [JobName.SweepWebhookDeliveries]: Record<string, never>;
}

/** Which queue each job runs on. */
export const JOB_QUEUE: { readonly [Name in JobName]: QueueName } = {
  [JobName.PipelineCheck]: QueueName.System,
  [JobName.WorkerHeartbeat]: QueueName.System,
  [JobName.OutboxCleanup]: QueueName.System,
  [JobName.FileOrphanSweep]: QueueName.System,
  [JobName.SendEmail]: QueueName.Notification,
  [JobName.ImportQuestionnaire]: QueueName.Questionnaire,
  [JobName.ScheduleReassessment]: QueueName.Scheduling,
  [JobName.StartReassessment]: QueueName.Scheduling,
  [JobName.ReconcileReassessments]: QueueName.Scheduling,
  [JobName.SweepDueReassessments]: QueueName.Scheduling,
  [JobName.SweepReminders]: QueueName.Scheduling,
  [JobName.SendReminder]: QueueName.Scheduling,
  [JobName.WebhookDeliver]: QueueName.Webhook,
  [JobName.SweepWebhookDeliveries]: QueueName.Webhook,
};

/** A job as queued: its name, payload and deterministic id. */
export type JobRequest = {
  [Name in JobName]: {
    readonly name: Name;
    readonly data: JobPayloads[Name];
    /** Deterministic: the same logical job always gets the same id, so it is queued once. */
    readonly jobId: string;
    readonly delayMs?: number;
  };
}[JobName];

/** What a handler learns about the delivery it is running. */
export interface JobDelivery {
  readonly id: string;
  readonly name: JobName;
  /** 1 on the first delivery, higher on retries and redeliveries. */
  readonly attempt: number;
  /** Aborted when the process shuts down and the job must go back to the queue. */
  readonly signal: AbortSignal;
}

/** A repeatable job, fired by the backend's scheduler. */
export type JobSchedule = {
  readonly id: string;
  readonly name: JobName;
} & ({ readonly everyMs: number } | { readonly cron: string });

/** Builds a job id from a job name and a logical key; `:` is reserved by BullMQ. */
export function jobId(name: JobName, key: string): string {
  return `${name}.${key}`.replaceAll(':', '_');
}

export const DEFAULT_JOB_ATTEMPTS = 8;
export const DEFAULT_BACKOFF_MS = 1_000;

/** Exponential backoff with the same curve on every backend. */
export function retryDelayMs(attemptsMade: number): number {
  return DEFAULT_BACKOFF_MS * 2 ** Math.max(0, attemptsMade - 1);
}
