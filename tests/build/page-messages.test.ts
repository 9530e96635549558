import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { chunkModulesFile, type ChunkModules, projectRoot } from '../../scripts/bench/build-app';
import {
  allMessageKeys,
  appSourceFiles,
  importsWithoutMessages,
  lazyChunks,
  messageKeysIn,
} from '../../scripts/bench/route-messages';
import { DEFAULT_NAMESPACE, type Namespace } from '../../src/i18n/namespaces';

// A chunk given too few namespaces shows raw keys ("devices.title") on screens the tests did not walk.
const outDir = inject('builds').production;

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
}
const manifest = JSON.parse(readFileSync(path.join(outDir, '.vite/manifest.json'), 'utf8')) as Record<
  string,
  ManifestChunk
>;
const chunkModules = JSON.parse(readFileSync(chunkModulesFile(outDir), 'utf8')) as ChunkModules;
const entry = Object.keys(manifest).find((key) => manifest[key]!.isEntry)!;

// A shared chunk has no `src` key.
function chunkOf(module: string): string | undefined {
  const file = Object.keys(chunkModules).find((name) => chunkModules[name]!.includes(module));
  return Object.keys(manifest).find((key) => manifest[key]!.file === file);
}

function closure(root: string): Set<string> {
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    manifest[key]!.imports?.forEach(visit);
  };
  visit(root);
  return seen;
}

function keysOutside(chunks: Iterable<string>, allowed: readonly Namespace[]): string[] {
  const modules = [...chunks].flatMap((key) => chunkModules[manifest[key]!.file] ?? []);
  return modules
    .filter((module) => module.startsWith('src/') && !module.startsWith('src/i18n/locales/'))
    .flatMap((module) =>
      messageKeysIn(readFileSync(path.join(projectRoot, module), 'utf8'))
        .filter(({ namespace }) => !allowed.includes(namespace))
        .map(({ key, namespace }) => `${key} [${namespace}] (${module})`),
    );
}

const entryChunks = closure(entry);
const lazy = lazyChunks(projectRoot);

describe('message namespaces per chunk (mocking-off build)', () => {
  it('finds the lazy chunks: the shell, every page and the bulk reset dialog', () => {
    const modules = lazy.map((chunk) => chunk.module);
    expect(modules).toEqual(
      expect.arrayContaining([
        'src/app/layout/app-shell.tsx',
        'src/pages/sign-in-page.tsx',
        'src/pages/terminals-page.tsx',
        'src/pages/terminal-page.tsx',
        'src/pages/transactions-page.tsx',
        'src/features/passwords/components/bulk-reset-dialog.tsx',
      ]),
    );
    for (const module of modules) expect(chunkOf(module), `${module} is in a chunk`).toBeDefined();
  });

  it('the entry names only keys of the core namespace', () => {
    expect(keysOutside(entryChunks, [DEFAULT_NAMESPACE])).toEqual([]);
  });

  it.each(lazy.map((chunk) => [chunk.module, chunk] as const))(
    '%s names only keys of the namespaces it is loaded with',
    (_module, chunk) => {
      const own = [...closure(chunkOf(chunk.module)!)].filter((key) => !entryChunks.has(key));
      expect(keysOutside(own, [DEFAULT_NAMESPACE, ...chunk.namespaces])).toEqual([]);
    },
  );

  it('every dynamic import of the app is given its namespaces (but the mock start-up)', () => {
    expect(importsWithoutMessages(projectRoot)).toEqual(["src/main.tsx: import('./mocks/browser')"]);
  });

  it('the check sees a chunk given too few namespaces', () => {
    const terminalsPage = lazy.find((chunk) => chunk.module === 'src/pages/terminals-page.tsx')!;
    const own = [...closure(chunkOf(terminalsPage.module)!)].filter((key) => !entryChunks.has(key));
    const missing = keysOutside(own, [DEFAULT_NAMESPACE, 'shell']);
    expect(missing.length).toBeGreaterThan(0);
    expect(missing.every((line) => line.includes('[devices]'))).toBe(true);
  });

  it('every message of the catalog is named by some module of the app (no dead words shipped)', () => {
    const named = appSourceFiles(projectRoot).flatMap((file) =>
      messageKeysIn(readFileSync(path.join(projectRoot, file), 'utf8')).map(({ key }) => key),
    );
    // A template literal names every key that starts with its fixed part.
    const isNamed = (key: string) =>
      named.some((name) => name === key || (name.endsWith('.') && key.startsWith(name)));
    expect(allMessageKeys().filter((key) => !isNamed(key))).toEqual([]);
  });
});
