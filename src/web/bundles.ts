// The staff apps' bundles: each web/<app>/main.tsx built by esbuild into memory the first time it
// is asked for (well under a second), named by content hash so browsers may cache them for ever.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';

export const webRoot = fileURLToPath(new URL('../../web/', import.meta.url));

/** One built file: its hashed name, its bytes and the same gzipped (sent when the browser accepts it). */
export interface Asset {
  name: string;
  body: Buffer;
  gzip: Buffer;
  etag: string;
}

export interface Bundle {
  app: string;
  js: Asset;
  css: Asset | null;
}

/** Apps are the folders of web/ with a main.tsx (shared/ is their common code, not an app). */
export function apps(): string[] {
  if (!fs.existsSync(webRoot)) return [];
  return fs
    .readdirSync(webRoot, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== 'shared' && fs.existsSync(path.join(webRoot, d.name, 'main.tsx')))
    .map((d) => d.name)
    .sort();
}

const built = new Map<string, Promise<Bundle>>();

const hashOf = (b: Buffer) => createHash('sha256').update(b).digest('hex').slice(0, 16);

async function build(app: string): Promise<Bundle> {
  const result = await esbuild.build({
    entryPoints: [path.join(webRoot, app, 'main.tsx')],
    bundle: true,
    write: false,
    outdir: path.join(webRoot, 'dist', app),
    format: 'esm',
    target: 'es2020',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    minify: true,
    sourcemap: false,
    legalComments: 'none',
    charset: 'utf8', // Russian text as itself: a third of the size of \u escapes
    logLevel: 'silent',
  });
  const js = result.outputFiles.find((f) => f.path.endsWith('.js'))!;
  const css = result.outputFiles.find((f) => f.path.endsWith('.css'));
  const asset = (contents: Uint8Array, ext: string): Asset => {
    const body = Buffer.from(contents);
    const hash = hashOf(body);
    return { name: `${app}-${hash}.${ext}`, body, gzip: gzipSync(body, { level: 9 }), etag: `"${hash}"` };
  };
  return { app, js: asset(js.contents, 'js'), css: css ? asset(css.contents, 'css') : null };
}

/** The app's bundle, built once per process (OTVET_WEB_DEV=1 rebuilds on every request, for editing). */
export function bundle(app: string): Promise<Bundle> {
  if (process.env.OTVET_WEB_DEV === '1') return build(app);
  let b = built.get(app);
  if (!b) {
    b = build(app);
    built.set(app, b);
    b.catch(() => built.delete(app));
  }
  return b;
}
