import { ApiError, type GraphQLClient } from "./client";

/**
 * Downloads /export/usage.csv with the same filter parameters the view uses. The export needs the
 * Authorization header, which a plain link cannot send, so it is fetched and handed to the browser as a blob.
 */
export async function downloadUsageCsv(client: GraphQLClient, query: URLSearchParams): Promise<void> {
  const qs = query.toString();
  const response = await client.fetch(`${client.baseUrl}/export/usage.csv${qs ? `?${qs}` : ""}`, {
    headers: { Authorization: `Bearer ${client.apiKey}`, Accept: "text/csv" },
  });
  if (!response.ok) {
    let message = `The export was answered ${response.status}.`;
    try {
      const problem = await response.json();
      message = problem.detail ?? problem.title ?? message;
    } catch {
      /* keep the status */
    }
    const error = new ApiError(response.status, [{ message }]);
    if (response.status === 401) client.unauthorized(error);
    throw error;
  }
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = `usage-${new Date().toISOString().slice(0, 19).replace(/[:T]/g, "-")}.csv`;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
