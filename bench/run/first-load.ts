// First-load JavaScript per page, measured the way a browser meets it: fetch the page's HTML from the running
// production server, take every external <script src> it references (module scripts and classic ones; not
// `nomodule` polyfills, which modern browsers skip), fetch each chunk from the same server, and sum their
// gzip sizes (level 9, as Next's own size report used to). Chunks that are only preloaded (<link rel=preload
// as=script> without a matching <script>) are counted too, since the browser downloads them at once. The
// inline <script> blocks (React Server Components payload, bootstrap) are reported beside it, not in the sum.
//
// Cross-check from the build: Turbopack writes each route's client chunks to
// .next/server/app/<route>/page_client-reference-manifest.js (`entryJSFiles` per layout, error boundary and
// page segment), and the framework's own chunks to .next/build-manifest.json `rootMainFiles`; their union is
// what the HTML should reference. The share of the framework chunks is reported as `frameworkGzip`.
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import zlib from 'node:zlib';

export type Chunk = { src: string; bytes: number; gzip: number };
export type FirstLoad = {
  path: string;
  status: number;
  htmlBytes: number;
  htmlGzip: number;
  chunks: Chunk[];
  skippedNomodule: string[];
  jsBytes: number;
  jsGzip: number;
  inlineScriptBytes: number;
  inlineScriptGzip: number;
  /** Of jsGzip, the framework's chunks (build-manifest rootMainFiles: React, the router, the Turbopack runtime). */
  frameworkGzip: number;
  /** The chunks the build's manifests name for this route, and whether they are exactly those the HTML loads. */
  manifest: { chunks: string[]; agrees: boolean } | null;
};

type BuildManifest = { rootMainFiles?: string[] };

function buildManifest(): BuildManifest {
  try {
    return JSON.parse(fs.readFileSync(path.join(process.cwd(), '.next', 'build-manifest.json'), 'utf8')) as BuildManifest;
  } catch {
    return {};
  }
}

/** `/trials/[nctId]` → the union of its entryJSFiles and the root main files, as /_next/… paths; null if unreadable. */
export function manifestChunks(route: string): string[] | null {
  const dir = path.join(process.cwd(), '.next', 'server', 'app', ...route.split('/').filter(Boolean));
  const file = path.join(dir, 'page_client-reference-manifest.js');
  if (!fs.existsSync(file)) return null;
  const context = vm.createContext({});
  vm.runInContext(fs.readFileSync(file, 'utf8'), context);
  const manifests = (context as { __RSC_MANIFEST?: Record<string, { entryJSFiles?: Record<string, string[]> }> }).__RSC_MANIFEST ?? {};
  const entry = manifests[`${route === '/' ? '' : route}/page`];
  if (!entry?.entryJSFiles) return null;
  const files = new Set<string>([...(buildManifest().rootMainFiles ?? []), ...Object.values(entry.entryJSFiles).flat()]);
  return [...files].map((f) => `/_next/${f}`).sort();
}

const gz = (buf: Buffer | string) => zlib.gzipSync(buf, { level: 9 }).length;

function attr(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}\\s*=\\s*("([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);
  return m ? (m[2] ?? m[3] ?? m[4]) : undefined;
}
const hasAttr = (tag: string, name: string) => new RegExp(`\\s${name}(\\s|=|>|/)`, 'i').test(tag);
const decode = (s: string) => s.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#x27;|&#39;/g, "'");

export function scriptsOf(html: string): { srcs: string[]; nomodule: string[]; inline: string[] } {
  const srcs: string[] = [];
  const nomodule: string[] = [];
  const inline: string[] = [];
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    const tag = `<script ${m[1]}>`;
    const src = attr(tag, 'src');
    if (src) (hasAttr(tag, 'nomodule') ? nomodule : srcs).push(decode(src));
    else if (m[2]!.trim()) inline.push(m[2]!);
  }
  for (const m of html.matchAll(/<link\b[^>]*>/gi)) {
    const tag = m[0];
    const rel = (attr(tag, 'rel') ?? '').toLowerCase();
    if ((rel === 'preload' && (attr(tag, 'as') ?? '').toLowerCase() === 'script') || rel === 'modulepreload') {
      const href = attr(tag, 'href');
      if (href) srcs.push(decode(href));
    }
  }
  return { srcs: [...new Set(srcs)], nomodule: [...new Set(nomodule)], inline };
}

export async function firstLoad(origin: string, route: string, pathname: string, headers: Record<string, string> = {}, timeoutMs = 120_000): Promise<FirstLoad> {
  const response = await fetch(new URL(pathname, origin), { headers, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
  const html = await response.text();
  const { srcs, nomodule, inline } = scriptsOf(html);
  const chunks: Chunk[] = [];
  for (const src of srcs) {
    const url = new URL(src, new URL(pathname, origin));
    if (url.origin !== new URL(origin).origin) continue;
    const r = await fetch(url);
    if (!r.ok) throw new Error(`${pathname}: its script ${src} answered ${r.status}`);
    const body = Buffer.from(await r.arrayBuffer());
    chunks.push({ src: url.pathname + url.search, bytes: body.length, gzip: gz(body) });
  }
  const inlineText = inline.join('\n');
  const framework = new Set((buildManifest().rootMainFiles ?? []).map((f) => `/_next/${f}`));
  const fromManifest = manifestChunks(route);
  const loaded = chunks.map((c) => c.src.split('?')[0]!).sort();
  return {
    path: pathname,
    status: response.status,
    htmlBytes: Buffer.byteLength(html),
    htmlGzip: gz(html),
    chunks,
    skippedNomodule: nomodule,
    jsBytes: chunks.reduce((n, c) => n + c.bytes, 0),
    jsGzip: chunks.reduce((n, c) => n + c.gzip, 0),
    inlineScriptBytes: Buffer.byteLength(inlineText),
    inlineScriptGzip: inline.length ? gz(inlineText) : 0,
    frameworkGzip: chunks.filter((c) => framework.has(c.src.split('?')[0]!)).reduce((n, c) => n + c.gzip, 0),
    manifest: fromManifest ? { chunks: fromManifest, agrees: fromManifest.length === loaded.length && fromManifest.every((c, i) => c === loaded[i]) } : null,
  };
}
