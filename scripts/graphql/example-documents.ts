import { spawnSync } from 'node:child_process';
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, join, relative, sep } from 'node:path';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import {
  GraphQLError,
  Kind,
  Lexer,
  Source,
  TokenKind,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type GraphQLSchema,
  type Token,
  type ValidationRule,
} from 'graphql';
import type { AppConfig } from '../../libs/core/src/config/app-config.js';

/** A `.graphql` file of examples/. */
export interface ExampleDocument {
  /** Relative to the examples directory, with forward slashes. */
  readonly path: string;
  readonly source: string;
  /**
   * Under `relay/`: written for Relay clients, with Relay's directives (@connection,
   * @refetchable, @arguments), so only relay-compiler reads it; an ordinary client never sends it.
   */
  readonly relayOnly: boolean;
}

/** The limits the API enforces before any resolver runs. */
export interface DocumentLimits {
  readonly rules: readonly ValidationRule[];
  readonly maxTokens: number;
  readonly maxBytes: number;
}

/**
 * The API's limits under `config` (apps/api/src/graphql/limits.ts: the same graphql-armor rules
 * and numbers), except that the messages name the limit: the API keeps it to itself.
 */
export function apiLimits(config: AppConfig): DocumentLimits {
  const limits = config.graphql;
  const armor = new ApolloArmor({
    maxDepth: { n: limits.maxDepth, exposeLimits: true },
    maxAliases: { n: limits.maxAliases, exposeLimits: true },
    costLimit: { maxCost: limits.maxCost, exposeLimits: true },
    maxTokens: { enabled: false },
    maxDirectives: { n: limits.maxDirectives, exposeLimits: true },
    blockFieldSuggestion: { enabled: false },
  }).protect();
  return {
    rules: armor.validationRules ?? [],
    maxTokens: limits.maxTokens,
    maxBytes: limits.maxQueryBytes,
  };
}

/** Every `.graphql` file under `directory`, sorted, skipping dot-directories and node_modules. */
export async function findExampleDocuments(directory: string): Promise<ExampleDocument[]> {
  const entries = await readdir(directory, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.graphql'))
    .map((entry) => relative(directory, join(entry.parentPath, entry.name)))
    .filter(
      (path) => !path.split(sep).some((part) => part.startsWith('.') || part === 'node_modules'),
    )
    .sort();
  return Promise.all(
    files.map(async (path) => ({
      path: path.split(sep).join('/'),
      source: await readFile(join(directory, path), 'utf8'),
      relayOnly: path.split(sep)[0] === 'relay',
    })),
  );
}

/**
 * What is wrong with one document an ordinary client sends as it is: it must parse within the
 * token and size limits, hold exactly one named operation, and pass graphql-js validation against
 * `schema` plus the API's own limits (depth, aliases, cost, directives).
 */
export function documentProblems(
  schema: GraphQLSchema,
  source: string,
  limits: DocumentLimits,
): string[] {
  if (Buffer.byteLength(source) > limits.maxBytes) {
    return [`larger than GRAPHQL_MAX_QUERY_BYTES (${limits.maxBytes} bytes)`];
  }
  let document: DocumentNode;
  try {
    document = parse(source, { maxTokens: limits.maxTokens });
  } catch (error) {
    return [formatError(error)];
  }
  const operations = document.definitions.filter(
    (definition) => definition.kind === Kind.OPERATION_DEFINITION,
  );
  const problems: string[] = [];
  if (operations.length !== 1) {
    problems.push(`holds ${operations.length} operations: one per file, so clients can name it`);
  }
  if (operations.some((operation) => !operation.name)) {
    problems.push('an operation has no name');
  }
  return [
    ...problems,
    ...validate(schema, document, [...specifiedRules, ...limits.rules]).map(formatError),
  ];
}

function formatError(error: unknown): string {
  if (!(error instanceof GraphQLError)) return String(error);
  const where = error.locations?.map((location) => `${location.line}:${location.column}`);
  return where?.length ? `${where.join(', ')}: ${error.message}` : error.message;
}

/**
 * A TypeScript module holding the document as one `graphql` tagged template: what relay-compiler
 * reads (it reads no `.graphql` files). Comments are blanked, so that a backtick in one cannot
 * end the template, and lines stay where they are in the file, so that relay-compiler's line
 * numbers are the file's. Relay names the module after the file: `AddVendorContact.graphql` must
 * define `AddVendorContactMutation` and the like.
 */
export function relayModule(source: string): string {
  const lexer = new Lexer(new Source(source));
  const start = lexer.token;
  // advance() skips comments, but links them into the token list.
  while (lexer.advance().kind !== TokenKind.EOF);
  let text = '';
  let copied = 0;
  for (let token: Token | null = start; token; token = token.next) {
    if (token.kind !== TokenKind.COMMENT) continue;
    text += source.slice(copied, token.start) + ' '.repeat(token.end - token.start);
    copied = token.end;
  }
  text += source.slice(copied);
  // A template literal would end at a backtick, or interpolate `${`, and relay-compiler then
  // skips the document without a word.
  if (/`|\$\{/.test(text)) {
    throw new Error('holds a backtick or ${ outside a comment, which relay-compiler cannot read');
  }
  return `declare function graphql(strings: TemplateStringsArray): unknown; export const document = graphql\`${text}\`;\n`;
}

export interface RelayCompilation {
  readonly ok: boolean;
  /** What relay-compiler printed. */
  readonly output: string;
  /** Operation name to the text a Relay client would send (fragments included). */
  readonly operations: Record<string, string>;
}

/**
 * Compiles `documents` with relay-compiler and the `relay.config.json` of `configDirectory`,
 * which reads the modules from `.relay/src` and writes artifacts and the operation texts under
 * `.relay/`; the directory is removed afterwards.
 */
export async function compileWithRelay(
  configDirectory: string,
  documents: readonly ExampleDocument[],
): Promise<RelayCompilation> {
  const work = join(configDirectory, '.relay');
  await rm(work, { recursive: true, force: true });
  try {
    await mkdir(join(work, 'src'), { recursive: true });
    await mkdir(join(work, '__generated__'), { recursive: true });
    // relay-compiler adds to the persisted-operations file; it must exist.
    await writeFile(join(work, 'operations.json'), '{}\n');
    const modules = new Map<string, string>();
    const problems: string[] = [];
    for (const document of documents) {
      const module = basename(document.path, '.graphql');
      const clash = modules.get(module);
      if (clash) {
        problems.push(
          `${document.path}: ${clash} has the same name, and Relay names modules by file`,
        );
        continue;
      }
      modules.set(module, document.path);
      try {
        await writeFile(join(work, 'src', `${module}.ts`), relayModule(document.source));
      } catch (error) {
        problems.push(
          `${document.path}: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
    if (problems.length) return { ok: false, output: problems.join('\n'), operations: {} };

    const cli = createRequire(import.meta.url).resolve('relay-compiler/cli.js');
    const run = spawnSync(
      process.execPath,
      [cli, 'relay.config.json', '--noWatchman', '--output', 'quiet-with-errors'],
      { cwd: configDirectory, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } },
    );
    let output = `${run.stdout ?? ''}${run.stderr ?? ''}${run.error ? String(run.error) : ''}`;
    // Name the example file, not the module written for relay-compiler (the lines are the same).
    for (const [module, path] of modules) {
      output = output.replaceAll(`.relay/src/${module}.ts`, path);
    }
    if (run.status !== 0) return { ok: false, output, operations: {} };

    // relay-compiler skips a template it cannot read without failing: every definition must have
    // come out as an artifact.
    const artifacts = new Set(await readdir(join(work, '__generated__')));
    for (const document of documents) {
      for (const definition of parse(document.source).definitions) {
        const name = 'name' in definition ? definition.name?.value : undefined;
        if (name && !artifacts.has(`${name}.graphql.ts`)) {
          problems.push(`${document.path}: relay-compiler produced nothing for ${name}`);
        }
      }
    }
    if (problems.length) return { ok: false, output: problems.join('\n'), operations: {} };
    const persisted = JSON.parse(await readFile(join(work, 'operations.json'), 'utf8')) as Record<
      string,
      string
    >;
    const operations: Record<string, string> = {};
    for (const text of Object.values(persisted)) {
      const name = /^(?:query|mutation|subscription)\s+(\w+)/.exec(text)?.[1] ?? text.slice(0, 40);
      operations[name] = text;
    }
    return { ok: true, output, operations };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
