// `npm run rebuild-read-models`: replays every event from position 0 into fresh read models
// (contract list, obligations due), with the same configuration as the service. Run it while no
// service instance is projecting into the same read models; a running service can instead be asked
// with POST /read-models/rebuild.
import { rebuildReadModels } from '../apps/contracts/src/read-models/rebuild-read-models';
import { readServiceConfig } from '../apps/contracts/src/service-config';

rebuildReadModels(readServiceConfig(process.env))
  .then(({ position, description, rebuildMs }) => console.log(`read models in ${description} rebuilt up to position ${position ?? 'none (no events)'} in ${Math.round(rebuildMs / 100) / 10} s`))
  .catch((error: Error) => {
    console.error(error.message);
    process.exit(1);
  });
