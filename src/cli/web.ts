import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { build as ViteBuild } from 'vite';

/** Newest modification time under a folder (ignoring node_modules and build output). */
function newest(dir: string): number {
  let t = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const p = path.join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/**
 * `npm start` builds the web app when it has not been built, or when its sources (or the server contracts it
 * imports) changed since the last build.
 */
export function webBuildNeeded(root: string): boolean {
  const index = path.join(root, 'web', 'dist', 'index.html');
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  return newest(path.join(root, 'web')) > built || newest(path.join(root, 'src')) > built;
}

export async function buildWeb(root: string): Promise<void> {
  let build: typeof ViteBuild;
  try {
    ({ build } = await import('vite'));
  } catch {
    throw new Error(
      '网页尚未构建，且未安装构建工具 vite：请先运行 npm install（含开发依赖），或运行 npm run build',
    );
  }
  await build({ configFile: path.join(root, 'web', 'vite.config.ts'), logLevel: 'warn' });
}
