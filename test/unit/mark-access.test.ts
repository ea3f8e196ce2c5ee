/**
 * Whether every job's mark can be seen (execute/mark-access.ts): who can reach the daemon's
 * socket, and whether each of them can write the state dir. Pure, on /etc/passwd and /etc/group
 * text as Debian writes them; the real root timer + runner user is in test/integration/shared-host.
 */
import { blindSpots, parseGroup, parsePasswd } from '../../src/execute/mark-access.js';

const passwd = parsePasswd([
  'root:x:0:0:root:/root:/bin/bash',
  'runner:x:1001:1001::/home/runner:/bin/bash',
  'drone:x:1002:1002::/home/drone:/bin/bash',
  'nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin',
  'broken line',
].join('\n'));
const groups = parseGroup(['root:x:0:', 'docker:x:998:runner,drone', 'runner:x:1001:', 'nogroup:x:65534:', 'ci:x:1500:runner'].join('\n'));
const socket = { uid: 0, gid: 998, mode: 0o140660 }; // srw-rw---- root:docker

test('/etc/passwd and /etc/group are read as Debian writes them', () => {
  expect(passwd.map((a) => a.name)).toEqual(['root', 'runner', 'drone', 'nobody']);
  expect(groups.find((g) => g.name === 'docker')).toEqual({ name: 'docker', gid: 998, members: ['runner', 'drone'] });
});

test('runner users in the docker group who cannot write a root-owned state dir are blind spots; after setup none are', () => {
  const rootOnly = { uid: 0, gid: 0, mode: 0o40770 };
  expect(blindSpots(socket, rootOnly, passwd, groups)).toEqual(['runner', 'drone']);
  const shared = { uid: 0, gid: 998, mode: 0o42770 }; // what setup makes it
  expect(blindSpots(socket, shared, passwd, groups)).toEqual([]);
  // a group-readable but not writable dir is no better
  expect(blindSpots(socket, { ...shared, mode: 0o42750 }, passwd, groups)).toEqual(['runner', 'drone']);
  // a dir shared with another group only some of them are in
  expect(blindSpots(socket, { uid: 0, gid: 1500, mode: 0o42770 }, passwd, groups)).toEqual(['drone']);
});

test('a socket only root may use has no blind spot; one every user may use has one unless the dir is everyone\'s', () => {
  expect(blindSpots({ ...socket, mode: 0o140600 }, { uid: 0, gid: 0, mode: 0o40700 }, passwd, groups)).toEqual([]);
  expect(blindSpots({ ...socket, mode: 0o140666 }, { uid: 0, gid: 998, mode: 0o42770 }, passwd, groups)).toBe('everyone');
  // the group's users by primary group too (nobody's is nogroup)
  expect(blindSpots({ uid: 0, gid: 65534, mode: 0o140660 }, { uid: 0, gid: 0, mode: 0o40770 }, passwd, groups)).toEqual(['nobody']);
  expect(blindSpots({ uid: 0, gid: 65534, mode: 0o140660 }, { uid: 65534, gid: 65534, mode: 0o40700 }, passwd, groups)).toEqual([]);
});
