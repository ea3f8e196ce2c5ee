/**
 * The hermetic engine's own promise: whatever state a test leaves an engine in, stop() leaves
 * no process, mount or loop device behind. CI found one that did: a swarm task restarted while
 * the engine went down outlived dockerd (SIGKILLed after 2 s of grace) and its shim, and its
 * mount namespace kept the test's filesystem, and the loop device, busy for the task's 600 s.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startEngine, type Engine } from '../bench/engine.js';
import { importImage } from '../bench/fixtures.js';

let e: Engine | undefined;
afterEach(() => e?.stop());

/** Running and not a zombie (a reparented process may wait for a reaper this sandbox lacks). */
function alive(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]![0] !== 'Z';
  } catch {
    return false;
  }
}

test('a container that outlived a SIGKILLed dockerd and its shim is killed, its loop device freed', () => {
  e = startEngine(512);
  importImage(e, 'holder:1');
  e.docker(['run', '--detach', '--name', 'holder', 'holder:1', 'sleep', '600']);
  const pid = Number(e.docker(['inspect', '--format', '{{.State.Pid}}', 'holder']).trim());
  expect(alive(pid)).toBe(true);
  const dir = e.dir;
  // the daemon dies with its container running: nothing is left to stop that container
  process.kill(Number(readFileSync(join(dir, 'dockerd.pid'), 'utf8')), 'SIGKILL');
  e.stop();
  e = undefined;
  expect(alive(pid)).toBe(false);
  expect(execFileSync('losetup', ['--all'], { encoding: 'utf8' })).not.toContain(dir);
  expect(readFileSync('/proc/self/mountinfo', 'utf8')).not.toContain(dir);
});
