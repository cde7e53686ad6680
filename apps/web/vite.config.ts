import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";
import { precompress } from "./precompress.ts";

// Libraries every screen needs go in one long-cached vendor chunk; the report's charts
// (recharts, d3) and the barcode library stay in the chunks of the pages that use them.
const VENDOR = /[\\/]node_modules[\\/](react|react-dom|scheduler|react-router|@tanstack[\\/](query-core|react-query)|zod)[\\/]/;
// The app's own shared code (UI components, lib, contracts, each feature's API hooks) in one
// chunk too: split per module it made a page wait for some twenty small files, six at a time.
// The barcode component stays out (it would pull its library into every page).
const SHARED = /([\\/]apps[\\/]web[\\/]src[\\/](components|lib)[\\/]|[\\/]apps[\\/]web[\\/]src[\\/]features[\\/][^\\/]+[\\/]api[\\/]|[\\/]packages[\\/]contracts[\\/])/;
const ZOD_CONFIG = /[\\/]apps[\\/]web[\\/]src[\\/]zod-config\.ts$/;
const OWN_CHUNK = /[\\/]components[\\/]ui[\\/]barcode\.tsx$/;

export default defineConfig({
  plugins: [react(), precompress()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    sourcemap: true,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            // zod-config.ts with the libraries: it must run before any schema is defined, and
            // the shared chunk (contracts) is evaluated before the entry's own modules.
            { name: "vendor", test: (id: string) => VENDOR.test(id) || ZOD_CONFIG.test(id), priority: 2 },
            // Only the matched modules (not what they import: the libraries stay in vendor, the barcode library in its chunk).
            { name: "shared", test: (id: string) => SHARED.test(id) && !OWN_CHUNK.test(id), priority: 1, includeDependenciesRecursively: false },
          ],
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: { "/api": { target: "http://127.0.0.1:3000", changeOrigin: false } },
  },
});
