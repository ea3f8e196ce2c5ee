import { INPUTS } from '../../src/inputs/definitions.js';
import { InputError, parseConfig } from '../../src/inputs/config.js';
import { parseArgv, readInvocation } from '../../src/inputs/sources.js';

describe('parseConfig', () => {
  test('defaults match the operators policy', () => {
    const c = parseConfig({}, 'check');
    expect(c.mode).toBe('check');
    expect(c.threshold).toBe(80);
    expect(c.target).toBe(70);
    expect(c.untilMs).toBe(24 * 3_600_000);
    expect(c.stuckAfterMs).toBe(30 * 60_000);
    expect(c.stackPattern.test('abcd-1a2b3c_ci_commoninternet_net_app')).toBe(true);
    expect(c.stackPattern.test('traefik_app')).toBe(false);
    expect(c.dryRun).toBe(false);
    expect(c.pull).toBe('none');
    expect(c.stateDir).toBe('/var/lib/ci-docker-prune');
    expect(c.minFree).toBeUndefined();
  });

  test('values are parsed into typed fields', () => {
    const c = parseConfig({
      mode: 'prune', threshold: '90', target: '60', until: '7d', 'stuck-after': '0', 'dry-run': 'TRUE',
      images: 'redis:7\nnginx:1.27', keep: '^mariadb:\n^postgres:{1,2}', 'min-free': '5GiB',
    }, 'check');
    expect(c).toMatchObject({ mode: 'prune', threshold: 90, target: 60, untilMs: 7 * 86_400_000, stuckAfterMs: 0, dryRun: true });
    expect(c.images).toEqual(['redis:7', 'nginx:1.27']);
    expect(c.keep.map((r) => r.source)).toEqual(['^mariadb:', '^postgres:{1,2}']);
    expect(c.minFree).toEqual({ kind: 'bytes', bytes: 5 * 2 ** 30 });
    expect(parseConfig({ 'min-free': '10%' }, 'pre').minFree).toEqual({ kind: 'percent', percent: 10 });
  });

  test.each([
    ['threshold', 'abc', /invalid input 'threshold': got "abc", expected a number from 1 to 100/],
    ['threshold', '0', /'threshold'.*from 1 to 100/],
    ['until', '3x', /invalid input 'until': got "3x", expected a duration like 90s, 30m, 24h or 7d/],
    ['stack-pattern', '(', /invalid input 'stack-pattern': got "\(", expected a safe, valid regular expression/],
    ['mode', 'nuke', /invalid input 'mode': got "nuke", expected one of check, prune, pre, post/],
    ['dry-run', 'yes', /invalid input 'dry-run': got "yes", expected true or false/],
    ['pull', 'some', /invalid input 'pull'.*one of none, cold, all/],
    ['min-free', 'lots', /invalid input 'min-free'.*5GiB/],
    ['keep', 'a\n[', /invalid input 'keep'/],
  ])('bad %s=%j names the input, the value and what is allowed', (name, value, message) => {
    expect(() => parseConfig({ [name]: value }, 'check')).toThrow(InputError);
    expect(() => parseConfig({ [name]: value }, 'check')).toThrow(message);
  });

  test('target above threshold is refused', () => {
    expect(() => parseConfig({ threshold: '70', target: '75' }, 'prune')).toThrow(/'target'.*threshold \(70\)/);
  });
});

describe('input sources', () => {
  test('CLI: mode, --name value, --name=value and bare flags', () => {
    const r = parseArgv(['prune', '--threshold', '85', '--until=12h', '--dry-run', '--keep', 'a', '--keep', 'b']);
    expect(r.raw).toEqual({ mode: 'prune', threshold: '85', until: '12h', 'dry-run': 'true', keep: 'a\nb' });
  });

  test('CLI: a repeated list option adds lines; a repeated single value takes the last, as the table says', () => {
    const r = parseArgv(['--keep-warm', '1d', '--keep-warm', '2d', '--images', 'a:1', '--images', 'b:2', '--compose-files', 'x.yml', '--compose-files', 'y.yml']);
    expect(r.raw).toEqual({ 'keep-warm': '2d', images: 'a:1\nb:2', 'compose-files': 'x.yml\ny.yml' });
    // every input is either a list or a single value, and only the four lists are lists
    expect(INPUTS.filter((d) => 'list' in d && d.list).map((d) => d.name)).toEqual(['images', 'warm-images', 'compose-files', 'keep', 'store-paths']);
  });

  test('CLI: unknown options and missing values are input errors', () => {
    expect(() => parseArgv(['--all'])).toThrow(/unknown option --all/);
    expect(() => parseArgv(['--threshold'])).toThrow(/needs a value/);
    expect(() => parseArgv(['prune', 'check'])).toThrow(/unexpected argument/);
  });

  test('Actions INPUT_* (hyphens kept) and post detection by saved state', () => {
    const env = { GITHUB_ACTIONS: 'true', 'INPUT_STACK-PATTERN': '^x_', INPUT_THRESHOLD: '', STATE_isPost: 'true' };
    const inv = readInvocation([], env);
    expect(inv.caller).toBe('actions-post');
    expect(inv.raw).toEqual({ 'stack-pattern': '^x_' });
    expect(readInvocation([], { GITHUB_ACTIONS: 'true' }).caller).toBe('actions-main');
  });

  test('Drone/Woodpecker PLUGIN_* with underscores; CLI flags win over env', () => {
    const env = { PLUGIN_MODE: 'prune', PLUGIN_DRY_RUN: 'true', PLUGIN_THRESHOLD: '70' };
    const inv = readInvocation([], env);
    expect(inv.caller).toBe('plugin');
    expect(inv.raw).toEqual({ mode: 'prune', 'dry-run': 'true', threshold: '70' });
    expect(readInvocation(['--threshold', '95'], env).raw.threshold).toBe('95');
  });
});
