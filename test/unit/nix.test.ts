/**
 * The NixOS module, evaluated by the real NixOS module system: nix-instantiate (Debian nix-bin),
 * nixpkgs' own lib as `<nixpkgs/lib>` and `lib.evalModules` (test/nix/eval.nix); the rendered
 * units are checked by systemd-analyze verify.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { evalModule, renderUnits, splitExecStart } from '../bench/units.js';
import { REPO } from '../bench/paths.js';

const NIX_FILES = ['nix/module.nix', 'nix/package.nix', 'flake.nix', 'test/nix/eval.nix'];

test.each(NIX_FILES)('%s parses', (file) => {
  expect(() => execFileSync('nix-instantiate', ['--parse', join(REPO, file)], { stdio: ['ignore', 'pipe', 'pipe'] })).not.toThrow();
});

test('options: every one the issue names, typed, described, with the documented defaults', () => {
  const { options } = evalModule({});
  const named = ['enable', 'package', 'schedule', 'timerConfig', 'randomizedDelaySec', 'persistent', 'threshold', 'target', 'until', 'stackPattern', 'keep', 'warm', 'warmImages', 'minFree', 'warmExtraArgs', 'storePaths', 'stateDir', 'metricsFile', 'managerHost', 'extraArgs', 'dryRun'];
  for (const n of named) expect(options[n]?.hasDescription ? n : `${n} missing`).toBe(n);
  expect(options.schedule).toMatchObject({ type: 'string or list of string', default: 'daily' });
  expect(options.persistent).toMatchObject({ type: 'boolean', default: true });
  expect(options.threshold).toMatchObject({ type: 'integer between 1 and 100 (both inclusive)', default: 80 });
  expect(options.target).toMatchObject({ default: null });
  expect(options.until!.default).toBe('24h');
  expect(options.stackPattern!.default).toBe('^[a-z0-9]{1,4}-[0-9a-f]{6}_ci_commoninternet_net_');
  expect(options.stateDir!.default).toBe('/var/lib/ci-docker-prune');
  expect(options.enable).toMatchObject({ type: 'boolean', default: false });
});

test('disabled: defines nothing', () => {
  expect(evalModule({}).topLevel).toEqual([]);
});

test('enabled with defaults: exactly ci-docker-prune.service and .timer, prune mode, the same bundle', () => {
  const ev = evalModule({ enable: true });
  expect(Object.keys(ev.config.systemd!.services)).toEqual(['ci-docker-prune']);
  expect(Object.keys(ev.config.systemd!.timers)).toEqual(['ci-docker-prune']);
  const s = ev.config.systemd!.services['ci-docker-prune']!;
  expect(s).toMatchObject({ after: ['docker.service'], requires: ['docker.service'], restartIfChanged: false, path: ['/nix/store/fake-docker'] });
  expect(s.serviceConfig).toMatchObject({ Type: 'oneshot', TimeoutStartSec: '1h', StateDirectory: 'ci-docker-prune', ProtectSystem: 'strict', ReadWritePaths: ['/var/lib/ci-docker-prune'] });
  // the prune, then the warm run (one after the other, as a oneshot runs its ExecStart lines)
  const [prune, warm, ...more] = (s.serviceConfig.ExecStart as string[]).map(splitExecStart);
  expect(prune).toEqual([
    '/nix/store/fake-nodejs/bin/node', '/nix/store/fake-ci-docker-prune/lib/ci-docker-prune/dist/index.js', 'prune',
    '--threshold', '80', '--until', '24h', '--stack-pattern', '^[a-z0-9]{1,4}-[0-9a-f]{6}_ci_commoninternet_net_', '--state-dir', '/var/lib/ci-docker-prune',
  ]);
  expect(warm!.slice(2)).toEqual(['warm', '--threshold', '80', '--stack-pattern', '^[a-z0-9]{1,4}-[0-9a-f]{6}_ci_commoninternet_net_', '--state-dir', '/var/lib/ci-docker-prune']);
  expect(more).toEqual([]);
  expect(renderUnits(ev).service.match(/^ExecStart=/gm)).toHaveLength(2);
  const named = evalModule({ enable: true, warmImages: ['mariadb:10.11'] }).config.systemd!.services['ci-docker-prune']!.serviceConfig.ExecStart as string[];
  expect(splitExecStart(named[1]!)).toEqual(expect.arrayContaining(['--warm-images', 'mariadb:10.11']));
  // warm = false: the prune alone
  expect(evalModule({ enable: true, warm: false }).config.systemd!.services['ci-docker-prune']!.serviceConfig.ExecStart).toHaveLength(1);
  expect(ev.config.systemd!.timers['ci-docker-prune']).toMatchObject({
    wantedBy: ['timers.target'], timerConfig: { OnCalendar: 'daily', Persistent: true, RandomizedDelaySec: '0', Unit: 'ci-docker-prune.service' },
  });
});

test('every option reaches the unit', () => {
  const ev = evalModule({
    enable: true, schedule: '*-*-* 03:30:00', randomizedDelaySec: '45min', persistent: false, threshold: 85, target: 60, until: '48h',
    keep: ['^mariadb:', '^nginx:'], storePaths: ['/var/lib/containerd'], stateDir: '/srv/cdp', metricsFile: '/var/lib/prom/cdp.prom', dryRun: true, extraArgs: ['--stuck-after', '1h'],
    managerHost: 'ssh://ci@manager',
  });
  const s = ev.config.systemd!.services['ci-docker-prune']!;
  // dryRun: no warm run (it pulls); the prune with every option
  expect(s.serviceConfig.ExecStart).toHaveLength(1);
  expect(splitExecStart((s.serviceConfig.ExecStart as string[])[0]!).slice(2)).toEqual([
    'prune', '--threshold', '85', '--until', '48h', '--stack-pattern', '^[a-z0-9]{1,4}-[0-9a-f]{6}_ci_commoninternet_net_', '--state-dir', '/srv/cdp',
    '--target', '60', '--keep', '^mariadb:', '--keep', '^nginx:', '--store-paths', '/var/lib/containerd', '--metrics-file', '/var/lib/prom/cdp.prom', '--manager-host', 'ssh://ci@manager', '--dry-run', '--stuck-after', '1h',
  ]);
  expect(s.serviceConfig.StateDirectory).toBeUndefined(); // a custom state dir is the operator's
  expect(s.serviceConfig.ReadWritePaths).toEqual(['/srv/cdp', '/var/lib/prom']);
  expect(ev.config.systemd!.timers['ci-docker-prune']!.timerConfig).toMatchObject({ OnCalendar: '*-*-* 03:30:00', RandomizedDelaySec: '45min', Persistent: false });
});

test('the warm run gets what the prune shares with it: extraArgs (the daemon, the gates), then minFree and warmExtraArgs, which are its own', () => {
  const ev = evalModule({
    enable: true, threshold: 85, target: 60, minFree: '5GiB', warmImages: ['mariadb:10.11'], metricsFile: '/var/lib/prom/cdp.prom',
    extraArgs: ['--docker-host', 'unix:///run/ci/docker.sock', '--stuck-after', '1h'], warmExtraArgs: ['--report-file', '/srv/warm.json'],
  });
  const [prune, warm] = (ev.config.systemd!.services['ci-docker-prune']!.serviceConfig.ExecStart as string[]).map((l) => splitExecStart(l).slice(2));
  expect(warm).toEqual([
    'warm', '--threshold', '85', '--stack-pattern', '^[a-z0-9]{1,4}-[0-9a-f]{6}_ci_commoninternet_net_', '--state-dir', '/var/lib/ci-docker-prune',
    '--target', '60', '--min-free', '5GiB', '--warm-images', 'mariadb:10.11',
    '--docker-host', 'unix:///run/ci/docker.sock', '--stuck-after', '1h', '--report-file', '/srv/warm.json',
  ]);
  // the prune: extraArgs, but neither the jobs' min-free (it does not use it) nor the warm run's own
  expect(prune).toEqual(expect.arrayContaining(['--docker-host', 'unix:///run/ci/docker.sock', '--stuck-after', '1h', '--metrics-file', '/var/lib/prom/cdp.prom']));
  expect(prune).not.toContain('--min-free');
  expect(prune).not.toContain('--report-file');
  expect(ev.warnings).toEqual([]);
  // a percent min-free, as the tool takes it
  const pct = evalModule({ enable: true, minFree: '12.5%' }).config.systemd!.services['ci-docker-prune']!.serviceConfig.ExecStart as string[];
  expect(splitExecStart(pct[1]!)).toEqual(expect.arrayContaining(['--min-free', '12.5%']));
});

test('a file named in extraArgs alone gives a warning: the warm run would write it after the prune', () => {
  const warned = (settings: Record<string, unknown>): string[] => evalModule({ enable: true, ...settings }).warnings;
  expect(warned({ extraArgs: ['--report-file', '/srv/r.json'] })).toEqual([expect.stringMatching(/extraArgs holds --report-file: the warm run gets extraArgs too .* its own --report-file in warmExtraArgs$/)]);
  expect(warned({ extraArgs: ['--metrics-file=/srv/m.prom'] })).toEqual([expect.stringMatching(/extraArgs holds --metrics-file: .* warmExtraArgs \(or use metricsFile, the prune's alone\)$/)]);
  // the warm run's own file, or no warm run at all: nothing to say
  expect(warned({ extraArgs: ['--report-file', '/srv/r.json'], warmExtraArgs: ['--report-file=/srv/w.json'] })).toEqual([]);
  expect(warned({ extraArgs: ['--report-file', '/srv/r.json'], warm: false })).toEqual([]);
  expect(warned({ extraArgs: ['--report-file', '/srv/r.json'], dryRun: true })).toEqual([]);
});

test('schedule takes a list of calendar expressions, timerConfig passes further [Timer] settings, target may be 0', () => {
  const ev = evalModule({ enable: true, schedule: ['*-*-* 03:30:00', '*-*-* 15:30:00'], timerConfig: { AccuracySec: '1min', WakeSystem: true, RandomizedDelaySec: '10min' }, target: 0 });
  expect(ev.config.systemd!.timers['ci-docker-prune']!.timerConfig).toEqual({
    OnCalendar: ['*-*-* 03:30:00', '*-*-* 15:30:00'], Persistent: true, RandomizedDelaySec: '10min', AccuracySec: '1min', WakeSystem: true, Unit: 'ci-docker-prune.service',
  });
  // one OnCalendar= line each, as NixOS writes a list
  expect(renderUnits(ev).timer).toContain('OnCalendar=*-*-* 03:30:00\nOnCalendar=*-*-* 15:30:00\n');
  const s = ev.config.systemd!.services['ci-docker-prune']!;
  expect(splitExecStart((s.serviceConfig.ExecStart as string[])[0]!)).toEqual(expect.arrayContaining(['--target', '0']));
  expect(splitExecStart((s.serviceConfig.ExecStart as string[])[1]!)).toEqual(expect.arrayContaining(['warm', '--target', '0']));
  // the timer runs this unit and no other
  expect(() => evalModule({ enable: true, timerConfig: { Unit: 'other.service' } })).toThrow(/timerConfig\.Unit: the timer runs ci-docker-prune\.service and no other/);
});

test('systemd specifiers and $ in arguments are escaped for ExecStart', () => {
  const s = evalModule({ enable: true, stackPattern: '^app_%i$', keep: ['50%$'] }).config.systemd!.services['ci-docker-prune']!;
  const line = (s.serviceConfig.ExecStart as string[])[0]!;
  expect(line).toContain('"^app_%%i$$"');
  expect(splitExecStart(line)).toEqual(expect.arrayContaining(['^app_%i$', '50%$']));
});

test('bad values and unknown options fail the evaluation, naming them', () => {
  // the module system's own words
  expect(() => evalModule({ enable: true, threshold: 101 })).toThrow(/option `services\.ci-docker-prune\.threshold' is not of type `integer between 1 and 100 \(both inclusive\)'/);
  expect(() => evalModule({ enable: true, keep: 'x' })).toThrow(/option `services\.ci-docker-prune\.keep' is not of type `list of string'/);
  expect(() => evalModule({ enable: true, autoPrune: true })).toThrow(/The option `services\.ci-docker-prune\.autoPrune' does not exist/);
  expect(() => evalModule({ enable: true, target: -1 })).toThrow(/services\.ci-docker-prune\.target' is not of type/);
});

test('assertions refuse at evaluation what the tool would refuse every night', () => {
  const fails = (settings: Record<string, unknown>, message: RegExp) => {
    let err = '';
    try { evalModule({ enable: true, ...settings }); } catch (e) { err = String((e as { stderr?: string }).stderr ?? e); }
    expect(err).toMatch(/Failed assertions:/);
    expect(err).toMatch(message);
  };
  fails({ until: '1 day' }, /until: \\?"1 day\\?" is not a duration like 90s/);
  fails({ until: '9999999999d' }, /at most 3650d/);
  fails({ threshold: 80, target: 85 }, /target \(85\) must be below threshold \(80\)/);
  fails({ threshold: 80, target: 80 }, /must be below threshold/);
  fails({ threshold: 10 }, /default target \(threshold - 10\) would be 0%; set target/);
  fails({ stackPattern: '(a+)+$' }, /could backtrack catastrophically/);
  fails({ keep: ['^ok:', '(a|aa)*b'] }, /could backtrack catastrophically/);
  fails({ keep: ['(x)\\1'] }, /could backtrack catastrophically/);
  fails({ storePaths: ['var/lib/containerd'] }, /storePaths: every path must be absolute/);
  fails({ stateDir: 'relative/dir' }, /stateDir: \\?"relative\/dir\\?" is not an absolute path/);
  fails({ managerHost: 'manager:2376' }, /managerHost/);
  // min-free as the tool parses it: a size, or a percent above 0 and below 100
  for (const bad of ['5 gigs', '10', '0%', '100%', '-1GB', '5GiB ', '.5%']) fails({ minFree: bad }, /minFree: .* is not a size or percent like 5GiB, 500MB or 10%/);
  for (const good of ['5GiB', '500MB', '0B', '1.5 GB', '10%', '0.5%', '99.9%']) expect(evalModule({ enable: true, minFree: good }).topLevel).toEqual(['systemd']);
  // and what it accepts still evaluates
  expect(evalModule({ enable: true, until: '7d', threshold: 85, target: 70, keep: ['^mariadb:', '^(nginx|redis):'], managerHost: 'ssh://ci@m' }).topLevel).toEqual(['systemd']);
});

test('a warning when NixOS\'s own docker autoPrune is on too', () => {
  expect(evalModule({ enable: true }, { autoPrune: 'true' }).warnings).toEqual([expect.stringMatching(/virtualisation\.docker\.autoPrune are both enabled/)]);
  expect(evalModule({ enable: true }).warnings).toEqual([]);
});

test('hardening: the state dir shared with the runners\' group; no IP unless a remote manager; syscall filter', () => {
  const local = evalModule({ enable: true }).config.systemd!.services['ci-docker-prune']!.serviceConfig;
  expect(local).toMatchObject({ StateDirectoryMode: '2770', Group: 'docker', UMask: '0007', RestrictAddressFamilies: ['AF_UNIX'], IPAddressDeny: 'any', SystemCallFilter: ['@system-service'] });
  expect(local.PrivateNetwork).toBeUndefined(); // the host locks are abstract sockets of the host's network namespace
  const remote = evalModule({ enable: true, managerHost: 'tcp://manager:2376' }).config.systemd!.services['ci-docker-prune']!.serviceConfig;
  expect(remote.RestrictAddressFamilies).toEqual(['AF_UNIX', 'AF_INET', 'AF_INET6']);
  expect(remote.IPAddressDeny).toBeUndefined();
});

describe('rendered units pass systemd-analyze verify', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cdp-units-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  // real files where the store paths would be: node, the package's dist/, the docker CLI
  for (const d of ['node/bin', 'pkg/lib/ci-docker-prune', 'docker/bin', 'units']) mkdirSync(join(dir, d), { recursive: true });
  symlinkSync(process.execPath, join(dir, 'node/bin/node'));
  symlinkSync(join(REPO, 'dist'), join(dir, 'pkg/lib/ci-docker-prune/dist'));
  const paths = { nodejs: join(dir, 'node'), package: join(dir, 'pkg'), docker: join(dir, 'docker') };
  const verify = (files: Record<string, string>) => {
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, 'units', name), text);
    return spawnSync('systemd-analyze', ['verify', '--man=no', ...Object.keys(files).map((f) => join(dir, 'units', f))], { encoding: 'utf8' });
  };

  test.each([[{ enable: true }], [{ enable: true, metricsFile: '/var/lib/prom/x.prom', keep: ['^a'], dryRun: true, target: 70 }], [{ enable: true, schedule: ['Mon *-*-* 03:00', 'daily'], timerConfig: { AccuracySec: '1min' } }]])('%j', (settings) => {
    const u = renderUnits(evalModule(settings, paths));
    const r = verify({ 'ci-docker-prune.service': u.service, 'ci-docker-prune.timer': u.timer });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  test('the verifier is real here: a missing binary fails, a bad value is reported', () => {
    const u = renderUnits(evalModule({ enable: true }, paths));
    expect(verify({ 'broken1.service': u.service.replace(join(dir, 'node/bin/node'), '/nonexistent/node') }).status).not.toBe(0);
    expect(verify({ 'broken2.service': u.service.replace('Type=oneshot', 'Type=oneshoot') }).stderr).toMatch(/Failed to parse service type/);
  });
});
