// The workbench is static files served by `fkg serve` from ui/dist; during
// development `npm run dev` proxies the API to a running `fkg serve`.
import { defineConfig } from "vite";

const api = process.env.FKG_API ?? "http://127.0.0.1:7878";

export default defineConfig({
  base: "./",
  build: { outDir: "dist", emptyOutDir: true, chunkSizeWarningLimit: 4096 },
  server: {
    proxy: Object.fromEntries(
      ["/api", "/sparql", "/query", "/health"].map((p) => [p, api]),
    ),
  },
});
