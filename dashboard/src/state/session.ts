import { createContext, useContext } from "react";
import { ApiError, createClient, type GraphQLClient } from "../api/client";
import { VIEWER_QUERY, type ViewerResult } from "../api/operations";

const KEY_ITEM = "tokenoptimizer.apiKey";

export function storedKey(): string | null {
  return sessionStorage.getItem(KEY_ITEM);
}

export function storeKey(key: string | null): void {
  if (key) sessionStorage.setItem(KEY_ITEM, key);
  else sessionStorage.removeItem(KEY_ITEM);
}

export type Role = "admin" | "read";

/** The key's role, from `viewer`. Throws ApiError for a key the service refuses (401) or one that may not read (403, an ingest key). */
export async function fetchRole(client: GraphQLClient): Promise<Role> {
  const { viewer } = await client.request<ViewerResult>(VIEWER_QUERY);
  return viewer.role === "ADMIN" ? "admin" : "read";
}

export function signInMessage(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 401) return "That API key was refused (401). Check it, or ask an admin for a read key.";
    if (error.status === 403) return "That key may not read (403): an ingest key only sends usage. Use a read or admin key.";
    return error.message;
  }
  return `The Query service could not be reached: ${(error as Error).message}`;
}

export interface Session {
  client: GraphQLClient;
  role: Role;
  /** Bumped each time dashboardUpdated fires: views refetch on it. */
  liveVersion: number;
  signOut: (message?: string) => void;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useSession outside the signed-in shell");
  return session;
}

export { createClient };
