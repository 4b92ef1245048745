// The one place that talks to /graphql: the key, the HTTP status, GraphQL errors.

export interface GraphQLErrorBody {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; [key: string]: unknown };
}

/** A failure to show: its messages, and codes such as FORBIDDEN or UNAUTHENTICATED. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly errors: GraphQLErrorBody[],
  ) {
    super(errors.map((e) => e.message).join(" ") || `The Query service answered ${status}.`);
    this.name = "ApiError";
  }

  get codes(): string[] {
    return this.errors.map((e) => e.extensions?.code ?? "").filter(Boolean);
  }

  get forbidden(): boolean {
    return this.status === 403 || this.codes.includes("FORBIDDEN");
  }

  /** The key itself was refused: back to sign-in. */
  get unauthorized(): boolean {
    return this.status === 401 || this.codes.includes("UNAUTHENTICATED");
  }
}

/** Any failure as the error lines ErrorList shows. */
export function errorsOf(error: unknown): GraphQLErrorBody[] {
  return error instanceof ApiError ? error.errors : [{ message: String(error) }];
}

export type Variables = Record<string, unknown>;

export interface ClientOptions {
  apiKey: string;
  baseUrl?: string;
  fetch?: typeof fetch;
  /** Called once for any 401, so the shell can return to sign-in. */
  onUnauthorized?: (error: ApiError) => void;
}

export interface GraphQLClient {
  readonly apiKey: string;
  readonly baseUrl: string;
  request<T>(query: string, variables?: Variables, signal?: AbortSignal): Promise<T>;
  /** Like request, but returns partial data together with field errors instead of throwing on them. */
  requestPartial<T>(query: string, variables?: Variables, signal?: AbortSignal): Promise<{ data: T | null; errors: GraphQLErrorBody[] }>;
  fetch: typeof fetch;
  unauthorized(error: ApiError): void;
}

async function readErrors(response: Response): Promise<GraphQLErrorBody[]> {
  try {
    const body = await response.json();
    if (Array.isArray(body?.errors)) return body.errors;
    // Access answers 401/403 as RFC 7807 problem details.
    if (typeof body?.title === "string" || typeof body?.detail === "string") return [{ message: body.detail ?? body.title }];
  } catch {
    /* not JSON: the status says enough */
  }
  return [];
}

export function createClient(options: ClientOptions): GraphQLClient {
  const baseUrl = options.baseUrl ?? "";
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const unauthorized = (error: ApiError) => options.onUnauthorized?.(error);

  async function requestPartial<T>(query: string, variables?: Variables, signal?: AbortSignal) {
    const response = await doFetch(`${baseUrl}/graphql`, {
      method: "POST",
      headers: {
        Authorization: `Bearer ${options.apiKey}`,
        "Content-Type": "application/json",
        Accept: "application/graphql-response+json, application/json",
      },
      body: JSON.stringify({ query, variables }),
      signal,
    });
    if (response.status === 401 || response.status === 403) {
      const error = new ApiError(response.status, await readErrors(response));
      if (error.unauthorized) unauthorized(error);
      throw error;
    }
    let body: { data?: T | null; errors?: GraphQLErrorBody[] };
    try {
      body = await response.json();
    } catch {
      throw new ApiError(response.status, [{ message: `The Query service answered ${response.status} without a GraphQL result.` }]);
    }
    const errors = body.errors ?? [];
    if (errors.some((e) => e.extensions?.code === "UNAUTHENTICATED")) {
      const error = new ApiError(401, errors);
      unauthorized(error);
      throw error;
    }
    if (!response.ok && body.data == null) throw new ApiError(response.status, errors);
    return { data: body.data ?? null, errors };
  }

  return {
    apiKey: options.apiKey,
    baseUrl,
    fetch: doFetch,
    unauthorized,
    requestPartial,
    async request<T>(query: string, variables?: Variables, signal?: AbortSignal): Promise<T> {
      const { data, errors } = await requestPartial<T>(query, variables, signal);
      if (errors.length > 0 || data == null) throw new ApiError(200, errors);
      return data;
    },
  };
}
