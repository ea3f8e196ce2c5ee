/** action.yml is generated from the input table; this keeps them from drifting apart. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { INPUTS, OUTPUTS } from '../../src/inputs/definitions.js';
import { helpText } from '../../src/inputs/help.js';
import { REPO } from '../bench/paths.js';

const action = parse(readFileSync(join(REPO, 'action.yml'), 'utf8')) as {
  inputs: Record<string, { default: string; description: string }>;
  outputs: Record<string, { description: string }>;
  runs: Record<string, string>;
};

test('every input is in action.yml with its default and description, and nothing else is', () => {
  expect(Object.keys(action.inputs)).toEqual(INPUTS.map((d) => d.name));
  for (const d of INPUTS) expect(action.inputs[d.name]).toEqual({ description: d.description, required: false, default: d.default });
});

test('the inputs the issues name all exist', () => {
  const named = ['mode', 'threshold', 'target', 'until', 'stack-pattern', 'stuck-after', 'dry-run', 'images', 'compose-files', 'pull', 'keep',
    'min-age', 'keep-warm', 'state-dir', 'fail-on-eviction', 'min-free', 'report-file', 'metrics-file', 'docker-host',
    'docker-timeout', 'pull-timeout', 'manager-host', 'cold-headroom', 'check-upstream', 'runner-group', 'store-paths', 'warm-images'];
  expect(INPUTS.map((d) => d.name).sort()).toEqual(named.sort());
});

test('outputs documented; main and post run the same bundle, post always', () => {
  expect(Object.keys(action.outputs)).toEqual(Object.keys(OUTPUTS));
  expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js', post: 'dist/index.js', 'post-if': 'always()' });
});

test('one version: package.json, in the bundle (--version), the changelog and --help', async () => {
  const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string; license: string };
  const { VERSION } = await import('../../src/main.js');
  expect(VERSION).toBe(pkg.version);
  expect(execFileSync(process.execPath, [join(REPO, 'dist', 'index.js'), '--version'], { encoding: 'utf8' })).toBe(`ci-docker-prune ${pkg.version}\n`);
  expect(readFileSync(join(REPO, 'CHANGELOG.md'), 'utf8')).toMatch(new RegExp(`^## ${pkg.version.replace(/\./g, '\\.')} `, 'm'));
  expect(readFileSync(join(REPO, 'LICENSE'), 'utf8')).toMatch(new RegExp(`^${pkg.license} License`));
  expect(helpText()).toContain('--version');
});

test('--help lists every option with its default', () => {
  const help = helpText();
  for (const d of INPUTS.filter((x) => x.name !== 'mode')) {
    expect(help).toContain(`--${d.name}`);
    if (d.default) expect(help).toContain(`(default: ${d.default})`);
  }
});
