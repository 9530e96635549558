import type { TestProject } from 'vitest/node';
import { startThrowawayPostgres } from '../server/db/throwaway-postgres';

// One throwaway PostgreSQL for the whole unit run (scripts/postgres.mjs: installed with apt-get when
// missing, its own folder and port), stopped at the end. Each test file makes databases of its own on it.

export default function setup(project: TestProject): () => void {
  const pg = startThrowawayPostgres();
  project.provide('postgresUrl', pg.url);
  return () => pg.stop();
}
