import { defineConfig } from 'vitest/config';

// Tests that build the app and read the files a deployment would serve.
export default defineConfig({
  test: {
    environment: 'node',
    include: ['tests/build/**/*.test.ts'],
    // Builds the app once (mocking off and on) for all the files here.
    globalSetup: ['tests/build/global-setup.ts'],
    testTimeout: 240_000,
    hookTimeout: 240_000,
    fileParallelism: false,
  },
});
