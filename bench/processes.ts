import { fork, spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import autocannon from 'autocannon';
import { API_NODE_FLAGS } from '../apps/api/src/node-flags.js';
import { BENCH_REDIS_URL } from './bench-env.js';

export { API_NODE_FLAGS };

/** The signing secret of every API process a benchmark starts. */
export const BENCH_AUTH_SECRET = 'a secret only the benchmarks use, 48 characters!';

/** A TCP port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return typeof address === 'object' && address ? address.port : 0;
}

/** The environment of an API process in production mode on `databaseUrl`. */
export function apiEnvironment(databaseUrl: string, port: number): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    ASSAY_ENV_FILE: '/dev/null',
    NODE_ENV: 'production',
    PORT: String(port),
    DATABASE_URL: databaseUrl,
    REDIS_URL: BENCH_REDIS_URL,
    QUEUE_PREFIX: `bench${port}`,
    LOG_LEVEL: 'info',
    AUTH_SECRET: BENCH_AUTH_SECRET,
  };
}

/**
 * Starts the built API (`dist/apps/api/src/main.js`) with the flags it is deployed with and
 * waits until it is ready.
 */
export async function startApi(databaseUrl: string): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn('node', [...API_NODE_FLAGS, 'dist/apps/api/src/main.js'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: apiEnvironment(databaseUrl, port),
  });
  const url = `http://127.0.0.1:${port}`;
  await waitFor(`${url}/health/ready`, { method: 'GET' }, child);
  return { url, child };
}

/**
 * Forks one of the benchmarks' baseline servers (`dist/bench/<script>`) on a free port over
 * `databaseUrl` (a copy without row-level security) for `organizationId`, once it listens. It
 * runs with the API's V8 flags, so that a ratio compares code, not garbage collector settings.
 */
export async function startBaseline(
  script: string,
  databaseUrl: string,
  organizationId: string,
): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = fork(`dist/bench/${script}`, [], {
    execArgv: [...API_NODE_FLAGS],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    env: {
      PATH: process.env.PATH,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      BENCH_ORGANIZATION_ID: organizationId,
    },
  });
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', () => reject(new Error(`The baseline ${script} exited`)));
  });
  return { url: `http://127.0.0.1:${port}`, child };
}

/** Throws unless every server gave the same answer (as JSON) to the same request. */
export function sameAnswers(answers: unknown[]): void {
  const [first, ...others] = answers.map((answer) => JSON.stringify(answer));
  const other = others.find((answer) => answer !== first);
  if (other !== undefined) {
    throw new Error(`Servers answer differently:\n${first!.slice(0, 500)}\n${other.slice(0, 500)}`);
  }
}

/** Waits until `url` answers 2xx; fails at once when `child` (serving it) has exited. */
export async function waitFor(url: string, init: RequestInit, child?: ChildProcess): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (child && child.exitCode !== null) throw new Error(`The server for ${url} exited`);
    try {
      if ((await fetch(url, init)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not answer`);
}

/** Stops `child` and waits for it to exit (at once when it already has). */
export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/** POSTs a JSON body and returns the parsed answer. */
export async function postJson<T = { data?: Record<string, unknown>; errors?: unknown[] }>(
  url: string,
  body: string,
  headers: Record<string, string> = {},
): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  return (await response.json()) as T;
}

/** Requests per second of POSTing `body` to `url`, failing on any error or non-2xx answer. */
export async function requestRate(
  url: string,
  body: string,
  options: { headers?: Record<string, string>; connections: number; seconds: number },
): Promise<number> {
  const result = await autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...options.headers },
    body,
    connections: options.connections,
    duration: options.seconds,
  });
  if (result.non2xx || result.errors)
    throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return result.requests.average;
}
