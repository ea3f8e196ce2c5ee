/** The host locks are named by the daemon's identity, asked at most once, learned from a look where one was taken. */
import { daemonKey, HostLocks, lockName } from '../../src/execute/lock.js';

// /info of the same daemon through its socket and through a proxy in front of it: one identity
const DAEMON = { ID: '8315d30f-f447-433a-8d29-d4a1bf39bdf8', DockerRootDir: '/var/lib/docker' };

test('one daemon, one name, whichever socket asked; another root dir (20.10 daemons share a trust key id) is another daemon', async () => {
  let asked = 0;
  const viaSocket = new HostLocks(async () => { asked++; return DAEMON; }, 'socket-inode-a');
  const viaProxy = new HostLocks(async () => { asked++; return { ...DAEMON }; }, 'socket-inode-b');
  expect(await viaSocket.name('run')).toBe(await viaProxy.name('run'));
  expect(await viaSocket.name('step')).toBe(lockName(daemonKey(DAEMON), 'step'));
  expect(asked).toBe(2); // once each, not once per name
  expect(daemonKey({ ...DAEMON, DockerRootDir: '/srv/docker' })).not.toBe(daemonKey(DAEMON));
});

test('a look\'s /info names the locks with no request; a daemon with no ID falls back to the socket key', async () => {
  const locks = new HostLocks(async () => { throw new Error('not asked'); }, 'fallback');
  locks.learn(DAEMON);
  expect(await locks.name('run')).toBe(lockName(daemonKey(DAEMON), 'run'));
  const anonymous = new HostLocks(async () => ({ ID: '', DockerRootDir: '/var/lib/docker' }), 'fallback');
  expect(await anonymous.name('run')).toBe(lockName('fallback', 'run'));
});
