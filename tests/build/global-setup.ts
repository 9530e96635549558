import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildApp } from '../../scripts/bench/build-app';

declare module 'vitest' {
  export interface ProvidedContext {
    builds: { production: string; mock: string };
  }
}

export default async function setup(project: TestProject) {
  const outRoot = mkdtempSync(path.join(tmpdir(), 'mc-build-'));
  const builds = { production: path.join(outRoot, 'production'), mock: path.join(outRoot, 'mock') };
  await buildApp({ mocking: false, outDir: builds.production });
  await buildApp({ mocking: true, outDir: builds.mock });
  project.provide('builds', builds);
  return () => rmSync(outRoot, { recursive: true, force: true });
}
