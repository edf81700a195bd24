import { describe, expect, it } from '@jest/globals';
import { Injectable } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { LoggerModule } from 'nestjs-pino';
import { JobRegistry, REQUIRE_EVERY_JOB_HANDLER } from './job-registry.js';
import { JobName } from './job.types.js';
import { OnJob } from './on-job.decorator.js';
import type { RequestContext } from '../context/request-context.js';

const handled: string[] = [];

/** A provider with one @OnJob handler for each of `names`, recording what it handles. */
function handlersFor(className: string, names: readonly JobName[]): new () => object {
  const Handlers = { [className]: class {} }[className]!;
  for (const name of names) {
    const descriptor = {
      value: async (_ctx: RequestContext, data: unknown) =>
        void handled.push(`${name}:${JSON.stringify(data)}`),
      writable: true,
      configurable: true,
    };
    Object.defineProperty(Handlers.prototype, `handle${names.indexOf(name)}`, descriptor);
    OnJob(name)(Handlers.prototype, `handle${names.indexOf(name)}`, descriptor);
  }
  Injectable()(Handlers);
  return Handlers;
}

const AllHandlers = handlersFor('AllHandlers', Object.values(JobName));
const MissingHeartbeat = handlersFor(
  'MissingHeartbeat',
  Object.values(JobName).filter((name) => name !== JobName.WorkerHeartbeat),
);

@Injectable()
class SecondCheckHandler {
  @OnJob(JobName.PipelineCheck)
  async alsoCheck() {}
}

async function boot(
  ...providers: Array<(new (...args: never[]) => unknown) | { provide: symbol; useValue: unknown }>
) {
  const module = await Test.createTestingModule({
    imports: [DiscoveryModule, LoggerModule.forRoot({ pinoHttp: { level: 'silent' } })],
    providers: [JobRegistry, ...providers],
  }).compile();
  await module.init();
  return module;
}

describe('JobRegistry', () => {
  it('dispatches each job to its one handler', async () => {
    const module = await boot(AllHandlers);
    const registry = module.get(JobRegistry);
    const signal = new AbortController().signal;
    await registry.dispatch(
      JobName.PipelineCheck,
      { checkId: 'c1' },
      {
        id: 'j1',
        name: JobName.PipelineCheck,
        attempt: 1,
        signal,
      },
    );
    expect(handled).toContain(`${JobName.PipelineCheck}:${JSON.stringify({ checkId: 'c1' })}`);
    expect(registry.getStats().get(JobName.PipelineCheck)).toMatchObject({
      completed: 1,
      failed: 0,
    });
    await module.close();
  });

  it('refuses to start when a job has no handler', async () => {
    await expect(boot(MissingHeartbeat)).rejects.toThrow(
      `job "${JobName.WorkerHeartbeat}" has no handler`,
    );
  });

  it('lets a process that only produces jobs start without their handlers', async () => {
    const module = await boot(MissingHeartbeat, {
      provide: REQUIRE_EVERY_JOB_HANDLER,
      useValue: false,
    });
    const registry = module.get(JobRegistry);
    await expect(
      registry.dispatch(
        JobName.WorkerHeartbeat,
        {},
        {
          id: 'j',
          name: JobName.WorkerHeartbeat,
          attempt: 1,
          signal: new AbortController().signal,
        },
      ),
    ).rejects.toThrow(`No handler for job "${JobName.WorkerHeartbeat}"`);
    await module.close();
  });

  it('refuses to start when a job has two handlers, naming both', async () => {
    await expect(boot(AllHandlers, SecondCheckHandler)).rejects.toThrow(
      /job "system.pipeline-check" has 2 handlers: AllHandlers.handle0, SecondCheckHandler.alsoCheck/,
    );
  });
});
