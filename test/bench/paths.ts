/** Paths of the repository, whether this file runs from test/ (jest) or .build/test/ (demo). */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) || !existsSync(join(dir, 'action.yml'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('repository root not found');
    dir = up;
  }
  return dir;
}

export const REPO = findRoot();
export const ENGINE_SCRIPT = join(REPO, 'test', 'bench', 'engine.sh');
export const FREE_PORTS = join(REPO, 'test', 'bench', 'free-ports.cjs');
/** The bundle under test: a fresh build of src/ in integration runs (test/integration/fresh-bundle.ts). */
export const BUNDLE = process.env.CI_DOCKER_PRUNE_BUNDLE ?? join(REPO, 'dist', 'index.js');
/** Other Docker engines for the matrix (scripts/engines.sh). */
export const ENGINES_DIR = join(REPO, '.engines');
