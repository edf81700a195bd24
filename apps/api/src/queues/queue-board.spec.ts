import { describe, expect, it } from '@jest/globals';
import { createRedisBackend, withBackend } from 'bullmq';
import { AppConfig, BullQueueBackend } from '#core';
import { QueueBoard } from './queue-board.js';

/** A Redis backend that is never connected: the board is not built in these cases. */
const redisBackend = () =>
  new BullQueueBackend({
    kind: 'redis',
    classes: withBackend(createRedisBackend),
    producerConnection: null,
    workerConnection: null,
    closeConnections: async () => {},
  });

describe('QueueBoard', () => {
  it('is off with open sign-up, where any organization could have an admin on it', () => {
    const board = new QueueBoard(
      redisBackend(),
      AppConfig.load({ REDIS_URL: 'redis://localhost:6379', SIGNUP_ENABLED: 'true' }),
    );
    expect(board.app).toBeNull();
    expect(board.unavailableNote).toContain('SIGNUP_ENABLED=true');
  });
});
