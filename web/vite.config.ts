import { defineConfig } from "vitest/config";
import react from "@vitejs/plugin-react";

// The UI is served by the Mastro server itself: index.html at "/" and client routes under "/ui/",
// hashed assets under "/ui/assets/" so they can never shadow an API route (e.g. GET /assets/).
export default defineConfig({
  plugins: [react()],
  base: "/",
  build: {
    assetsDir: "ui/assets",
    // Everything is embedded in the server binary: no inlined-vs-file split to reason about.
    assetsInlineLimit: 0,
    sourcemap: false,
  },
  server: {
    // `npm run dev` against a local `mastro serve` (default port 8085): the API is same-origin through the proxy.
    proxy: Object.fromEntries(
      ["/asset", "/assets", "/featureset", "/metricstore", "/api", "/lineage", "/healthcheck"].map((p) => [p, "http://localhost:8085"]),
    ),
  },
  test: {
    environment: "node",
    include: ["src/**/*.test.ts"],
  },
});
