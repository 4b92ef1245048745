import { createServer } from "node:net";
import type { AddressInfo } from "node:net";

/** A loopback URL where nothing listens: the kernel picked the port, and it is closed again. */
export async function unusedUrl(): Promise<string> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return `http://127.0.0.1:${port}`;
}
