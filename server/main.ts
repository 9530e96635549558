import { readConfig, ServerConfigError } from './config';
import { createLogger, errorFields } from './logger';
import { startServer } from './server';

async function main() {
  let config;
  try {
    config = readConfig(process.argv.slice(2), process.env);
  } catch (error) {
    if (error instanceof ServerConfigError) {
      console.error(`Configuration error:\n${error.message}`);
      process.exit(2);
    }
    throw error;
  }
  const log = createLogger(undefined, config.logLevel);
  const server = await startServer(config, log);
  const stop = () => {
    void server.close().then(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  createLogger().error('start failed', errorFields(error));
  process.exit(1);
});
