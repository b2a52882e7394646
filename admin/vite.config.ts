import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// `pnpm --filter @pharmadesk/admin dev` proxies the API started by `pnpm start` (port 4000).
export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', chunkSizeWarningLimit: 4096 },
  server: {
    proxy: { '/graphql': { target: 'http://localhost:4000', ws: true } },
  },
});
