/**
 * Finding containerd's root from what the host states: the address the daemon names, the
 * process serving it, its flags and config. A /proc of its own per case (a directory with the
 * `stat` and `cmdline` files procfs has), laid out as the hosts seen on 2026-12-02: sid's dockerd
 * 28.5 on a test-started containerd 2.1 (version 3 config), trixie's dockerd 26.1 with its own.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findContainerdRoot, flagValue, parseContainerdConfig } from '../../src/snapshot/containerd-root.js';

let dir: string;
beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'cdp-ctr-')); });
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A process in the fake /proc: its program name (comm), parent and command line. */
function proc(pid: number, ppid: number, args: string[]): void {
  const p = join(dir, 'proc', String(pid));
  mkdirSync(p, { recursive: true });
  const comm = args[0]!.split('/').pop()!.slice(0, 15);
  writeFileSync(join(p, 'stat'), `${pid} (${comm}) S ${ppid} ${pid} ${pid} 0 -1 4194560`);
  writeFileSync(join(p, 'cmdline'), `${args.join('\0')}\0`);
}
const file = (name: string, text: string): string => { const f = join(dir, name); writeFileSync(f, text); return f; };

// the version 3 config the external-containerd test host writes (test/bench/engine.sh)
const V3 = (root: string, sock: string) => `version = 3\nroot = "${root}"\nstate = "/run/x/cstate"\n[grpc]\n  address = "${sock}"\n`;

test('config: top-level root and [grpc] address, basic and literal strings, other tables ignored', () => {
  expect(parseContainerdConfig(V3('/srv/ctr', '/run/ctr.sock'))).toEqual({ root: '/srv/ctr', address: '/run/ctr.sock' });
  // moby's generated version 2 config for its own containerd (trixie 26.1), abridged
  const moby = 'disabled_plugins = ["io.containerd.grpc.v1.cri"]\nroot = "/var/lib/docker/containerd/daemon"\nversion = 2\n\n[debug]\n  address = "/var/run/docker/containerd/containerd-debug.sock"\n\n[grpc]\n  address = "/var/run/docker/containerd/containerd.sock"\n  gid = 0\n';
  expect(parseContainerdConfig(moby)).toEqual({ root: '/var/lib/docker/containerd/daemon', address: '/var/run/docker/containerd/containerd.sock' });
  expect(parseContainerdConfig("root = '/lit\\eral'\n[plugins.'io.containerd.grpc.v1.cri']\n  root = \"/not/this\"\n")).toEqual({ root: '/lit\\eral' });
  expect(parseContainerdConfig('grpc.address = "/dotted.sock"\n')).toEqual({ address: '/dotted.sock' });
  expect(parseContainerdConfig('# only a comment\n')).toEqual({});
});

test('flags: --x v, --x=v, short forms; the last one wins', () => {
  expect(flagValue(['containerd', '--config', '/a', '-c', '/b'], ['--config', '-c'])).toBe('/b');
  expect(flagValue(['dockerd', '--containerd=/run/c.sock'], ['--containerd'])).toBe('/run/c.sock');
  expect(flagValue(['dockerd', '--containerd-namespace', 'x'], ['--containerd'])).toBeUndefined();
});

test('the system containerd: found by the address /info names, its root from its config', async () => {
  const conf = file('containerd.toml', V3('/mnt/b/containerd', '/run/test/containerd.sock'));
  proc(100, 1, ['containerd', '--config', conf]);
  proc(200, 1, ['/usr/sbin/dockerd', '--data-root', '/mnt/a/docker', '--containerd', '/run/test/containerd.sock']);
  proc(300, 1, ['sleep', '100']);
  const found = await findContainerdRoot({ rootDir: '/mnt/a/docker', containerdAddress: '/run/test/containerd.sock' }, join(dir, 'proc'));
  expect(found).toEqual({ kind: 'found', path: '/mnt/b/containerd', how: `root in ${conf} of containerd (pid 100)` });
});

test('API before 1.46 (no Containerd.Address): dockerd\'s --containerd flag or daemon.json leads to it', async () => {
  proc(100, 1, ['containerd', '--root', '/srv/ctr', '--address', '/run/containerd/containerd.sock']);
  const json = file('daemon.json', JSON.stringify({ containerd: '/run/containerd/containerd.sock', 'data-root': '/mnt/a/docker' }));
  proc(200, 1, ['dockerd', '--config-file', json]);
  const found = await findContainerdRoot({ rootDir: '/mnt/a/docker', containerdAddress: undefined }, join(dir, 'proc'));
  expect(found).toEqual({ kind: 'found', path: '/srv/ctr', how: '--root of containerd (pid 100)' });
});

test('dockerd\'s own containerd (its child), also when its 0600 config cannot be read: <data root>/containerd/daemon', async () => {
  const state = join(dir, 'exec', 'containerd');
  mkdirSync(state, { recursive: true });
  const conf = join(state, 'containerd.toml');
  writeFileSync(conf, 'root = "/mnt/a/docker/containerd/daemon"\n[grpc]\n  address = "' + join(state, 'containerd.sock') + '"\n');
  proc(200, 1, ['dockerd', '--data-root', '/mnt/a/docker', '--exec-root', join(dir, 'exec')]);
  proc(201, 200, ['containerd', '--config', conf]);
  // a system containerd too, which this daemon does not use
  proc(100, 1, ['containerd', '--config', file('sys.toml', V3('/var/lib/containerd', '/run/containerd/containerd.sock'))]);
  const before146 = await findContainerdRoot({ rootDir: '/mnt/a/docker', containerdAddress: undefined }, join(dir, 'proc'));
  expect(before146).toEqual({ kind: 'found', path: '/mnt/a/docker/containerd/daemon', how: `root in ${conf} of containerd (pid 201)` });
  // a config that cannot be read (as a runner user sees moby's 0600 one; here, as root, one that
  // is no file): the socket beside it and the parent still say whose it is
  rmSync(conf);
  mkdirSync(conf);
  const unreadable = await findContainerdRoot({ rootDir: '/mnt/a/docker', containerdAddress: join(state, 'containerd.sock') }, join(dir, 'proc'));
  expect(unreadable).toEqual({ kind: 'found', path: '/mnt/a/docker/containerd/daemon', how: 'dockerd\'s own containerd (pid 201)' });
});

test('nothing visible (a container, hidepid): unknown, saying what was looked for; never a guess', async () => {
  mkdirSync(join(dir, 'proc'));
  const none = await findContainerdRoot({ rootDir: '/var/lib/docker', containerdAddress: '/run/containerd/containerd.sock' }, join(dir, 'proc'));
  expect(none).toEqual({ kind: 'unknown', why: 'no containerd process serving /run/containerd/containerd.sock is visible from here (0 containerd processes seen: in a container, or /proc mounted with hidepid?)' });
  const old = await findContainerdRoot({ rootDir: '/var/lib/docker', containerdAddress: undefined }, join(dir, 'proc'));
  expect(old).toEqual({ kind: 'unknown', why: 'the daemon does not name its containerd (API before 1.46) and no dockerd serving /var/lib/docker is visible from here' });
  // two dockerds claiming one data root with different containerds: which is ours cannot be told
  proc(200, 1, ['dockerd', '--data-root', '/var/lib/docker', '--containerd', '/a.sock']);
  proc(201, 1, ['dockerd', '--data-root', '/var/lib/docker']);
  const split = await findContainerdRoot({ rootDir: '/var/lib/docker', containerdAddress: undefined }, join(dir, 'proc'));
  expect(split).toEqual({ kind: 'unknown', why: '2 dockerds serve /var/lib/docker with different containerds' });
});

test('a process named containerd whose program is something else is not taken for one', async () => {
  proc(100, 1, ['/usr/bin/python3', 'containerd']);
  writeFileSync(join(dir, 'proc', '100', 'stat'), '100 (containerd) S 1 100'); // comm renamed, program not
  const r = await findContainerdRoot({ rootDir: '/var/lib/docker', containerdAddress: '/run/containerd/containerd.sock' }, join(dir, 'proc'));
  expect(r.kind).toBe('unknown');
});
