import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build, type Plugin } from 'vite';

export const projectRoot = path.resolve(import.meta.dirname, '../..');

export type ChunkModules = Record<string, string[]>;

export function chunkModulesFile(outDir: string): string {
  return path.join(outDir, '.vite/chunk-modules.json');
}

function recordChunkModules(into: ChunkModules): Plugin {
  return {
    name: 'merchant-console:chunk-modules',
    apply: 'build',
    generateBundle(_options, bundle) {
      for (const output of Object.values(bundle)) {
        if (output.type !== 'chunk') continue;
        into[output.fileName] = Object.keys(output.modules).map((id) =>
          path.relative(projectRoot, id.replace(/^\0/, '')),
        );
      }
    },
  };
}

async function withEnv(vars: Record<string, string>, run: () => Promise<unknown>): Promise<void> {
  const previous = Object.fromEntries(Object.keys(vars).map((name) => [name, process.env[name]]));
  Object.assign(process.env, vars);
  try {
    await run();
  } finally {
    for (const [name, value] of Object.entries(previous)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

// NODE_ENV must say production: under Vitest (`test`) the build bundles React's development build.
export async function buildApp({ mocking, outDir }: { mocking: boolean; outDir: string }): Promise<void> {
  const chunkModules: ChunkModules = {};
  await withEnv({ VITE_API_MOCKING: String(mocking), NODE_ENV: 'production' }, () =>
    build({
      root: projectRoot,
      mode: 'production',
      logLevel: 'error',
      plugins: [recordChunkModules(chunkModules)],
      build: { outDir, emptyOutDir: true, manifest: true },
    }),
  );
  mkdirSync(path.dirname(chunkModulesFile(outDir)), { recursive: true });
  writeFileSync(chunkModulesFile(outDir), JSON.stringify(chunkModules, null, 1));
}
