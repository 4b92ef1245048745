// API keys have no GraphQL mutation: the dashboard calls the Query service's /v1/admin/api-keys with the signed-in key.
import { ApiError, type GraphQLClient, type GraphQLErrorBody } from "./client";
import type { DateTime } from "./types";

export type KeyRole = "ingest" | "read" | "admin";

/** A stored key as the listing shows it: its public id, never its secret. */
export interface ApiKeyListing {
  keyId: string;
  name: string;
  role: KeyRole;
  team: string | null;
  createdAt: DateTime;
  revokedAt: DateTime | null;
}

/** The answer to a create: the one time the full key (`key`) is ever shown. */
export interface IssuedApiKey extends Omit<ApiKeyListing, "revokedAt"> {
  key: string;
}

export interface NewApiKey {
  name: string;
  role: KeyRole;
  team: string | null;
}

const PATH = "/v1/admin/api-keys";

/** RFC 7807 problems as error lines; a validation problem's `errors` name each field. */
async function problemErrors(response: Response): Promise<GraphQLErrorBody[]> {
  try {
    const problem = await response.json();
    const fields: [string, string[]][] = Object.entries(problem?.errors ?? {});
    if (fields.length > 0) return fields.flatMap(([field, messages]) => messages.map((message) => ({ message, path: [field] })));
    const message = problem?.detail ?? problem?.title;
    if (typeof message === "string") return [{ message }];
  } catch {
    /* not JSON: the status says enough */
  }
  return [{ message: `The Query service answered ${response.status}.` }];
}

async function send<T>(client: GraphQLClient, method: string, path: string, body?: unknown): Promise<T | null> {
  const response = await client.fetch(`${client.baseUrl}${path}`, {
    method,
    headers: { Authorization: `Bearer ${client.apiKey}`, Accept: "application/json", ...(body ? { "Content-Type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!response.ok) {
    const error = new ApiError(response.status, await problemErrors(response));
    if (error.unauthorized) client.unauthorized(error);
    throw error;
  }
  return response.status === 204 ? null : ((await response.json()) as T);
}

export async function listApiKeys(client: GraphQLClient): Promise<ApiKeyListing[]> {
  return (await send<ApiKeyListing[]>(client, "GET", PATH)) ?? [];
}

export async function createApiKey(client: GraphQLClient, key: NewApiKey): Promise<IssuedApiKey> {
  return (await send<IssuedApiKey>(client, "POST", PATH, key))!;
}

export async function revokeApiKey(client: GraphQLClient, keyId: string): Promise<void> {
  await send(client, "DELETE", `${PATH}/${encodeURIComponent(keyId)}`);
}
