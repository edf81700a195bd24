import { Module } from '@nestjs/common';
import { DeliveriesByCheckIdLoader, PipelineCheckByIdLoader } from './pipeline-check.loaders.js';
import { PipelineCheckDeliveryResolver, PipelineCheckResolver } from './pipeline-check.resolver.js';
import { QueueCountResolver } from './queue-count.resolver.js';

@Module({
  providers: [
    PipelineCheckResolver,
    PipelineCheckDeliveryResolver,
    PipelineCheckByIdLoader,
    DeliveriesByCheckIdLoader,
    QueueCountResolver,
  ],
})
export class DiagnosticsApiModule {}
