/**
 * A two-node swarm: a manager and a worker, each a hermetic engine with its own loop filesystem
 * and image store, the worker joined with the manager's token. The worker reads the cluster's
 * services from the manager (`manager-host`) and prunes and evicts only its own store.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startEngine, type Engine } from '../bench/engine.js';
import { APP_SERVICE, DAY_MS, fillDiskTo, importImage, inventory, makeDangling, waitFor } from '../bench/fixtures.js';
import { runTool } from '../bench/run.js';
import type { RunReport } from '../../src/report/types.js';

let manager: Engine;
let worker: Engine;
let tmp: string;
beforeAll(() => {
  manager = startEngine(512);
  worker = startEngine(512, { workerOf: manager });
  tmp = mkdtempSync(join(manager.dir, 'multinode-'));
});
afterAll(() => { worker?.stop(); manager?.stop(); });

const MB = 1_000_000;
const NOTHING = 'keeping local image cache, nothing to do';
let n = 0;
/** `prune` on the worker; returns the run and its report. */
function workerPrune(...args: string[]) {
  const file = join(tmp, `worker-${++n}.json`);
  const metrics = join(tmp, `worker-${n}.prom`);
  const r = runTool(worker, ['prune', '--until', '1s', '--state-dir', join(tmp, 'wstate'), '--report-file', file, '--metrics-file', metrics, ...args]);
  return { ...r, report: JSON.parse(readFileSync(file, 'utf8')) as RunReport, metrics: readFileSync(metrics, 'utf8') };
}
/** A service pinned to the manager (its image exists only there). */
function managerService(name: string, image: string): void {
  manager.docker(['service', 'create', '--detach', '--quiet', '--name', name, '--constraint', 'node.role==manager', image, 'sleep', '600']);
}
const running = (e: Engine, name: string) => /^1\/1/.test(e.docker(['service', 'ls', '--filter', `name=${name}`, '--format', '{{.Replicas}}']).trim());

test('a worker with manager-host: held by a stack live on the manager, then prunes and evicts only its own store', async () => {
  const workerNode = worker.docker(['info', '--format', '{{.Swarm.NodeID}}']).trim();
  // the worker's store: an old dangling image, two stale tagged images, and one a service names
  const dangling = makeDangling(worker, 'app:1', 2 * DAY_MS);
  const stale = [importImage(worker, 'recipe:1', 25 * MB), importImage(worker, 'recipe:2', 25 * MB)];
  const shared = importImage(worker, 'shared:1', 25 * MB);
  // the ledger a long-running worker would have: all three last used a month ago
  const now = Date.now();
  mkdirSync(join(tmp, 'wstate'), { recursive: true });
  writeFileSync(join(tmp, 'wstate', 'ledger.json'), JSON.stringify({
    version: 1, images: Object.fromEntries([...stale, shared].map((id) => [id, { firstSeenMs: now - 60 * DAY_MS, lastUsedMs: now - 30 * DAY_MS }])),
  }));
  // the manager's store and services: infra naming shared:1, and a live run-app stack
  importImage(manager, 'shared:1');
  const managerDangling = makeDangling(manager, 'app:1', 2 * DAY_MS);
  managerService('infra_web', 'shared:1');
  managerService(APP_SERVICE, 'shared:1');
  await waitFor('the manager services to run', () => running(manager, 'infra_web') && running(manager, APP_SERVICE), 60_000);
  fillDiskTo(worker, 86);
  const managerBefore = inventory(manager);
  const workerBefore = inventory(worker);

  // without manager-host a worker fails closed, and says which input fixes that
  const closed = workerPrune();
  expect(closed.code).toBe(0);
  expect(closed.report.gate).toBe('swarm-role');
  expect(closed.stdout).toMatch(/this node is a swarm worker, not a manager: services cannot be listed here; failing closed \(set manager-host/);

  // with it, the run-app stack live on the manager holds the worker's prune
  const held = workerPrune('--manager-host', manager.dockerHost);
  expect(held.code).toBe(0);
  expect(held.report.gates.find((g) => g.name === 'swarm-role')).toMatchObject({ open: true, detail: `services read from the manager at ${manager.dockerHost}` });
  expect(held.report.gate).toBe('stacks');
  expect(held.stdout).toContain(`gate stacks closed: ${NOTHING}`);
  expect(inventory(worker)).toEqual(workerBefore);
  // the report and the metrics name the node
  expect(held.report.daemon).toMatchObject({ swarm: 'worker', nodeId: workerNode, managerHost: manager.dockerHost });
  expect(held.report.daemon.hostname).toBe(worker.docker(['info', '--format', '{{.Name}}']).trim());
  expect(held.metrics).toMatch(new RegExp(`^ci_docker_prune_node_info\\{hostname="[^"]+",node_id="${workerNode}"\\} 1$`, 'm'));

  // the stack is torn down: the worker prunes its dangling image and evicts its stale tags,
  // keeps what a service names (shared:1), and the manager's store is untouched
  manager.docker(['service', 'rm', APP_SERVICE]);
  const pruned = workerPrune('--manager-host', manager.dockerHost, '--target', '50');
  expect(pruned.code).toBe(0);
  expect(pruned.report.gate).toBe('open');
  const removed = pruned.report.removed.map((r) => r.id);
  expect(removed).toEqual(expect.arrayContaining([dangling, ...stale]));
  expect(removed).not.toContain(shared);
  expect(pruned.report.kept).toEqual(expect.arrayContaining([expect.objectContaining({ id: shared, reason: 'in-use' })]));
  expect(worker.docker(['image', 'inspect', '--format', '{{.Id}}', 'shared:1']).trim()).toBe(shared);
  expect(inventory(manager)).toEqual(managerBefore);
  expect(manager.docker(['image', 'inspect', '--format', '{{.Id}}', managerDangling]).trim()).toBe(managerDangling);
});

test('the manager unreachable, or not a manager: fail closed, one clear line, exit 0, nothing removed', () => {
  const dangling = makeDangling(worker, 'app:9', 2 * DAY_MS);
  fillDiskTo(worker, 86, 'filler-b');
  const before = inventory(worker);
  const gone = `unix://${tmp}/no-manager.sock`;
  for (const [host, why] of [
    [gone, new RegExp(`manager-host ${gone} cannot answer: .*failing closed`)],
    [worker.dockerHost, new RegExp(`manager-host ${worker.dockerHost} is not a swarm manager; failing closed`)],
  ] as const) {
    const r = workerPrune('--manager-host', host);
    expect(r.code).toBe(0);
    expect(r.report.gate).toBe('swarm-role');
    expect(r.stdout).toMatch(why);
    expect(r.stdout).toContain(`gate swarm-role closed: ${NOTHING}`);
    expect(r.stderr).toBe('');
    expect(inventory(worker)).toEqual(before);
  }
  // post after a job on the worker: the same closed gate, exit 0
  const post = runTool(worker, ['post', '--state-dir', join(tmp, 'wstate'), '--manager-host', gone]);
  expect(post.code).toBe(0);
  expect(worker.docker(['image', 'inspect', '--format', '{{.Id}}', dangling]).trim()).toBe(dangling);
});
