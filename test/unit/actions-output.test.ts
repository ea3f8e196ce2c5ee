/**
 * The Actions output does not wait for the runner commands' chunk to load (the run's first
 * Docker requests go out meanwhile): what is said before it has loaded is queued, then written in
 * order, workflow commands, outputs and state alike; flush() is what main awaits before the
 * process exits. The key-value file command is written as @actions/core writes it.
 */
import { jest } from '@jest/globals';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { actionsOutput } from '../../src/runtime/output.js';
import { commands, keyValueMessage } from '../../src/runtime/actions-commands.js';
import { prepareKeyValueMessage } from '../../node_modules/@actions/core/lib/file-command.js';

test('lines, outputs and state said before the commands loaded are written in order once they have', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cdp-out-'));
  const env = { GITHUB_OUTPUT: join(dir, 'output'), GITHUB_STATE: join(dir, 'state') };
  for (const f of Object.values(env)) writeFileSync(f, '');
  const written: string[] = [];
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => { written.push(String(chunk)); return true; });
  try {
    const out = actionsOutput(env);
    out.info('first');
    out.saveState('isPost', 'true');
    out.warn('second');
    out.setOutput('gate', 'open');
    expect(written).toEqual([]); // the import resolves later: nothing was dropped or written out of turn
    expect(out.outputs).toEqual({ gate: 'open' }); // for the report file, at once
    await out.flush();
    out.info('third'); // once loaded, straight through
    expect(written.join('').split('\n').filter(Boolean)).toEqual(['first', '::warning::second', 'third']);
    expect(readFileSync(env.GITHUB_STATE, 'utf8')).toMatch(/^isPost<<(ghadelimiter_[0-9a-f-]+)\ntrue\n\1\n$/);
    expect(readFileSync(env.GITHUB_OUTPUT, 'utf8')).toMatch(/^gate<<(ghadelimiter_[0-9a-f-]+)\nopen\n\1\n$/);
  } finally {
    spy.mockRestore();
  }
});

test('a group starts at once, its title and lines in their turn after every line said before it', async () => {
  const written: string[] = [];
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => { written.push(String(chunk)); return true; });
  try {
    const out = actionsOutput({});
    out.info('before');
    let ran = false;
    const group = out.group('Docker host', async () => { ran = true; out.info('inside'); });
    expect(ran).toBe(true); // its requests go out while the commands' chunk still loads
    await group;
    await out.flush();
    const lines = written.join('').split('\n').filter(Boolean);
    expect(lines.slice(0, 3)).toEqual(['before', '::group::Docker host', 'inside']);
    expect(lines.at(-1)).toBe('::endgroup::');
  } finally {
    spy.mockRestore();
  }
});

test('a queued write that fails does not drop the lines after it, and flush() reports it', async () => {
  const env = { GITHUB_STATE: join(mkdtempSync(join(tmpdir(), 'cdp-out-')), 'gone', 'state') }; // the runner's file is not there
  const written: string[] = [];
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => { written.push(String(chunk)); return true; });
  try {
    const out = actionsOutput(env);
    out.saveState('isPost', 'true');
    out.info('still said');
    await expect(out.flush()).rejects.toThrow(/gone\/state/);
    expect(written.join('')).toContain('still said');
  } finally {
    spy.mockRestore();
  }
});

test("the key-value file command is @actions/core's own, for any value; a value holding the delimiter is refused", () => {
  // core's delimiter is a fresh UUID each time: compare with it put in its place
  const same = (text: string): string => text.replace(/ghadelimiter_[0-9a-f-]{36}/g, 'ghadelimiter_D');
  for (const value of ['open', '', 'two\nlines\r\n', 42, true, { a: [1, 'x'] }, null]) {
    expect(same(keyValueMessage('gate', value))).toBe(same(prepareKeyValueMessage('gate', value)));
  }
  const uuid = '00000000-0000-4000-8000-000000000000';
  expect(() => keyValueMessage('gate', `x\nghadelimiter_${uuid}\nevil=1`, uuid)).toThrow(/value should not contain the delimiter/);
  expect(() => keyValueMessage(`ghadelimiter_${uuid}`, 'x', uuid)).toThrow(/name should not contain the delimiter/);
});

test('without the runner files (an old runner), outputs and state go as the commands they replaced, as core does', () => {
  const written: string[] = [];
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => { written.push(String(chunk)); return true; });
  try {
    const c = commands({});
    c.setOutput('gate', 'open%');
    c.saveState('isPost', 'true');
    expect(written.join('')).toBe('\n::set-output name=gate::open%25\n::save-state name=isPost::true\n');
  } finally {
    spy.mockRestore();
  }
});

test('main writes what an Actions step said before it exits, and a runner file it cannot write is an error naming it', async () => {
  const { main } = await import('../../src/main.js');
  const dir = mkdtempSync(join(tmpdir(), 'cdp-main-'));
  const state = join(dir, 'state');
  writeFileSync(state, '');
  const errs: string[] = [];
  const outSpy = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
  const errSpy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => { errs.push(String(chunk)); return true; });
  // the runner's files are those the step's environment names: main's env, not process.env
  const step = (stateFile: string): NodeJS.ProcessEnv => ({ PATH: process.env.PATH, GITHUB_ACTIONS: 'true', GITHUB_STATE: stateFile, INPUT_MODE: 'bogus' });
  try {
    // a bad input ends the main step before any request: its state (isPost) is still written
    expect(await main([], step(state))).toBe(2);
    expect(readFileSync(state, 'utf8')).toMatch(/^isPost<<(ghadelimiter_[0-9a-f-]+)\ntrue\n\1\n$/);
    expect(await main([], step(join(dir, 'gone', 'state')))).toBe(1);
    expect(errs.join('')).toMatch(/error: the runner's step files could not be written: .*gone\/state/);
  } finally {
    outSpy.mockRestore();
    errSpy.mockRestore();
  }
});
