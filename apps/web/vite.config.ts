import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";
import { precompress } from "./precompress.ts";

// Libraries every screen needs go in one long-cached vendor chunk; the report's charts
// (recharts, d3) and the barcode library stay in the chunks of the pages that use them.
const VENDOR = /[\\/]node_modules[\\/](react|react-dom|scheduler|react-router|@tanstack|zod)[\\/]/;

export default defineConfig({
  plugins: [react(), precompress()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    sourcemap: true,
    rolldownOptions: {
      output: { codeSplitting: { groups: [{ name: (id: string) => (VENDOR.test(id) ? "vendor" : null) }] } },
    },
  },
  server: {
    port: 5173,
    proxy: { "/api": { target: "http://127.0.0.1:3000", changeOrigin: false } },
  },
});
