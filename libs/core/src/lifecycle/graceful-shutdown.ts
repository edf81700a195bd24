import type { LoggerService } from '@nestjs/common';

/**
 * On SIGTERM or SIGINT: close the application (stop taking work, let running jobs finish up to
 * SHUTDOWN_TIMEOUT_MS, close connections) and exit 0; exit 1 if closing fails or hangs.
 */
export function closeOnSignals(
  app: { close(): Promise<void> },
  options: { timeoutMs: number; logger: LoggerService },
): void {
  let closing = false;
  const handler = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    options.logger.log(`${signal} received: shutting down`, 'Shutdown');
    const force = setTimeout(() => {
      options.logger.error('Shutdown did not finish in time: exiting', undefined, 'Shutdown');
      process.exit(1);
    }, options.timeoutMs + 15_000);
    force.unref();
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        options.logger.error(`Shutdown failed: ${(error as Error).message}`, undefined, 'Shutdown');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', handler);
  process.on('SIGINT', handler);
}

/** Loads a configuration or prints why it is invalid and exits 1. */
export function exitOnStartupError(error: unknown): never {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
