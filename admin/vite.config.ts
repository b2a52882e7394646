import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

// `pnpm dev` runs the API and this dev server (hot reload), which proxies /graphql, HTTP and
// WebSocket, to the API (PHARMADESK_API_URL, default http://localhost:4000 as `pnpm start`).
const api = process.env.PHARMADESK_API_URL ?? 'http://localhost:4000';

/** Writes `.br` and `.gz` beside each text asset so the server sends them as they are (no compression per request). */
function precompress(): Plugin {
  return {
    name: 'pharmadesk-precompress',
    apply: 'build',
    writeBundle(options, bundle) {
      for (const fileName of Object.keys(bundle)) {
        if (!/\.(js|css|html|svg|json)$/.test(fileName)) continue;
        const file = path.join(options.dir!, fileName);
        const data = fs.readFileSync(file);
        if (data.length < 1024) continue;
        fs.writeFileSync(`${file}.gz`, zlib.gzipSync(data, { level: 9 }));
        fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(data, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length } }));
      }
    },
  };
}

export default defineConfig({
  plugins: [react(), precompress()],
  build: { outDir: 'dist', chunkSizeWarningLimit: 1024 },
  server: {
    port: 5173,
    proxy: { '/graphql': { target: api, ws: true, changeOrigin: true } },
  },
});
