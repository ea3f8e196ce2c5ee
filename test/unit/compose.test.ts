import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeImages, interpolate, parseDotEnv } from '../../src/inputs/compose.js';
import { InputError } from '../../src/inputs/config.js';
import { glob } from '../../src/inputs/glob.js';
import { credentialsFor, readClientAuth } from '../../src/docker/client-auth.js';

describe('compose interpolation', () => {
  const vars = { TAG: '10.11', EMPTY: '' };
  test.each([
    ['mariadb:${TAG}', 'mariadb:10.11'], ['mariadb:$TAG', 'mariadb:10.11'], ['x:${MISSING:-1.0}', 'x:1.0'],
    ['x:${EMPTY:-def}', 'x:def'], ['x:${EMPTY-def}', 'x:'], ['x:${MISSING-def}', 'x:def'], ['cost: $$5', 'cost: $5'],
    ['x:${MISSING:-${TAG}}', 'x:10.11'],
  ])('%s → %s', (text, want) => expect(interpolate(text, vars, 'f')).toBe(want));

  test('${VAR:?msg} for an unset variable is an input error naming it', () => {
    expect(() => interpolate('x:${NOPE:?set the version}', vars, 'compose.yml')).toThrow(InputError);
    expect(() => interpolate('x:${NOPE:?set the version}', vars, 'compose.yml')).toThrow(/compose.yml: required variable NOPE is not set \(set the version\)/);
  });

  test('.env parsing', () => {
    expect(parseDotEnv('# c\nA=1\nexport B="two words"\nC=\'q\'\nD=x # comment\nbad line\n')).toEqual({ A: '1', B: 'two words', C: 'q', D: 'x' });
  });
});

describe('compose files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cdp-compose-'));
  mkdirSync(join(dir, 'overrides'));
  writeFileSync(join(dir, 'compose.yml'), 'services:\n  app:\n    image: nginx:${NGINX_VERSION}\n  db:\n    image: mariadb:${DB_VERSION:-10.6}\n  built:\n    build: .\n');
  writeFileSync(join(dir, 'overrides', 'compose.smtp.yml'), 'services:\n  db:\n    image: mariadb:10.11\n  mail:\n    image: docker.io/library/postfix:3\n');
  writeFileSync(join(dir, '.env'), 'NGINX_VERSION=1.25\n');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('merged in order, later image wins, .env and environment interpolated (environment wins)', () => {
    const r = composeImages(['compose.yml', 'overrides/*.yml'], { NGINX_VERSION: '1.27' }, dir);
    expect(r.files).toEqual([join(dir, 'compose.yml'), join(dir, 'overrides', 'compose.smtp.yml')]);
    expect(r.images).toEqual(['nginx:1.27', 'mariadb:10.11', 'docker.io/library/postfix:3']);
    expect(composeImages(['compose.yml'], {}, dir).images).toEqual(['nginx:1.25', 'mariadb:10.6']);
  });

  test('a pattern matching nothing, or invalid YAML, is an input error', () => {
    expect(() => composeImages(['nope-*.yml'], {}, dir)).toThrow(/'compose-files': "nope-\*.yml" matches no file/);
    writeFileSync(join(dir, 'broken.yml'), 'services: [\n');
    expect(() => composeImages(['broken.yml'], {}, dir)).toThrow(/broken.yml is not valid YAML/);
  });

  test('glob: *, ?, ** and literal paths', () => {
    expect(glob('**/compose*.yml', dir)).toEqual([join(dir, 'compose.yml'), join(dir, 'overrides', 'compose.smtp.yml')]);
    expect(glob('compose.y?l', dir)).toEqual([join(dir, 'compose.yml')]);
    expect(glob(join(dir, 'compose.yml'), '/')).toEqual([join(dir, 'compose.yml')]);
    expect(glob('missing.yml', dir)).toEqual([]);
  });
});

describe('docker client credentials (presence only, never values)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cdp-auth-'));
  const secret = 'c2VjcmV0LXRva2Vu';
  writeFileSync(join(dir, 'config.json'), JSON.stringify({
    auths: { 'https://index.docker.io/v1/': { auth: secret }, 'ghcr.io': {}, '127.0.0.1:5000': { identitytoken: 'tok' } },
    credHelpers: { 'registry.example.org': 'pass' },
  }));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('which registries have credentials, and the file mode', async () => {
    chmodSync(join(dir, 'config.json'), 0o600);
    const a = await readClientAuth({ DOCKER_CONFIG: dir });
    expect(a.exposed).toBe(false);
    expect(a.stored.sort()).toEqual(['127.0.0.1:5000', 'https://index.docker.io/v1/']);
    expect(JSON.stringify(a)).not.toContain(secret);
    expect(JSON.stringify(a)).not.toContain('tok"');
    expect(credentialsFor('docker.io', a)).toBe(`stored credential in ${join(dir, 'config.json')}`);
    expect(credentialsFor('ghcr.io', a)).toBe('no credentials (anonymous pulls)');
    expect(credentialsFor('registry.example.org', a)).toBe('credential helper docker-credential-pass');
    expect(credentialsFor('127.0.0.1:5000', a)).toMatch(/^stored credential/);
  });

  test('a config readable by group or others is flagged', async () => {
    chmodSync(join(dir, 'config.json'), 0o644);
    expect((await readClientAuth({ DOCKER_CONFIG: dir })).exposed).toBe(true);
  });

  test('no config file: nothing stored', async () => {
    expect((await readClientAuth({ DOCKER_CONFIG: join(dir, 'none') })).exists).toBe(false);
  });
});
