import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Router } from 'express';
import { Ajv2020 } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { createRuntime } from '@groupchat/shared';
import { createCommandApi } from '@groupchat/command-api';
import { createQueryApi } from '../src/index';
import { World, latest, type Registered } from './support/world';

interface Layer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle: { stack?: Layer[] };
  rawPath?: string | string[];
}

/** Every method and path an express router answers, sub-routers included, in OpenAPI form (`/groups/{id}`). */
function routesOf(router: Router, prefix = ''): string[] {
  const found: string[] = [];
  for (const layer of router.stack as unknown as Layer[]) {
    if (layer.route) {
      const paths = ([] as string[]).concat(layer.route.path);
      for (const path of paths)
        for (const method of Object.keys(layer.route.methods).filter((m) => m !== '_all')) found.push(`${method.toUpperCase()} ${toOpenApi(prefix + path)}`);
    } else if (layer.handle.stack) {
      const mount = typeof layer.rawPath === 'string' && layer.rawPath !== '/' ? layer.rawPath : '';
      found.push(...routesOf(layer.handle as unknown as Router, prefix + mount));
    }
  }
  return found;
}
const toOpenApi = (path: string) => path.replace(/:(\w+)/g, '{$1}');

describe('the OpenAPI document at /api/v1/openapi.json', () => {
  let w: World;
  let doc: { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: object }> }> }>>; components: object };
  let ajv: Ajv2020;

  beforeAll(async () => {
    w = await World.start();
    const res = await fetch(`${w.app.url}/api/v1/openapi.json`);
    expect(res.status).toBe(200);
    doc = await res.json();
    ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addSchema({ $id: 'openapi.json', components: doc.components });
  });
  afterAll(() => w?.close());

  it('documents every route registered on the command-api and query-api routers', async () => {
    const rt = await createRuntime(w.config, 'openapi-walk');
    try {
      const [command, query] = [await createCommandApi(rt), await createQueryApi(rt)];
      const registered = [...routesOf(command.router), ...routesOf(query.router)];
      expect(registered.length).toBeGreaterThan(10);
      const documented = new Set(Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`)));
      expect(registered.filter((r) => !documented.has(r))).toEqual([]);
      await Promise.allSettled([command.close(), query.close()]);
    } finally {
      await rt.close();
    }
  });

  /** Checks an answer against what the document promises for that path, method and status. */
  function conforms(path: string, status: number, body: unknown) {
    const responses = doc.paths[path]?.get?.responses;
    expect(responses, `GET ${path} is documented`).toBeDefined();
    const content = responses![String(status)]?.content;
    expect(content, `GET ${path} documents status ${status}`).toBeDefined();
    const schema = Object.values(content!)[0]!.schema as { $ref?: string };
    const validate = ajv.compile({ $ref: `openapi.json${schema.$ref}` });
    const ok = validate(body);
    expect(ok ? [] : validate.errors, `GET ${path} → ${status}`).toEqual([]);
  }

  it('answers every query GET with a body matching its documented schema', async () => {
    const ada: Registered = await w.user('ada', ['maps'], 'Ada');
    const bob: Registered = await w.user('bob', ['maps']);
    const pub = await w.group(ada, { name: 'Cartographers', description: 'maps', interests: ['maps'] });
    const priv = await w.group(bob, { name: 'Hidden', interests: ['maps'], visibility: 'private' });
    const invited = await w.invite(priv.id, ada, bob);
    const attachment = {
      mediaId: 'media-1',
      kind: 'image' as const,
      contentType: 'image/png',
      size: 42,
      fileName: 'map.png',
      width: 4,
      height: 3,
      durationMs: null,
      thumbnailMediaId: 'media-1-t',
    };
    const msg = w.sent(pub.id, ada, 'a map of the world', [attachment]);
    const sent = await w.append(msg, pub.id);
    const reacted = await w.append(w.event('ReactionAdded', ada.id, { groupId: pub.id, messageId: msg.messageId, userId: ada.id, emoji: '🗺️' }), pub.id);
    const at = latest(ada.position, bob.position, pub.position, priv.position, invited, sent, reacted);

    const calls: [string, string, Registered, number][] = [
      ['/me', '/me', ada, 200],
      ['/users', '/users?q=ad', bob, 200],
      ['/search/users', '/search/users?q=bo', ada, 200],
      ['/users/{id}', `/users/${ada.id}`, bob, 200],
      ['/users/{id}', '/users/u-none', bob, 404],
      ['/groups', '/groups?q=maps&sort=activity', ada, 200],
      ['/groups', '/groups?limit=0', ada, 422],
      ['/search/groups', '/search/groups?q=carto', bob, 200],
      ['/groups/recommended', '/groups/recommended', bob, 200],
      ['/groups/{id}', `/groups/${pub.id}`, bob, 200],
      ['/groups/{id}', `/groups/${priv.id}`, ada, 200],
      ['/groups/{id}', '/groups/g-none', ada, 404],
      ['/groups/{id}/members', `/groups/${pub.id}/members`, bob, 200],
      ['/groups/{id}/messages', `/groups/${pub.id}/messages`, ada, 200],
      ['/groups/{id}/messages', `/groups/${pub.id}/messages?before=nope`, ada, 400],
      ['/search/messages', '/search/messages?q=world', ada, 200],
    ];
    for (const [path, url, who, status] of calls) {
      const res = await w.get(url, who, at);
      expect(res.status, url).toBe(status);
      conforms(path, status, res.body);
    }
    // The check itself must bite: an answer missing fields or carrying extra ones fails it.
    expect(() => conforms('/me', 200, { id: ada.id })).toThrow();
    const profile = (await w.get(`/users/${ada.id}`, bob)).body;
    expect(() => conforms('/users/{id}', 200, { ...profile, email: 'leak@example.com' })).toThrow();
    const history = await w.get(`/groups/${pub.id}/messages`, ada, at);
    expect(history.body.items[0].attachments[0]).toMatchObject({
      mediaId: 'media-1',
      url: '/api/v1/media/media-1',
      thumbnailUrl: '/api/v1/media/media-1/thumbnail',
    });
    expect((await w.get('/search/messages?q=world', ada)).body.items).toHaveLength(1);
  });
});
