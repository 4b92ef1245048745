import { afterEach } from "vitest";
import { cleanup, configure } from "@testing-library/react";

// findBy/waitFor wait for a condition; 1 s (the default) is too short on a loaded CI machine, not a slow app.
configure({ asyncUtilTimeout: 5000 });

afterEach(() => {
  cleanup();
  sessionStorage.clear();
  window.history.replaceState(null, "", "/");
});

// jsdom has no layout: Recharts' ResponsiveContainer needs a ResizeObserver to exist.
class NoopResizeObserver {
  observe() {}
  unobserve() {}
  disconnect() {}
}
globalThis.ResizeObserver ??= NoopResizeObserver as unknown as typeof ResizeObserver;
