import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { DEFAULT_NAMESPACE, type Namespace } from '../../src/i18n/namespaces';
import { COMPILED_QUERY } from '../vite/message-catalogs';
import { chunkModulesFile, type ChunkModules, projectRoot } from './build-app';
import { type LazyChunk, lazyChunks } from './route-messages';

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
  css?: string[];
}
type Manifest = Record<string, ManifestChunk>;

const SHELL = 'src/app/layout/app-shell.tsx';

// Dynamic imports (dialogs opened later, the mock) are not counted: they load after the screen.
export const ROUTE_CHUNKS = {
  'sign-in': ['src/pages/sign-in-page.tsx'],
  'fleet list': [SHELL, 'src/pages/terminals-page.tsx'],
  'terminal page': [SHELL, 'src/pages/terminal-page.tsx'],
  transactions: [SHELL, 'src/pages/transactions-page.tsx'],
  overview: [SHELL, 'src/pages/overview-page.tsx'],
} as const satisfies Record<string, readonly string[]>;

export type RouteName = keyof typeof ROUTE_CHUNKS;

// The larger language is counted.
const LANGUAGES = ['zh-CN', 'en'] as const;

function namespacesOf(chunks: readonly LazyChunk[], roots: readonly string[]): Namespace[] {
  const given = roots.flatMap((root) => chunks.find((chunk) => chunk.module === root)?.namespaces ?? []);
  return [...new Set<Namespace>([DEFAULT_NAMESPACE, ...given])];
}

export interface Bytes {
  files: string[];
  raw: number;
  /** one file at a time at zlib's default level, as a server sends them */
  gzip: number;
}

export interface RouteSize {
  route: RouteName;
  js: Bytes;
  css: Bytes;
}

function readManifest(outDir: string): Manifest {
  return JSON.parse(readFileSync(path.join(outDir, '.vite/manifest.json'), 'utf8')) as Manifest;
}

function entryKey(manifest: Manifest): string {
  const key = Object.keys(manifest).find((name) => manifest[name]?.isEntry);
  if (!key) throw new Error('The Vite manifest has no entry chunk');
  return key;
}

function staticClosure(manifest: Manifest, roots: readonly string[]): string[] {
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    const chunk = manifest[key];
    if (!chunk) throw new Error(`The Vite manifest has no chunk for ${key}`);
    seen.add(key);
    chunk.imports?.forEach(visit);
  };
  roots.forEach(visit);
  return [...seen];
}

function measure(outDir: string, files: string[]): Bytes {
  let raw = 0;
  let gzip = 0;
  for (const file of files) {
    const content = readFileSync(path.join(outDir, file));
    raw += content.length;
    gzip += gzipSync(content).length;
  }
  return { files, raw, gzip };
}

function routeChunks(
  outDir: string,
  manifest: Manifest,
  route: RouteName,
  lazy: readonly LazyChunk[] = lazyChunks(projectRoot),
): string[] {
  const roots = [entryKey(manifest), ...ROUTE_CHUNKS[route]];
  const namespaces = namespacesOf(lazy, ROUTE_CHUNKS[route]);
  const withEach = LANGUAGES.map((language) => {
    const messages = namespaces.map(
      (namespace) => `src/i18n/locales/${language}/${namespace}.ts${COMPILED_QUERY}`,
    );
    return staticClosure(manifest, [...roots, ...messages]);
  });
  const gzipOf = (chunks: string[]) =>
    measure(
      outDir,
      chunks.map((key) => manifest[key]!.file),
    ).gzip;
  return withEach.reduce((largest, chunks) => (gzipOf(chunks) > gzipOf(largest) ? chunks : largest));
}

export function routeJsFiles(outDir: string, route: RouteName): string[] {
  const manifest = readManifest(outDir);
  return routeChunks(outDir, manifest, route).map((key) => manifest[key]!.file);
}

export function routeSizes(outDir: string): RouteSize[] {
  const manifest = readManifest(outDir);
  const lazy = lazyChunks(projectRoot); // the sources are read once for every route
  return (Object.keys(ROUTE_CHUNKS) as RouteName[]).map((route) => {
    const chunks = routeChunks(outDir, manifest, route, lazy);
    const js = chunks.map((key) => manifest[key]!.file);
    const css = [...new Set(chunks.flatMap((key) => manifest[key]!.css ?? []))];
    return { route, js: measure(outDir, js), css: measure(outDir, css) };
  });
}

export function routeModules(outDir: string, route: RouteName): string[] {
  const chunkModules = JSON.parse(readFileSync(chunkModulesFile(outDir), 'utf8')) as ChunkModules;
  return routeJsFiles(outDir, route).flatMap((file) => chunkModules[file] ?? []);
}

export type SizeBudgets = Partial<Record<RouteName, number>>;

export function budgetOverruns(sizes: readonly RouteSize[], budgets: SizeBudgets): string[] {
  return sizes.flatMap(({ route, js }) => {
    const budget = budgets[route];
    if (budget === undefined || js.gzip <= budget) return [];
    return [
      `${route}: ${kB(js.gzip)} gzip JS is over its budget of ${kB(budget)} by ${kB(js.gzip - budget)} (${js.files.length} files: ${js.files.join(', ')})`,
    ];
  });
}

export function kB(bytes: number): string {
  return `${(bytes / 1000).toFixed(1)} kB`;
}
