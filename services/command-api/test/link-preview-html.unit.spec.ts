import { describe, expect, it } from 'vitest';
import { readPageMeta } from '../src/link-previews/html';

async function* chunks(...parts: (string | Error)[]): AsyncGenerator<Buffer> {
  for (const p of parts) {
    if (p instanceof Error) throw p;
    yield Buffer.from(p, 'latin1');
  }
}

describe('readPageMeta', () => {
  it('ranks Open Graph over Twitter cards over plain tags, and decodes entities', async () => {
    const meta = await readPageMeta(
      chunks(
        '<html><head><title>Plain &lt;title&gt;</title><meta name="description" content="plain">',
        '<meta name="twitter:title" content="Card"><meta property="og:title" content="Graph &amp; co">',
        '<meta property="og:image" content="/i.png"><link rel="alternate" type="application/json+oembed" href="/o.json"></head>',
      ),
      'utf-8',
    );
    expect(meta).toEqual({ title: 'Graph & co', description: 'plain', image: '/i.png', oembed: '/o.json' });
  });

  it('stops at </head> or <body>: the rest of the page is never read', async () => {
    const afterHead = new Error('read past the head');
    await expect(readPageMeta(chunks('<head><title>Short</title></head>', afterHead), 'utf-8')).resolves.toEqual({ title: 'Short' });
    await expect(readPageMeta(chunks('<title>No head</title><body>', afterHead), 'utf-8')).resolves.toEqual({ title: 'No head' });
  });

  it('decodes the charset the response names, and splits no character across chunks', async () => {
    expect(await readPageMeta(chunks('<title>Caf\xe9</title></head>'), 'iso-8859-1')).toEqual({ title: 'Café' });
    const bytes = Buffer.from('<title>naïve</title></head>', 'utf8');
    const at = bytes.indexOf(0xc3) + 1;
    async function* split() {
      yield bytes.subarray(0, at);
      yield bytes.subarray(at);
    }
    expect(await readPageMeta(split(), 'utf-8')).toEqual({ title: 'naïve' });
  });
});
