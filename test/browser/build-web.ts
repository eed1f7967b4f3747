import { packageRoot } from '../../src/app.ts';
import { buildWeb, webBuildNeeded } from '../../src/cli/web.ts';

/** The pages under test are the built ones, as `npm start` serves them. */
export default async function setup(): Promise<void> {
  if (webBuildNeeded(packageRoot)) await buildWeb(packageRoot);
}
