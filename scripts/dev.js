// `pnpm dev`: the API with demo data (as `pnpm start`, on PORT or 4000) and the admin panel on
// Vite's dev server with hot reload (http://localhost:5173), proxying /graphql (HTTP and WebSocket) to the API.
const { spawn, spawnSync } = require('node:child_process');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const port = process.env.PORT ?? '4000';
const build = spawnSync('pnpm', ['--filter', '@pharmadesk/api', '--filter', '@pharmadesk/seeds', '--filter', './plugins/*', 'build'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const children = [
  spawn(process.execPath, [path.join(root, 'seeds/dist/start-demo.js')], { cwd: root, stdio: 'inherit', env: { ...process.env, PORT: port } }),
  spawn(process.execPath, [path.join(root, 'admin/node_modules/vite/bin/vite.js')], { cwd: path.join(root, 'admin'), stdio: 'inherit', env: { ...process.env, PHARMADESK_API_URL: `http://localhost:${port}` } }),
];
const stop = (signal) => children.forEach((child) => child.exitCode === null && child.kill(signal));
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
for (const child of children)
  child.on('exit', (code) => {
    stop('SIGTERM');
    process.exitCode = code ?? 0;
  });
