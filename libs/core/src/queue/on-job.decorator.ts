import { SetMetadata } from '@nestjs/common';
import type { RequestContext } from '../context/request-context.js';
import type { JobDelivery, JobName, JobPayloads } from './job.types.js';

export const JOB_HANDLER_METADATA = 'assay:job-handler';

export type JobHandlerFn<Name extends JobName> = (
  ctx: RequestContext,
  data: JobPayloads[Name],
  delivery: JobDelivery,
) => Promise<void>;

/**
 * Marks a provider method as the one handler of a job. The method must be idempotent: a job
 * may be delivered more than once.
 */
export function OnJob<Name extends JobName>(name: Name) {
  return <Handler extends JobHandlerFn<Name>>(
    target: object,
    key: string | symbol,
    descriptor: TypedPropertyDescriptor<Handler>,
  ) => {
    SetMetadata(JOB_HANDLER_METADATA, name)(target, key, descriptor);
  };
}
