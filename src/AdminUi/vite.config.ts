import { defineConfig } from "vite";

// The host serves the build at /admin (src/Host/AdminUiEndpoints.cs); `npm run dev` proxies /api to a running host.
export default defineConfig({
  base: "/admin/",
  esbuild: { jsx: "automatic" },
  build: {
    outDir: "../Host/wwwroot/admin",
    emptyOutDir: true,
    target: "es2022",
    chunkSizeWarningLimit: 400,
    rollupOptions: {
      // React in its own chunk: it changes far less often than the screens, so browsers keep it cached across releases.
      output: { manualChunks: (id) => (id.includes("node_modules") ? "vendor" : undefined) },
    },
  },
  server: {
    proxy: {
      "/api": process.env.ONESTOP_API ?? "http://localhost:5080",
      "/qr": process.env.ONESTOP_API ?? "http://localhost:5080",
      "/in": process.env.ONESTOP_API ?? "http://localhost:5080",
    },
  },
});
