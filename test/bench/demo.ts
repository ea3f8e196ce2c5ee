/**
 * `npm run demo`: a disposable engine holding a realistic CI-host state (warm recipe images,
 * superseded tags, dangling re-pulls, exited containers, volumes, build cache, a crash-looping
 * leftover service, a nearly full disk), then the tool as the host runs it: check, one recipe
 * job (pre → deploy → teardown → post), and the nightly prune. Tears the engine down at the end.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startEngine } from './engine.js';
import {
  APP_SERVICE, DAY_MS, buildCache, crashingService, fillDiskTo, importImage, importOldImage, makeDangling,
  service, stoppedContainer, waitRunning,
} from './fixtures.js';
import { BUNDLE } from './paths.js';
import { cleanEnv } from './run.js';

const MB = 1_000_000;
const banner = (t: string) => process.stdout.write(`\n\x1b[1m━━ ${t} ━━\x1b[0m\n`);

const e = startEngine(1024);
try {
  const state = mkdtempSync(join(e.dir, 'state-'));
  const tool = (...args: string[]): number => {
    process.stdout.write(`\x1b[2m$ ci-docker-prune ${args.join(' ')}\x1b[0m\n`);
    const r = spawnSync(process.execPath, [BUNDLE, ...args, '--state-dir', state], { env: { ...cleanEnv(e), CI_DOCKER_PRUNE_RUN_ID: 'demo-job-1' }, stdio: 'inherit' });
    process.stdout.write(`\x1b[2m(exit ${r.status})\x1b[0m\n`);
    return r.status ?? 1;
  };

  banner('Setting up a CI host: warm recipe images, old tags, leftovers, a nearly full disk');
  const ids = {
    'mariadb:10.11': importImage(e, 'mariadb:10.11', 60 * MB),
    'nginx:1.27': importImage(e, 'nginx:1.27', 20 * MB),
    'redis:7-alpine': importImage(e, 'redis:7-alpine', 10 * MB),
    'keycloak:24': importOldImage(e, 'keycloak:24', 40 * DAY_MS, 70 * MB),
    'mariadb:10.6': importOldImage(e, 'mariadb:10.6', 90 * DAY_MS, 50 * MB),
  };
  makeDangling(e, 'nginx:1.27', 3 * DAY_MS); // a re-pull left the old nginx:1.27 dangling
  makeDangling(e, 'redis:7-alpine', 2 * DAY_MS);
  stoppedContainer(e, 'old_job_migrate', 'mariadb:10.6');
  for (const v of ['ghost_db', 'keycloak_db']) e.docker(['volume', 'create', v]);
  buildCache(e, 5 * MB);
  crashingService(e, 'forgotten_worker', 'redis:7-alpine');
  fillDiskTo(e, 86);
  // The host's usage history, as months of runs of this tool would have left it in its ledger:
  // the current recipe images were used yesterday, the superseded tags weeks ago.
  const now = Date.now();
  const used = (daysAgo: number) => ({ firstSeenMs: now - 120 * DAY_MS, lastUsedMs: now - daysAgo * DAY_MS });
  writeFileSync(join(state, 'ledger.json'), JSON.stringify({ version: 1, images: {
    [ids['mariadb:10.11']]: used(1), [ids['nginx:1.27']]: used(1), [ids['redis:7-alpine']]: used(1),
    [ids['keycloak:24']]: used(40), [ids['mariadb:10.6']]: used(60),
  } }));
  process.stdout.write(`engine: ${e.dockerHost}, data root on a 1 GiB loop filesystem; ledger with 120 days of history\n`);

  banner('1. What is on this host? (check: changes nothing)');
  tool('check');

  banner('2. A recipe job: the action\'s main step (pre) before it');
  tool('pre', '--images', 'mariadb:10.11', '--images', 'nginx:1.27', '--images', 'keycloak:25');
  process.stdout.write('… the job deploys its stack, tests it, tears it down (leaving a volume behind)\n');
  service(e, APP_SERVICE, 'mariadb:10.11');
  void waitRunning(e, APP_SERVICE).catch(() => undefined);
  e.docker(['volume', 'create', 'abcd-1a2b3c_ci_commoninternet_net_db']);

  banner('3. While the stack is live, a prune does nothing');
  tool('prune');
  e.docker(['service', 'rm', APP_SERVICE]);

  banner('4. The action\'s post step after the job');
  tool('post');

  banner('5. The nightly timer: dry run, then the real gated prune');
  process.stdout.write('forgotten_worker has crash-looped since setup: with --stuck-after 3s (30m on a real host) it is\n' +
    'reported as stuck instead of holding the prune forever\n');
  spawnSync('sleep', ['3']);
  tool('prune', '--dry-run', '--stuck-after', '3s', '--target', '75');
  tool('prune', '--stuck-after', '3s', '--target', '75');
} finally {
  e.stop();
}
