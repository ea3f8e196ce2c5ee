/**
 * Jest globalSetup of the integration project: the tests run a bundle built from `src/` now,
 * never a stale committed `dist/` (a local run after editing `src/` would test old code).
 * CI, which has just checked that `dist/` equals a fresh bundle, sets CI_DOCKER_PRUNE_BUNDLE to
 * it and saves the rebuild.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// (jest loads this file without the project's module mapping: no imports from the repository)
const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export default function freshBundle(): void {
  if (process.env.CI_DOCKER_PRUNE_BUNDLE) return;
  // one directory per run: two runs at once never swap each other's bundle mid-run
  mkdirSync(join(REPO, '.build'), { recursive: true });
  const dir = mkdtempSync(join(REPO, '.build', 'bundle-'));
  chmodSync(dir, 0o755); // as dist/ is: the runner-user tests copy it and run it as nobody
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  const t0 = Date.now();
  execFileSync(join(REPO, 'node_modules', '.bin', 'ncc'), ['build', 'src/index.ts', '-o', dir, '--minify', '--target', 'es2022', '--license', 'licenses.txt', '--quiet'],
    { cwd: REPO, stdio: ['ignore', 'ignore', 'inherit'] });
  execFileSync(process.execPath, [join(REPO, 'scripts', 'fix-dist.mjs'), dir], { stdio: 'inherit' });
  process.env.CI_DOCKER_PRUNE_BUNDLE = join(dir, 'index.js');
  process.stderr.write(`integration tests run a fresh bundle of src/ (${dir}, built in ${((Date.now() - t0) / 1000).toFixed(1)} s)\n`);
}
