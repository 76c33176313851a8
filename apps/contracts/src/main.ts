import { Logger } from '@nestjs/common';
import { EventStoreConfigError } from '@app/event-store';
import { createApp } from './create-app';
import { readServiceConfig, ServiceConfigError } from './service-config';

async function main(): Promise<void> {
  const config = readServiceConfig(process.env);
  const app = await createApp(config);
  app.enableShutdownHooks(); // SIGTERM/SIGINT → stop the scheduler, close the store
  await app.listen(config.port);
  new Logger('Main').log(`listening on port ${config.port}; OpenAPI at /docs`);
}

main().catch((error: unknown) => {
  if (error instanceof ServiceConfigError || error instanceof EventStoreConfigError) {
    console.error(`contracts service: ${error.message}`);
  } else {
    console.error('contracts service failed to start', error);
  }
  process.exit(1);
});
