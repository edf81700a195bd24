import type { JobPipelineStatus, PipelineCheck, PipelineCheckDelivery } from '#core';
import { toGlobalId } from '../graphql/relay/global-id.js';
import {
  JobPipelineModel,
  PipelineCheckDeliveryModel,
  PipelineCheckModel,
  PipelineCheckOutcomeModel,
  PipelineCheckStatusModel,
  QueueBackendModel,
} from './pipeline-check.model.js';

export const PIPELINE_CHECK_TYPE = 'JobPipelineCheck';

export function toPipelineCheckModel(check: PipelineCheck): PipelineCheckModel {
  return Object.assign(new PipelineCheckModel(), {
    id: toGlobalId(PIPELINE_CHECK_TYPE, check.id),
    rowId: check.id,
    requestedAt: check.createdAt,
    runAt: check.runAt,
    holdSeconds: Math.round(check.holdMs / 1_000),
    status: check.completedAt
      ? PipelineCheckStatusModel.COMPLETED
      : PipelineCheckStatusModel.PENDING,
    completedAt: check.completedAt,
  });
}

export function toPipelineCheckDeliveryModel(
  delivery: PipelineCheckDelivery,
): PipelineCheckDeliveryModel {
  return Object.assign(new PipelineCheckDeliveryModel(), {
    checkRowId: delivery.checkId,
    attempt: delivery.attempt,
    worker: delivery.worker,
    outcome: PipelineCheckOutcomeModel[delivery.outcome],
    deliveredAt: delivery.deliveredAt,
  });
}

export function toJobPipelineModel(status: JobPipelineStatus): JobPipelineModel {
  return Object.assign(new JobPipelineModel(), {
    backend: QueueBackendModel[status.backend.toUpperCase() as keyof typeof QueueBackendModel],
    lastHeartbeatAt: status.heartbeat?.beatAt ?? null,
    lastHeartbeatWorker: status.heartbeat?.worker ?? null,
  });
}
