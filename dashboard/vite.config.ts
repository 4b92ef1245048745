/// <reference types="vitest" />
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// In development the API runs elsewhere: QUERY_URL=http://127.0.0.1:PORT npm run dev proxies /graphql and /export to it.
const queryUrl = process.env.QUERY_URL;

export default defineConfig({
  base: "/",
  plugins: [react()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // Libraries change less often than the app: a separate chunk stays cached across app releases.
    rollupOptions: { output: { manualChunks: { vendor: ["react", "react-dom", "recharts"] } } },
    chunkSizeWarningLimit: 600,
  },
  server: queryUrl ? { proxy: { "/graphql": queryUrl, "/export": queryUrl } } : undefined,
  test: {
    environment: "jsdom",
    globals: true,
    setupFiles: ["src/test/setup.ts"],
    // jsdom renders of whole views take seconds on a busy shared machine (CI runs other suites beside this one);
    // 5 s timed out there while every check passed when run again.
    testTimeout: 20_000,
  },
});
