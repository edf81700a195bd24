/*
 * npm run examples:check: every document of examples/ against schema.graphql.
 *
 * 1. Each document an ordinary client sends (all but examples/relay/) passes graphql-js
 *    validation and the API's own limits (tokens, size, depth, aliases, cost, directives).
 * 2. relay-compiler compiles every document, examples/relay/ included, with
 *    examples/relay.config.json: Relay's naming rules, the `Node` interface and global ids
 *    (@refetchable), the connection shape (@connection).
 * 3. The operation texts relay-compiler produced, the ones a Relay client would send, pass the
 *    same validation and limits as 1.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { buildSchema } from 'graphql';
import { AppConfig } from '../../libs/core/src/config/app-config.js';
import {
  apiLimits,
  compileWithRelay,
  documentProblems,
  findExampleDocuments,
} from './example-documents.js';

async function main(): Promise<void> {
  const examples = resolve(process.argv[2] ?? 'examples');
  const schemaPath = resolve(process.argv[3] ?? 'schema.graphql');
  const schema = buildSchema(await readFile(schemaPath, 'utf8'));
  // The defaults every deployment starts from: the examples must fit them.
  const limits = apiLimits(AppConfig.load({}));

  const documents = await findExampleDocuments(examples);
  let failed = documents.length === 0;
  if (failed) console.error(`No .graphql documents under ${examples}`);
  for (const document of documents.filter((candidate) => !candidate.relayOnly)) {
    const problems = documentProblems(schema, document.source, limits);
    for (const problem of problems) console.error(located(`examples/${document.path}`, problem));
    failed ||= problems.length > 0;
  }

  const relay = await compileWithRelay(examples, documents);
  if (!relay.ok) {
    console.error(`relay-compiler refused the examples:\n${relay.output}`);
    failed = true;
  }
  for (const [name, text] of Object.entries(relay.operations)) {
    const problems = documentProblems(schema, text, limits);
    for (const problem of problems) console.error(`${name} (as Relay sends it): ${problem}`);
    failed ||= problems.length > 0;
  }

  if (failed) {
    process.exitCode = 1;
    return;
  }
  console.log(
    `${documents.length} example documents valid against ${schemaPath}; ` +
      `relay-compiler compiled them into ${Object.keys(relay.operations).length} operations, all valid.`,
  );
}

/** `file:3:5: message` when the problem has a position (editors link it), else `file: message`. */
function located(file: string, problem: string): string {
  return /^\d+:\d+/.test(problem) ? `${file}:${problem}` : `${file}: ${problem}`;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
