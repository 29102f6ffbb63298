import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { TenantryError } from '../errors.js';

/**
 * Where the console's build lands (`npm run build` → console/vite.config.ts): dist/console under the
 * package root, whether this module runs from src/ (tests, vitest) or from dist/src/ (npm start, the image).
 */
export function consoleDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return path.join(dir, 'dist', 'console');
}

/**
 * The console's pages may run only its own scripts and styles and talk only to this server: the admin
 * token it holds in sessionStorage is then out of reach of any script injected from elsewhere.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The admin console (console/, a single-page app built by Vite) as static files at /console/. It holds
 * no secret and needs none to load: it signs in by calling the API with a bearer token. Without a build
 * (a checkout that skipped `npm run build`), /console answers 404 saying how to build it.
 */
export async function consolePlugin(app: FastifyInstance, options: { root?: string }): Promise<void> {
  const root = options.root ?? consoleDir();
  app.get('/console', { schema: { hide: true } }, async (_request, reply) => reply.redirect('/console/', 301));
  if (!existsSync(path.join(root, 'index.html'))) {
    const notBuilt = async () => {
      throw new TenantryError('not_found', 'the console is not built: run `npm run build` (or `npm install`) and restart');
    };
    app.get('/console/', { schema: { hide: true } }, notBuilt);
    app.get('/console/*', { schema: { hide: true } }, notBuilt);
    return;
  }
  await app.register(fastifyStatic, {
    root,
    prefix: '/console/',
    index: ['index.html'],
    // Hashed file names (Vite) never change: cached for good. index.html names them, so it is revalidated.
    cacheControl: false,
    dotfiles: 'deny',
    setHeaders(res, file) {
      res.setHeader('Cache-Control', file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
      res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.setHeader('Referrer-Policy', 'no-referrer');
    },
  });
}
