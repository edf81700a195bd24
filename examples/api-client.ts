import { readFile, readdir } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { parse, Kind } from 'graphql';
import { ClientError, GraphQLClient } from 'graphql-request';

/** One entry of a GraphQL answer's `errors`, as Assay writes it. */
export interface ApiError {
  readonly message: string;
  readonly code: string;
  /** BAD_USER_INPUT: which input fields are wrong, and why. */
  readonly fields?: ReadonlyArray<{ path: string; message: string }>;
}

/** The server answered an operation with errors (or not with GraphQL at all). */
export class OperationFailed extends Error {
  constructor(
    readonly operation: string,
    readonly errors: readonly ApiError[],
  ) {
    super(
      `${operation} failed: ` +
        errors
          .map((error) => {
            const fields = error.fields?.map((field) => `${field.path}: ${field.message}`);
            return `${error.code}: ${error.message}${fields?.length ? ` (${fields.join('; ')})` : ''}`;
          })
          .join(' | '),
    );
    this.name = 'OperationFailed';
  }
}

/**
 * The operation documents of examples/ by operation name (`SignInMutation` → its file's text),
 * all but examples/relay/, which only Relay clients read.
 */
export async function loadOperations(directory: string): Promise<Map<string, string>> {
  const operations = new Map<string, string>();
  const files = (await readdir(directory, { recursive: true })).filter(
    (file) =>
      file.endsWith('.graphql') &&
      !file.split(sep).some((part) => part.startsWith('.') || part === 'relay'),
  );
  for (const file of files) {
    const source = await readFile(join(directory, file), 'utf8');
    for (const definition of parse(source).definitions) {
      if (definition.kind === Kind.OPERATION_DEFINITION && definition.name) {
        operations.set(definition.name.value, source);
      }
    }
  }
  return operations;
}

/**
 * An ordinary GraphQL client (graphql-request) that sends the example documents by operation
 * name, with a member's or vendor contact's access token once there is one.
 */
export class AssayClient {
  private readonly client: GraphQLClient;

  constructor(
    readonly url: string,
    private readonly operations: Map<string, string>,
    private readonly token?: string,
  ) {
    this.client = new GraphQLClient(url, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
  }

  /** The same client, acting with `token` (`Authorization: Bearer <token>`). */
  as(token: string): AssayClient {
    return new AssayClient(this.url, this.operations, token);
  }

  /** Runs one example operation; any error in the answer throws OperationFailed. */
  async run<Data>(operation: string, variables: Record<string, unknown> = {}): Promise<Data> {
    const document = this.operations.get(operation);
    if (!document) throw new Error(`No example document defines ${operation}`);
    try {
      return await this.client.request<Data>(document, variables);
    } catch (error) {
      if (error instanceof ClientError) {
        throw new OperationFailed(
          operation,
          (error.response.errors ?? []).map((entry) => {
            const extensions = (entry.extensions ?? {}) as {
              code?: string;
              fields?: ApiError['fields'];
            };
            return {
              message: entry.message,
              code: extensions.code ?? `HTTP ${error.response.status}`,
              fields: extensions.fields,
            };
          }),
        );
      }
      throw error;
    }
  }

  /**
   * Runs an operation that must be refused with `code`, and returns the error: anything else
   * (success, another code) throws.
   */
  async refused(
    operation: string,
    variables: Record<string, unknown>,
    code: string,
  ): Promise<ApiError> {
    try {
      await this.run(operation, variables);
    } catch (error) {
      const expected =
        error instanceof OperationFailed && error.errors.find((entry) => entry.code === code);
      if (expected) return expected;
      throw error;
    }
    throw new Error(`${operation} succeeded; expected ${code}`);
  }

  /** Uploads a file (POST /files beside /graphql, multipart field `file`) and returns its id. */
  async upload(name: string, content: string, mediaType: string): Promise<string> {
    const form = new FormData();
    form.append('file', new Blob([content], { type: mediaType }), name);
    const response = await fetch(new URL('/files', this.url), {
      method: 'POST',
      headers: this.token ? { authorization: `Bearer ${this.token}` } : {},
      body: form,
    });
    const body = (await response.json()) as {
      id?: string;
      errors?: Array<{ message: string; extensions?: { code?: string } }>;
    };
    if (response.status !== 201 || !body.id) {
      throw new OperationFailed(
        'POST /files',
        (body.errors ?? []).map((entry) => ({
          message: entry.message,
          code: entry.extensions?.code ?? `HTTP ${response.status}`,
        })),
      );
    }
    return body.id;
  }
}
