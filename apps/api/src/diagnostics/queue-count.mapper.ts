import type { QueueCount } from '#core';
import { QueueCountModel } from './queue-count.model.js';

export function toQueueCountModel(count: QueueCount): QueueCountModel {
  return Object.assign(new QueueCountModel(), {
    queue: count.queue,
    waiting: count.waiting,
    delayed: count.delayed,
    active: count.active,
    failed: count.failed,
    completed: count.completed,
  });
}
