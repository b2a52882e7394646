import fs from 'node:fs';
import path from 'node:path';
import express from 'express';

/** Vite names built assets by content hash: they never change, so browsers may keep them for a year. */
const HASHED = /^\/assets\//;
const cacheControl = (urlPath: string) => (HASHED.test(urlPath) ? 'public, max-age=31536000, immutable' : 'public, max-age=3600');
const ENCODINGS: [encoding: string, suffix: string][] = [['br', '.br'], ['gzip', '.gz']];

/**
 * The built admin panel's static files: the brotli or gzip file the build wrote beside each
 * asset when the browser accepts it (no compression work per request), long-lived caching for
 * hashed assets, then the plain file.
 */
export function adminStatic(dist: string): express.RequestHandler[] {
  const root = path.resolve(dist);
  const precompressed: express.RequestHandler = (req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !/\.(js|css|svg|json|html)$/.test(req.path)) return next();
    const file = path.resolve(root, `.${path.posix.normalize(decodeURIComponent(req.path))}`);
    if (!file.startsWith(root + path.sep)) return next();
    const accepted = req.acceptsEncodings(ENCODINGS.map(([encoding]) => encoding));
    const choice = ENCODINGS.find(([encoding, suffix]) => encoding === accepted && fs.existsSync(file + suffix));
    if (!choice) return next();
    res.vary('Accept-Encoding');
    res.type(path.extname(file));
    res.setHeader('Content-Encoding', choice[0]);
    res.setHeader('Cache-Control', cacheControl(req.path));
    res.sendFile(file + choice[1], { cacheControl: false }, (error) => error && next());
  };
  const plain = express.static(root, {
    index: false,
    cacheControl: false,
    setHeaders: (res, filePath) => {
      res.setHeader('Cache-Control', cacheControl(`/${path.relative(root, filePath).split(path.sep).join('/')}`));
      res.setHeader('Vary', 'Accept-Encoding');
    },
  });
  return [precompressed, plain];
}
