import { defineConfig } from "vite";

// The gateway serves dist/ and the API from one origin; `npm run dev` proxies the API to a
// local gateway on :8080.
export default defineConfig({
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // No inline scripts or data: modules: the gateway's CSP allows scripts from 'self' only.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 1200,
  },
  server: { proxy: { "/api": "http://127.0.0.1:8080" } },
});
