import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/**
 * PostgreSQL compiled to WebAssembly (PGlite), served on loopback so that the ordinary `pg`
 * driver and TypeORM talk to it unchanged. One connection only: every client connection would
 * share PGlite's single session.
 */
export class EmbeddedPostgres {
  private constructor(
    private readonly db: PGlite,
    private readonly server: PGLiteSocketServer,
    private readonly lockFile: string | null,
    /** Connection URL for `pg`, on 127.0.0.1 and a port chosen by the system. */
    readonly url: string,
  ) {}

  /** Starts PGlite on `dataDir` (kept across restarts) or in memory when `dataDir` is null. */
  static async start(dataDir: string | null): Promise<EmbeddedPostgres> {
    let lockFile: string | null = null;
    if (dataDir) {
      await mkdir(dataDir, { recursive: true });
      lockFile = join(dataDir, 'assay.pid');
      await acquireLock(lockFile);
    }
    try {
      const db = await PGlite.create(dataDir ? { dataDir: join(dataDir, 'pgdata') } : {});
      const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 1 });
      await server.start();
      const url = `postgres://postgres@${server.getServerConn()}/postgres`;
      return new EmbeddedPostgres(db, server, lockFile, url);
    } catch (error) {
      if (lockFile) await rm(lockFile, { force: true });
      throw error;
    }
  }

  /** Closes the socket and shuts PGlite down cleanly so that its files are consistent. */
  async stop(): Promise<void> {
    await this.server.stop();
    await this.db.close();
    if (this.lockFile) await rm(this.lockFile, { force: true });
  }
}

/** Two processes on one PGlite directory would corrupt it: refuse the second one clearly. */
async function acquireLock(lockFile: string): Promise<void> {
  const holder = await readFile(lockFile, 'utf8').then(
    (text) => Number.parseInt(text, 10),
    () => null,
  );
  if (holder && holder !== process.pid && isAlive(holder)) {
    throw new Error(
      `The embedded database in ${lockFile.replace(/assay\.pid$/, '')} is in use by process ${holder}. ` +
        'Stop it, or set ASSAY_DATA_DIR to another directory.',
    );
  }
  await writeFile(lockFile, String(process.pid));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
