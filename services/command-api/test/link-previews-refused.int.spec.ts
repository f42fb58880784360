import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOrigin, type Origin } from '@groupchat/test-kit/link-preview-origin';
import { startPreviewHarness, type PreviewHarness } from './link-preview-harness';

let origin: Origin;
let api: PreviewHarness;

beforeAll(async () => {
  origin = await startOrigin(Buffer.alloc(0));
  api = await startPreviewHarness({ LINK_PREVIEW_ALLOW_LOOPBACK: false });
}, 60_000);
afterAll(async () => {
  await api?.close();
  await origin?.close();
});

describe('when loopback is not allowed (the default)', () => {
  it.each([
    ['127.0.0.1', 'http://127.0.0.1/'],
    ['the local test server', 'ORIGIN/article'],
    ['10.0.0.1', 'http://10.0.0.1/'],
    ['10.255.255.254 on 8080', 'http://10.255.255.254:8080/'],
    ['169.254.169.254', 'http://169.254.169.254/latest/meta-data/'],
    ['[::1]', 'http://[::1]/'],
    ['IPv4-mapped [::ffff:127.0.0.1]', 'http://[::ffff:127.0.0.1]/'],
    ['a decimal 127.0.0.1', 'http://2130706433/'],
    ['0.0.0.0', 'http://0.0.0.0/'],
    ['a name resolving to 127.0.0.1 (localhost)', 'http://localhost/'],
    ['a port outside 80, 443, 8080, 8443', 'http://example.com:22/'],
    ['credentials in the URL', 'http://user:pass@example.com/'],
  ])('then %s is refused with 422 and nothing is fetched', async (_name, target) => {
    const res = await api.preview(target.replace('ORIGIN', origin.url));
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(((await res.json()) as { code: string }).code).toBe('link_preview_refused');
    expect(origin.hits('/article')).toBe(0);
  });
});
