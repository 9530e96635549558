import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const viteBin = path.join(root, 'node_modules/vite/bin/vite.js');
// For the builds expected to fail; the good builds come from global-setup.ts.
const outRoot = mkdtempSync(path.join(tmpdir(), 'mc-build-config-'));

const MOCK_FINGERPRINTS = [
  'mockServiceWorker',
  'setupWorker',
  'MSW',
  '__mock/',
  'owner-demo-1',
  'cashier-demo-1',
  'support-demo-1',
];

function build(env: Record<string, string>, outDir: string) {
  return spawnSync(process.execPath, [viteBin, 'build', '--logLevel', 'error'], {
    cwd: root,
    env: { ...process.env, ...env, BUILD_OUT_DIR: outDir },
    encoding: 'utf8',
  });
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

function fingerprintsIn(dir: string): Map<string, string[]> {
  const hits = new Map<string, string[]>();
  for (const file of filesUnder(dir)) {
    const text = readFileSync(file, 'utf8');
    for (const mark of MOCK_FINGERPRINTS) {
      if (text.includes(mark)) hits.set(mark, [...(hits.get(mark) ?? []), path.relative(dir, file)]);
    }
  }
  return hits;
}

const { production: productionDir, mock: mockDir } = inject('builds');

afterAll(() => rmSync(outRoot, { recursive: true, force: true }));

describe('production build', () => {
  it('with mocking off ships no MSW code, no mock control surface and no demo credentials', () => {
    expect(Object.fromEntries(fingerprintsIn(productionDir))).toEqual({});
    expect(filesUnder(productionDir).some((f) => f.endsWith('mockServiceWorker.js'))).toBe(false);
  });

  it('with mocking on does carry the mock (so the check above can tell the difference)', () => {
    const hits = fingerprintsIn(mockDir);
    expect(hits.has('mockServiceWorker')).toBe(true);
    expect(hits.has('owner-demo-1')).toBe(true);
  });
});

describe('configuration at start-up', () => {
  it('stops a build with a clear message naming a wrong VITE_API_MOCKING', () => {
    const result = build({ VITE_API_MOCKING: 'maybe' }, path.join(outRoot, 'bad'));
    expect(result.status).not.toBe(0);
    expect(result.stderr + result.stdout).toMatch(/VITE_API_MOCKING must be one of true, false/);
  });

  it('stops on a proxy target that is not a URL', () => {
    const result = build({ API_PROXY_TARGET: 'localhost:8080' }, path.join(outRoot, 'bad2'));
    expect(result.status).not.toBe(0);
    expect(result.stderr + result.stdout).toMatch(/API_PROXY_TARGET must be an absolute http\(s\) URL/);
  });
});
