/**
 * Hostile and careless input, refused before any Docker request with one line naming the input
 * (exit 2 in main), and the pure guards behind the fault suite: regexes that could backtrack
 * catastrophically, references that would reach `docker pull` as options, workflow-command
 * injection, markdown breaking, garbage JSON, unbounded work.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync, readdirSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as z from 'zod/mini';
import { parseJson } from '../../src/docker/cli.js';
import { DockerError } from '../../src/docker/errors.js';
import { parseConfig, InputError, type RawInputs } from '../../src/inputs/config.js';
import { unsafeRegexReason } from '../../src/inputs/safe-regex.js';
import { checkReference } from '../../src/inputs/reference.js';
import { parseArgv, readInvocation } from '../../src/inputs/sources.js';
import { composeImages } from '../../src/inputs/compose.js';
import { loadLedger } from '../../src/ledger/store.js';
import { describeLedgerLoad } from '../../src/report/text.js';
import { writeAtomic } from '../../src/runtime/atomic-file.js';
import { mapLimit } from '../../src/runtime/pool.js';
import { defuseLine, safeLines } from '../../src/runtime/output.js';
import { esc } from '../../src/report/markdown.js';

const tmp = mkdtempSync(join(tmpdir(), 'cdp-hostile-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const bad = (raw: RawInputs): string => {
  try { parseConfig(raw, 'prune'); } catch (e) { expect(e).toBeInstanceOf(InputError); return (e as Error).message; }
  throw new Error(`accepted ${JSON.stringify(raw).slice(0, 200)}`);
};

describe('catastrophic regexes are refused; what is accepted matches fast', () => {
  const catastrophic = ['(a+)+$', '(a*)*b', '(a|aa)+$', '(.*a){20}', '(x+x+)+y', '^(([a-z])+.)+[A-Z]([a-z])+$', '(\\w+\\s?)+$',
    `${'a?'.repeat(30)}${'a'.repeat(30)}`, '.*a.*b.*c.*d', '(a)\\1', '(?<x>a)\\k<x>', 'a'.repeat(513)];
  test.each(catastrophic)('refused: %s', (p) => {
    expect(unsafeRegexReason(p)).toBeDefined();
    expect(bad({ 'stack-pattern': p })).toMatch(/^invalid input 'stack-pattern': got ".*", expected a safe, valid regular expression \(refused: /);
    expect(bad({ keep: `^ok$\n${p}` })).toMatch(/^invalid input 'keep'/);
  });

  const fine = ['^[a-z0-9]{1,4}-[0-9a-f]{6}_ci_commoninternet_net_', '^mariadb:', '^(mariadb|postgres):', 'registry\\.example\\.com/.*',
    '^[^/]+/recipes/.+:[0-9.]+$', '(?:^|/)keycloak:', '\\{1,4\\}', '[(]+[)]*', '^.*-cache$', '.*a.*b.*c'];
  test.each(fine)('accepted: %s', (p) => expect(unsafeRegexReason(p)).toBeUndefined());

  test('every accepted pattern stays fast on the longest names, built to make it backtrack', () => {
    const subjects = ['a'.repeat(255) + '!', `${'a'.repeat(120)}-${'0'.repeat(120)}!`, '/'.repeat(250), 'x'.repeat(256)];
    const t0 = performance.now();
    for (const p of fine) for (const s of subjects) new RegExp(p).test(s);
    // a hang is minutes; this bound only says "not a hang" (no performance number)
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});

describe('inputs are refused before any Docker request, naming the input', () => {
  test.each([
    [{ until: '99999999999999999999d' }, /^invalid input 'until'/],
    [{ until: '9999999999d' }, /^invalid input 'until': got "9999999999d", expected a duration .* at most 3650d/],
    [{ until: '3651d' }, /^invalid input 'until'/],
    [{ 'min-age': '100000w' }, /^invalid input 'min-age'/],
    [{ 'docker-timeout': '0' }, /^invalid input 'docker-timeout'/],
    [{ 'pull-timeout': '2d' }, /^invalid input 'pull-timeout'/],
    [{ images: '-oProxyCommand=x' }, /^invalid input 'images': .*starts with "-"/],
    [{ images: '--all' }, /^invalid input 'images'/],
    [{ images: 'redis:7\0evil' }, /^invalid input 'images': contains a NUL/],
    [{ images: 'redis:7 ::error::x' }, /^invalid input 'images'/],
    [{ images: 'a'.repeat(600) }, /^invalid input 'images'.*longer than 512/],
    [{ images: Array.from({ length: 201 }, (_, i) => `img:${i}`).join('\n') }, /^invalid input 'images'.*at most 200/],
    [{ 'stack-pattern': 'a'.repeat(50_000) }, /^invalid input 'stack-pattern'/],
    [{ keep: 'x'.repeat(70_000) }, /^invalid input 'keep': 70000 characters, expected at most 65536/],
    [{ threshold: '80', target: '80' }, /^invalid input 'target'.*below the threshold \(80\)/],
    [{ threshold: '80', target: '95' }, /^invalid input 'target'/],
    [{ threshold: '10' }, /^invalid input 'threshold': with 10, the default target .* would be 0%/],
    [{ threshold: '5' }, /^invalid input 'threshold'/],
    [{ 'docker-host': 'unix:///x.sock\n--debug' }, /^invalid input 'docker-host'/],
    [{ 'state-dir': `/${'d'.repeat(5000)}` }, /^invalid input 'state-dir'/],
  ] as [RawInputs, RegExp][])('%j', (raw, message) => {
    const m = bad(raw);
    expect(m).toMatch(message);
    expect(m).not.toContain('\n'); // one line
    expect(m.length).toBeLessThan(400); // a huge value is not echoed back whole
  });

  test('a sane config still parses, with the new bounds at their defaults', () => {
    const c = parseConfig({}, 'prune');
    expect(c.dockerTimeoutMs).toBe(120_000);
    expect(c.pullTimeoutMs).toBe(900_000);
    expect(c.target).toBe(70);
    expect(parseConfig({ threshold: '11' }, 'prune').target).toBe(1);
  });

  test('an explicitly empty CLI value is an error, never the default (--dry-run= must not run a real prune)', () => {
    expect(() => parseArgv(['prune', '--dry-run='])).toThrow(/option --dry-run needs a value \(got an empty one\)/);
    expect(() => parseArgv(['prune', '--state-dir', ''])).toThrow(/option --state-dir needs a value/);
    expect(() => parseArgv(['prune', '--state-dir='])).toThrow(/option --state-dir needs a value/);
    expect(parseArgv(['prune', '--dry-run']).raw['dry-run']).toBe('true');
  });

  test('a differently spelt dry-run is read as dry-run; a near miss of any input stops the run (exit 2) before any Docker call; a far one warns', () => {
    // never a real prune where the operator asked for a dry run
    for (const env of [{ PLUGIN_DRYRUN: 'true' }, { PLUGIN_Dry_Run: 'true' }, { 'PLUGIN_DRY-RUN': 'true' }]) {
      const inv = readInvocation([], { PLUGIN_MODE: 'prune', ...env });
      expect(inv.raw['dry-run']).toBe('true');
      expect(inv.warnings).toEqual([expect.stringMatching(/ is read as input 'dry-run' \(its usual spelling is PLUGIN_DRY_RUN\)$/)]);
    }
    // in Actions the runner also sets INPUT_DRY-RUN to its default (false), which would win: the run stops instead
    for (const variable of ['INPUT_DRY_RUN', 'INPUT_DRYRUN']) {
      expect(() => readInvocation([], { [variable]: 'true', 'INPUT_DRY-RUN': 'false', GITHUB_ACTIONS: 'true' }))
        .toThrow(`${variable} is not an input of ci-docker-prune; did you mean INPUT_DRY-RUN (input 'dry-run')?`);
    }
    // the usual spelling wins over another one
    expect(readInvocation([], { PLUGIN_DRY_RUN: 'false', PLUGIN_DRYRUN: 'true' }).raw['dry-run']).toBe('false');
    expect(() => readInvocation([], { PLUGIN_THRESHHOLD: '95', PLUGIN_MODE: 'prune' }))
      .toThrow("PLUGIN_THRESHHOLD is not an input of ci-docker-prune; did you mean PLUGIN_THRESHOLD (input 'threshold')? Stopping before any Docker request: a misspelt setting must not change what the run does");
    expect(() => readInvocation([], { PLUGIN_DRY_RUM: 'true' })).toThrow(/did you mean PLUGIN_DRY_RUN \(input 'dry-run'\)\?/);
    expect(() => readInvocation([], { 'INPUT_DRY-RUNN': 'true' })).toThrow(InputError);
    // a setting like none of ours (another tool's) is ignored with a warning
    expect(readInvocation([], { PLUGIN_WEBHOOK_URL: 'x' }).warnings).toEqual(['PLUGIN_WEBHOOK_URL is not an input of ci-docker-prune and is ignored']);
    expect(readInvocation([], { PLUGIN_THRESHOLD: '95' }).warnings).toEqual([]);
  });

  test('compose files from the repository under test: bad refs, sizes and counts are refused', () => {
    const file = (name: string, text: string): string => { const p = join(tmp, name); writeFileSync(p, text); return p; };
    const env = { EVIL: 'x\n::add-mask::hunter2', DASH: '-oProxyCommand=sh' };
    expect(() => composeImages([file('nl.yml', 'services:\n  app:\n    image: "redis:7\\n::error::pwned"\n')], {})).toThrow(/control character/);
    expect(() => composeImages([file('env.yml', 'services:\n  app:\n    image: ${EVIL}\n')], env)).toThrow(/^invalid input 'compose-files': .*control character/);
    expect(() => composeImages([file('dash.yml', 'services:\n  app:\n    image: ${DASH}\n')], env)).toThrow(/starts with "-"/);
    const many = `services:\n${Array.from({ length: 1000 }, (_, i) => `  s${i}:\n    image: img${i}:1\n`).join('')}`;
    expect(() => composeImages([file('many.yml', many)], {})).toThrow(/name 1000 images, at most 200/);
    const big = file('big.yml', `# ${'x'.repeat(2 << 20)}\nservices: {}\n`);
    expect(() => composeImages([big], {})).toThrow(/bytes, at most 1048576/);
  });

  test('references', () => {
    for (const ok of ['redis', 'redis:7-alpine', '127.0.0.1:5000/recipes/app:1.2.3', 'git.coopcloud.tech/coop-cloud/keycloak@sha256:' + 'a'.repeat(64)]) expect(checkReference(ok)).toBeUndefined();
    for (const no of ['-x', ' redis', 'redis\n', 'a b', '$(id)', 'a;b', '']) expect(checkReference(no)).toBeDefined();
  });
});

describe('where the Docker settings point: a bad host or a missing context is exit 2, named, never a stack trace', () => {
  test('docker-host and manager-host must parse as the CLI would take them', () => {
    for (const bad of ['tcp://[x', 'tcp://127.0.0.1:99999', 'tcp://', 'ssh://']) {
      expect(() => parseConfig({ 'docker-host': bad }, 'check')).toThrow(new RegExp(`^invalid input 'docker-host': got ${JSON.stringify(bad).replace(/[[\]]/g, '\\$&')}, expected `));
      expect(() => parseConfig({ 'manager-host': bad }, 'check')).toThrow(/^invalid input 'manager-host'/);
    }
    for (const good of ['tcp://[::1]:2375', 'tcp://ci-1:2376', 'unix://', 'unix:///run/docker.sock', 'ssh://ci@m']) expect(parseConfig({ 'docker-host': good }, 'check').dockerHost).toBe(good);
  });

  test('DOCKER_HOST and DOCKER_CONTEXT from the environment are checked as inputs are, before any request', async () => {
    const { main } = await import('../../src/main.js');
    const errors: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string | Uint8Array) => { errors.push(String(chunk)); return true; }) as typeof process.stderr.write;
    const home = mkdtempSync(join(tmp, 'home-'));
    try {
      const base = { PATH: '/nonexistent', HOME: home, 'INPUT_STATE-DIR': join(home, 'state') };
      expect(await main(['check', '--state-dir', join(home, 'state')], { ...base, DOCKER_HOST: 'tcp://127.0.0.1:99999' })).toBe(2);
      expect(errors.join('')).toContain('error: invalid environment variable DOCKER_HOST: got "tcp://127.0.0.1:99999", expected a host and port that parse');
      expect(await main(['check', '--state-dir', join(home, 'state')], { ...base, DOCKER_HOST: 'tcp://[x' })).toBe(2);
      errors.length = 0;
      expect(await main(['check', '--state-dir', join(home, 'state')], { ...base, DOCKER_CONTEXT: 'nowhere' })).toBe(2);
      expect(errors.join('')).toMatch(/error: environment variable DOCKER_CONTEXT names the Docker context "nowhere", which this docker client does not have \(no .*contexts\/meta\/[0-9a-f]{64}\/meta\.json\)/);
      expect(errors.join('')).not.toContain('/var/run/docker.sock');
    } finally {
      process.stderr.write = write;
      rmSync(home, { recursive: true, force: true });
    }
  });

  test('DOCKER_HOST=unix:// is the default socket, for the reads and for the lock, as for the CLI', async () => {
    const { apiEndpoint } = await import('../../src/docker/api.js');
    const { engineKey } = await import('../../src/execute/lock.js');
    expect(apiEndpoint(undefined, { DOCKER_HOST: 'unix://' })).toEqual(apiEndpoint(undefined, {}));
    expect(engineKey(undefined, { DOCKER_HOST: 'unix://' })).toBe(engineKey(undefined, {}));
  });
});

describe('what Docker says is checked, never trusted', () => {
  test('garbage or truncated JSON is a DockerError naming the request, not a SyntaxError', () => {
    const schema = z.object({ ID: z.string() });
    for (const text of ['{not json', '', '{"ID":', '<html>', '{"ID":1}']) {
      let err: unknown;
      try { parseJson(schema, text, ['service', 'ls']); } catch (e) { err = e; }
      expect(err).toBeInstanceOf(DockerError);
      expect((err as Error).message).toMatch(/^docker service ls failed \(exit 0\): (output is not JSON|unexpected output shape)/);
    }
  });
});

describe('workflow commands and markdown cannot be injected', () => {
  // what the runner does: `::cmd` after leading blanks, or `##[` anywhere
  const isCommand = (line: string): boolean => line.trimStart().startsWith('::') || line.includes('##[');
  test.each([
    '::add-mask::hunter2', '  ::error::pwned', '::stop-commands::tok', '\t::set-output name=x::y', 'ok ##[error]x', '##[group]x',
    'a\n::error::b', 'a\r::warning::b', 'a\r\n::debug::b', 'a\u2028::error::b',
  ])('%j', (text) => {
    for (const l of safeLines(text)) expect(isCommand(l)).toBe(false);
    expect(defuseLine('plain line')).toBe('plain line');
  });

  test('a table cell or list item stays one, whatever the name holds', () => {
    const cell = esc('a|b\n| x | y |\n**bold** <img src=x> [link](http://x) `code`');
    expect(cell).not.toMatch(/\n|(?<!\\)\||<img|(?<!\\)\*\*|(?<!\\)\[/);
  });
});

describe('files are written safely; bounded work', () => {
  test('the temporary file is unpredictable, exclusive and never follows a link planted beside the target', async () => {
    const dir = mkdtempSync(join(tmp, 'atomic-'));
    const victim = join(tmp, 'victim');
    writeFileSync(victim, 'untouched');
    const target = join(dir, 'report.json');
    // the old predictable name, and the target itself, both links to a file we must not write
    symlinkSync(victim, `${target}.${process.pid}.tmp`);
    symlinkSync(victim, target);
    await writeAtomic(target, '{"ok":true}', 0o640);
    expect(readFileSync(victim, 'utf8')).toBe('untouched');
    expect(readFileSync(target, 'utf8')).toBe('{"ok":true}');
    expect(statSync(target).isFile()).toBe(true);
    expect(statSync(target).mode & 0o777).toBe(0o640);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp') && !f.startsWith('report.json.'))).toEqual([]);
  });

  test('a huge ledger is refused by its size before it is read', async () => {
    const dir = mkdtempSync(join(tmp, 'ledger-'));
    writeFileSync(join(dir, 'ledger.json'), '');
    truncateSync(join(dir, 'ledger.json'), 200 << 20); // sparse: 200 MB of nothing
    const rss = process.memoryUsage().rss;
    const r = await loadLedger(dir, Date.now());
    expect(r).toMatchObject({ kind: 'rebuilt', why: 'too-big' });
    expect(describeLedgerLoad(r)).toBe(`the usage ledger is refused (${join(dir, 'ledger.json')} is 209715200 bytes, over the 16777216-byte limit): rebuilt, every image counts as used now`);
    expect(process.memoryUsage().rss - rss).toBeLessThan(50 << 20);
  });

  test('mapLimit never runs more than its limit at once and keeps the order', async () => {
    let running = 0;
    let peak = 0;
    const out = await mapLimit(Array.from({ length: 1000 }, (_, i) => i), 4, async (i) => {
      running++; peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, i % 3));
      running--;
      return i * 2;
    });
    expect(peak).toBe(4);
    expect(out).toEqual(Array.from({ length: 1000 }, (_, i) => i * 2));
  });
});
