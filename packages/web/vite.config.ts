/**
 * Builds the console into dist/, which the server serves at `/`. Two small plugins:
 * - `basemap`: ships the boundary files of world-atlas and us-atlas (TopoJSON, converted to
 *   GeoJSON in the browser) as static assets under /basemap/, so the map needs no internet;
 * - `precompress`: writes a `.gz` beside every text asset, which the server sends to browsers
 *   that accept gzip (maplibre alone is ~1 MB; officers open this on phones).
 */
import { createReadStream, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const require = createRequire(import.meta.url);

/** Served path → file in node_modules. Keep in sync with src/map/basemap.ts. */
const BASEMAP_FILES: Record<string, string> = {
  'basemap/land-50m.json': require.resolve('world-atlas/land-50m.json'),
  'basemap/countries-50m.json': require.resolve('world-atlas/countries-50m.json'),
  'basemap/counties-10m.json': require.resolve('us-atlas/counties-10m.json'),
};

function basemap(): Plugin {
  return {
    name: 'rtcc-basemap',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const file = BASEMAP_FILES[(req.url ?? '').split('?')[0].replace(/^\//, '')];
        if (!file) return next();
        res.setHeader('content-type', 'application/json');
        createReadStream(file).pipe(res);
      });
    },
    generateBundle() {
      for (const [fileName, file] of Object.entries(BASEMAP_FILES)) this.emitFile({ type: 'asset', fileName, source: readFileSync(file) });
    },
  };
}

function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'rtcc-precompress',
    apply: 'build',
    configResolved(c) {
      outDir = resolve(c.root, c.build.outDir);
    },
    closeBundle() {
      const walk = (dir: string): void => {
        for (const name of readdirSync(dir)) {
          const path = join(dir, name);
          if (statSync(path).isDirectory()) walk(path);
          else if (/\.(m?js|css|json|html|svg|map)$/.test(name) && statSync(path).size > 1024) writeFileSync(`${path}.gz`, gzipSync(readFileSync(path), { level: 6 }));
        }
      };
      walk(outDir);
    },
  };
}

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react(), basemap(), precompress()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 2000,
  },
  server: {
    // `npm run dev -w @openrtcc/web` against a server on :8080
    proxy: { '/api': { target: 'http://127.0.0.1:8080', ws: true }, '/healthz': 'http://127.0.0.1:8080' },
  },
});
