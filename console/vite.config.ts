import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The admin console: built into dist/console (git-ignored) by `npm run build`, which `npm install` runs
// (`prepare`), and served by the API at /console/ (src/api/console.ts).
const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  root: here('.'),
  base: '/console/',
  // Preact's automatic JSX runtime, compiled by Vite's own transformer (no Babel).
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  resolve: { alias: { 'tenantry/client': here('../src/client/index.ts') } },
  logLevel: 'warn',
  build: {
    outDir: here('../dist/console'),
    emptyOutDir: true,
    target: 'es2022',
    // No source maps in the served build: nothing to fetch beyond the app itself.
    sourcemap: false,
    reportCompressedSize: false,
  },
});
