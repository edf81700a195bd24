import { fork } from 'node:child_process';
import { hash } from '@node-rs/argon2';
import { ARGON2_OPTIONS } from '#identity';
import { median, type BenchDatabase } from './bench-env.js';
import {
  API_NODE_FLAGS,
  apiEnvironment,
  freePort,
  postJson,
  requestRate,
  startApi,
  stop,
  waitFor,
} from './processes.js';
import type { BenchResult } from './report.js';
import { BENCH_PASSWORD, copyWithoutRowLevelSecurity, seedOrganization } from './seed.js';

const MEMBERS = 20;
const DURATION_SECONDS = 6;
const ROUNDS = 9;
const CONNECTIONS = 10;
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const load = (url: string, token: string) =>
  requestRate(url, QUERY, {
    headers: bearer(token),
    connections: CONNECTIONS,
    seconds: DURATION_SECONDS,
  });
const QUERY = JSON.stringify({
  query: `{ members(first: ${MEMBERS}) { totalCount nodes { id role user { email displayName } } } }`,
});

/** One read through sign-in, row-level security and the request's unit of work, vs none of them. */
export async function securityOverhead(database: BenchDatabase): Promise<BenchResult[]> {
  const seeded = await seedOrganization(database, MEMBERS);
  const plain = await copyWithoutRowLevelSecurity(database);
  const secure = await startApi(database.url);
  const plainPort = await freePort();
  const baseline = fork('dist/bench/baseline-api.js', [], {
    execArgv: [...API_NODE_FLAGS],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    env: {
      ...apiEnvironment(plain.url, plainPort),
      BENCH_USER_ID: seeded.userId,
      BENCH_ORGANIZATION_ID: seeded.organizationId,
    },
  });
  try {
    const secureUrl = `${secure.url}/graphql`;
    const plainUrl = `http://127.0.0.1:${plainPort}/graphql`;
    await waitFor(`http://127.0.0.1:${plainPort}/health/ready`, { method: 'GET' }, baseline);

    const signIn = JSON.stringify({
      query: `mutation($input: SignInInput!) { signIn(input: $input) { session { accessToken } } }`,
      variables: { input: { email: seeded.email, password: BENCH_PASSWORD } },
    });
    const signInTimes: number[] = [];
    let accessToken = '';
    for (let i = 0; i < 10; i++) {
      const started = performance.now();
      const answer = await postJson(secureUrl, signIn);
      signInTimes.push(performance.now() - started);
      accessToken = (answer.data?.signIn as { session: { accessToken: string } }).session
        .accessToken;
    }
    // Both answer the same data before either is measured.
    const [secureAnswer, plainAnswer] = [
      await postJson(secureUrl, QUERY, bearer(accessToken)),
      await postJson(plainUrl, QUERY, bearer('bench-static-token')),
    ];
    if (
      JSON.stringify(secureAnswer.data) !== JSON.stringify(plainAnswer.data) ||
      secureAnswer.errors
    ) {
      throw new Error('The secured and the plain API answer differently');
    }

    await load(secureUrl, accessToken);
    await load(plainUrl, 'bench-static-token');
    const plainRates: number[] = [];
    const secureRates: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      plainRates.push(await load(plainUrl, 'bench-static-token'));
      secureRates.push(await load(secureUrl, accessToken));
    }
    const [baselineRate, secureRate] = [median(plainRates), median(secureRates)];

    const hashTimes: number[] = [];
    for (let i = 0; i < 10; i++) {
      const started = performance.now();
      await hash(BENCH_PASSWORD, ARGON2_OPTIONS);
      hashTimes.push(performance.now() - started);
    }
    const params = `argon2id m=${ARGON2_OPTIONS.memoryCost} KiB, t=${ARGON2_OPTIONS.timeCost}, p=${ARGON2_OPTIONS.parallelism}`;
    return [
      {
        measure: `Authenticated read (members, ${MEMBERS} with their users), ${CONNECTIONS} connections, ${DURATION_SECONDS} s`,
        baseline: `static token, no row-level security, no unit of work: ${baselineRate.toFixed(0)} req/s`,
        result: `access token, row-level security, the request's unit of work: ${secureRate.toFixed(0)} req/s`,
        ratio: secureRate / baselineRate,
        goal: 0.8,
        note:
          `median of ${ROUNDS} alternating rounds after a warm-up; same API, query and data, and the baseline ` +
          'replaces only authentication and the unit of work (bench/baseline-api.ts)',
      },
      {
        measure: `One sign-in (${params})`,
        baseline: `argon2id hash alone: ${median(hashTimes).toFixed(0)} ms`,
        result: `signIn over HTTP: ${median(signInTimes).toFixed(0)} ms`,
        ratio: median(signInTimes) / median(hashTimes),
        goal: null,
        note: 'medians of 10; the goal is 50-200 ms per sign-in on this machine',
      },
    ];
  } finally {
    await Promise.all([stop(secure.child), stop(baseline)]);
    await plain.drop();
  }
}
