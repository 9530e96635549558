import { readFileSync } from 'node:fs';
import { compileMessageOrThrow } from '@lingui/message-utils/compileMessage';
import type { Plugin } from 'vite';

// Compiled the way Lingui's CLI does, so the browser gets no message parser; invalid ICU fails the build.
export const COMPILED_QUERY = '?compiled';

type CompiledMessage = ReturnType<typeof compileMessageOrThrow>;

export function readCatalog(source: string, file: string): Record<string, unknown> {
  const match = /export const messages(?:\s*:[^=]+)?\s*=\s*(\{[\s\S]*\})(?:\s*as const)?;\s*$/.exec(source);
  if (!match) throw new Error(`${file}: expected one "export const messages = { … }"`);
  return new Function(`return (${match[1]});`)() as Record<string, unknown>;
}

export function compileCatalog(
  tree: Record<string, unknown>,
  file = 'catalog',
  prefix = '',
): Record<string, CompiledMessage> {
  const compiled: Record<string, CompiledMessage> = {};
  for (const [key, value] of Object.entries(tree)) {
    const id = prefix + key;
    if (typeof value === 'string') {
      try {
        compiled[id] = compileMessageOrThrow(value);
      } catch (error) {
        throw new Error(`${file}: message ${id} is not valid ICU: ${String(error)}`);
      }
    } else if (value && typeof value === 'object') {
      Object.assign(compiled, compileCatalog(value as Record<string, unknown>, file, `${id}.`));
    } else {
      throw new Error(`${file}: ${id} is neither a message nor a group`);
    }
  }
  return compiled;
}

export function messageCatalogs(): Plugin {
  return {
    name: 'merchant-console:message-catalogs',
    enforce: 'pre',
    load(id) {
      if (!id.endsWith(COMPILED_QUERY)) return null;
      const file = id.slice(0, -COMPILED_QUERY.length);
      this.addWatchFile(file);
      const messages = compileCatalog(readCatalog(readFileSync(file, 'utf8'), file), file);
      return `export const messages = ${JSON.stringify(messages)};`;
    },
  };
}
