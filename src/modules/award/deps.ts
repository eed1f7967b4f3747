import type { Db } from '../../platform/db/client.ts';
import type { FileStore } from '../../platform/files/store.ts';

/** What the award module's routes need from the composition root. */
export interface AwardDeps {
  db: Db;
  store: FileStore;
}
