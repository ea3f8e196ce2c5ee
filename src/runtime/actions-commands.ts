/**
 * The runner's workflow commands and file commands, as @actions/core writes them, without
 * core's index. That index loads file-command.js, and with it node:crypto, for the delimiter's
 * one UUID: about 8 ms of every action step before its first Docker request (BENCHMARKS.md,
 * 2026-12-03), and with it @actions/exec and @actions/http-client, which this tool never needs
 * from core. The `::command::` syntax, its escaping and the job summary are core's own
 * (command.js, summary.js); the key-value file command is written here, as core 3.0.1 writes
 * it, with a UUID from runtime/random.ts (test/unit/actions-output.test.ts compares the two).
 */
import { appendFileSync, existsSync } from 'node:fs';
import { EOL } from 'node:os';
// core's package exports only its index; these are its files, pinned with it in package.json
import { issue, issueCommand } from '../../node_modules/@actions/core/lib/command.js';
import { toCommandValue } from '../../node_modules/@actions/core/lib/utils.js';
import { summary } from '../../node_modules/@actions/core/lib/summary.js';
import { randomUuid } from './random.js';

type Env = Readonly<Record<string, string | undefined>>;

/** `name<<delimiter`, the value, the delimiter: a value of any lines, read back as it was. */
export function keyValueMessage(key: string, value: unknown, uuid: string = randomUuid()): string {
  const delimiter = `ghadelimiter_${uuid}`;
  const text = toCommandValue(value);
  // as core: a name or value holding the delimiter could end the block early and set another
  if (key.includes(delimiter)) throw new Error(`Unexpected input: name should not contain the delimiter "${delimiter}"`);
  if (text.includes(delimiter)) throw new Error(`Unexpected input: value should not contain the delimiter "${delimiter}"`);
  return `${key}<<${delimiter}${EOL}${text}${EOL}${delimiter}`;
}

/** Appends to the runner's file (`GITHUB_OUTPUT`, `GITHUB_STATE`), which the runner created. */
function fileCommand(file: string, message: string): void {
  if (!existsSync(file)) throw new Error(`Missing file at path: ${file}`);
  appendFileSync(file, `${message}${EOL}`, { encoding: 'utf8' });
}

export function commands(env: Env) {
  return {
    info: (line: string): void => { process.stdout.write(`${line}${EOL}`); },
    warning: (text: string): void => issueCommand('warning', {}, text),
    error: (text: string): void => issueCommand('error', {}, text),
    startGroup: (title: string): void => issue('group', title),
    endGroup: (): void => issue('endgroup'),
    // a runner that names no such file (an old one) still reads the commands the files replaced
    setOutput(name: string, value: unknown): void {
      if (env.GITHUB_OUTPUT) return fileCommand(env.GITHUB_OUTPUT, keyValueMessage(name, value));
      process.stdout.write(EOL);
      issueCommand('set-output', { name }, toCommandValue(value));
    },
    saveState(name: string, value: unknown): void {
      if (env.GITHUB_STATE) return fileCommand(env.GITHUB_STATE, keyValueMessage(name, value));
      issueCommand('save-state', { name }, toCommandValue(value));
    },
    /** Appends markdown to the job summary (`GITHUB_STEP_SUMMARY`, which core's summary reads). */
    summary: async (markdown: string): Promise<void> => { await summary.addRaw(markdown, true).write(); },
  };
}

export type Commands = ReturnType<typeof commands>;
