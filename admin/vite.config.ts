import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// `pnpm dev` runs the API and this dev server (hot reload), which proxies /graphql, HTTP and
// WebSocket, to the API (PHARMADESK_API_URL, default http://localhost:4000 as `pnpm start`).
const api = process.env.PHARMADESK_API_URL ?? 'http://localhost:4000';

export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', chunkSizeWarningLimit: 4096 },
  server: {
    port: 5173,
    proxy: { '/graphql': { target: api, ws: true, changeOrigin: true } },
  },
});
