// The built tab: hashed assets precompressed at build time (Brotli, gzip) and cached for a year, the other
// files (privacy and terms pages, icons) revalidated, and every other GET answered with index.html, never
// cached, so a new release reaches everyone at once.
import { join } from 'node:path';
import { Router } from 'express';
import expressStaticGzip from 'express-static-gzip';

/** Vite names every asset by its content's hash: a URL there never changes meaning. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

export function staticTab(tabDir: string): Router {
  const router = Router();
  const compressed = { enableBrotli: true, orderPreference: ['br', 'gz'], index: false };
  router.use(
    '/assets',
    expressStaticGzip(join(tabDir, 'assets'), {
      ...compressed,
      serveStatic: { index: false, fallthrough: true, setHeaders: (res) => res.setHeader('Cache-Control', IMMUTABLE) },
    }),
  );
  router.use(
    expressStaticGzip(tabDir, {
      ...compressed,
      // `extensions`: /privacy and /terms (the manifest's developer links) are privacy.html and terms.html.
      serveStatic: {
        index: false,
        extensions: ['html'],
        setHeaders: (res, path) => res.setHeader('Cache-Control', path.endsWith('index.html') ? 'no-store' : 'no-cache'),
      },
    }),
  );
  // Every other GET is a page of the single-page tab: /tab, /config, /remove, /signin …
  router.get('/{*page}', (_req, res) => {
    res.set('Cache-Control', 'no-store').sendFile(join(tabDir, 'index.html'));
  });
  return router;
}
