// `npm run build:server`: the acquirer server compiled to one ES module, `dist-server/main.mjs`, run by
// plain `node` in production (`npm run serve`): no TypeScript loader at run time, less memory and a faster
// start (docs/performance.md). Packages stay outside the bundle, loaded from node_modules as usual
// (better-sqlite3 is a native addon); only our own folders (server/, acquirer/, contract/) are compiled.
import { build } from 'esbuild';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
// `--out FILE`: elsewhere in the checkout (a test's own copy); it must stay inside it to find node_modules.
const at = process.argv.indexOf('--out');
const outfile = path.resolve(root, at > 0 ? process.argv[at + 1] : 'dist-server/main.mjs');

await build({
  entryPoints: [path.join(root, 'server/main.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  alias: {
    '@contract': path.join(root, 'contract'),
    '@acquirer': path.join(root, 'acquirer'),
  },
  sourcemap: 'linked',
  logLevel: 'warning',
});
console.log(path.relative(root, outfile));
