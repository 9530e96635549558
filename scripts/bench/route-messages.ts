import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { enNamespaces } from '../../src/i18n/locales/en';
import { type Namespace, NAMESPACES } from '../../src/i18n/namespaces';

// Read from the sources, so a route added without its namespaces fails tests/build/page-messages.test.ts.
export interface LazyChunk {
  from: string;
  module: string;
  namespaces: Namespace[];
}

const LAZY_CALL = /\[((?:\s*'[A-Za-z-]+'\s*,?)*)\s*\],\s*\(\)\s*=>\s*import\(\s*'([^']+)'\s*\)/g;
const ANY_IMPORT = /\bimport\(\s*['"`]([^'"`]+)/g;

function sourceFiles(root: string, dir = 'src'): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const file = `${dir}/${entry.name}`;
    if (entry.isDirectory())
      return file === 'src/mocks' || file === 'src/testing' ? [] : sourceFiles(root, file);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')
      ? [file]
      : [];
  });
}

function resolveModule(root: string, from: string, specifier: string): string {
  const base = specifier.startsWith('@/')
    ? `src/${specifier.slice(2)}`
    : path.posix.join(path.posix.dirname(from), specifier);
  const found = ['.tsx', '.ts', ''].map((extension) => base + extension);
  const names = new Set(sourceFiles(root, path.posix.dirname(base)));
  const file = found.find((candidate) => names.has(candidate));
  if (!file) throw new Error(`${from}: cannot resolve import('${specifier}')`);
  return file;
}

function parseNamespaces(list: string, where: string): Namespace[] {
  return list
    .split(',')
    .map((item) => item.trim().replace(/^'|'$/g, ''))
    .filter(Boolean)
    .map((name) => {
      if (!(NAMESPACES as readonly string[]).includes(name))
        throw new Error(`${where}: no namespace "${name}"`);
      return name as Namespace;
    });
}

export function lazyChunks(root: string): LazyChunk[] {
  return sourceFiles(root).flatMap((from) => {
    const source = stripComments(readFileSync(path.join(root, from), 'utf8'));
    return [...source.matchAll(LAZY_CALL)].map(([, list, specifier]) => ({
      from,
      module: resolveModule(root, from, specifier!),
      namespaces: parseNamespaces(list!, from),
    }));
  });
}

// The mock's own import is expected here.
export function importsWithoutMessages(root: string): string[] {
  return sourceFiles(root).flatMap((from) => {
    const source = stripComments(readFileSync(path.join(root, from), 'utf8'));
    const given = [...source.matchAll(LAZY_CALL)].length;
    const all = [...source.matchAll(ANY_IMPORT)].map(([, specifier]) => `${from}: import('${specifier}')`);
    return all.length > given ? all : [];
  });
}

function stripComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

const catalogKeys: string[] = [];
const namespaceOfSegment = new Map<string, Namespace>();
for (const namespace of NAMESPACES) {
  const walk = (tree: object, prefix: string) => {
    for (const [key, value] of Object.entries(tree)) {
      if (typeof value === 'string') catalogKeys.push(prefix + key);
      else walk(value as object, `${prefix}${key}.`);
    }
  };
  walk(enNamespaces[namespace], '');
  for (const segment of Object.keys(enNamespaces[namespace])) namespaceOfSegment.set(segment, namespace);
}

export function allMessageKeys(): readonly string[] {
  return catalogKeys;
}

export function appSourceFiles(root: string): string[] {
  return sourceFiles(root).filter((file) => !file.startsWith('src/i18n/locales/'));
}

// Literals that only look like keys (an audit action `transactions.exported`) are not keys.
export function messageKeysIn(source: string): { key: string; namespace: Namespace }[] {
  const literal = /(['"`])([A-Za-z]+\.[A-Za-z0-9_.]*)(\$\{)?/g;
  const found: { key: string; namespace: Namespace }[] = [];
  for (const [, quote, text, template] of stripComments(source).matchAll(literal)) {
    const namespace = namespaceOfSegment.get(text!.split('.')[0]!);
    if (!namespace) continue;
    const isPrefix = quote === '`' && template !== undefined;
    const known = isPrefix ? catalogKeys.some((key) => key.startsWith(text!)) : catalogKeys.includes(text!);
    if (known) found.push({ key: text!, namespace });
  }
  return found;
}
