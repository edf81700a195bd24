/** A GraphQL response as the client saw it. */
export interface GraphqlResponse<Data> {
  readonly status: number;
  readonly data?: Data | null;
  readonly errors?: Array<{
    message: string;
    path?: Array<string | number>;
    extensions?: { code?: string; [key: string]: unknown };
  }>;
}

/** A small GraphQL-over-HTTP client: POST application/json, as any real client would. */
export class GraphqlClient {
  constructor(
    readonly url: string,
    private readonly headers: Record<string, string> = {},
  ) {}

  /** The same client, sending `Authorization: Bearer <token>`. */
  withToken(token: string): GraphqlClient {
    return new GraphqlClient(this.url, { ...this.headers, authorization: `Bearer ${token}` });
  }

  /** Sends one operation (or any body) and returns status, data and errors. */
  async request<Data = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    options: { headers?: Record<string, string>; body?: unknown } = {},
  ): Promise<GraphqlResponse<Data>> {
    const response = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...this.headers, ...options.headers },
      body: JSON.stringify(options.body ?? { query, variables }),
    });
    const text = await response.text();
    let body: Omit<GraphqlResponse<Data>, 'status'>;
    try {
      body = JSON.parse(text) as Omit<GraphqlResponse<Data>, 'status'>;
    } catch {
      throw new Error(`Not JSON (HTTP ${response.status}): ${text.slice(0, 300)}`);
    }
    return { status: response.status, ...body };
  }

  /** Sends one operation and returns its data, failing on any error. */
  async data<Data = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<Data> {
    const response = await this.request<Data>(query, variables);
    if (response.errors?.length || !response.data) {
      throw new Error(`GraphQL errors: ${JSON.stringify(response.errors)}`);
    }
    return response.data;
  }
}
