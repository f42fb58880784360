import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentDisposition, parseRange } from '../src/media/download';
import { cleanFileName } from '../src/media/ingest';
import { withRandomAccess } from '../src/media/random-access';
import { createUrlSigner } from '../src/media/signed-url';
import { classifyHead } from '../src/media/sniff';
import { checkZip } from '../src/media/zip';
import * as fx from './media-fixtures';

describe('byte ranges', () => {
  it.each([
    ['bytes=0-99', { start: 0, end: 99 }],
    ['bytes=900-', { start: 900, end: 999 }],
    ['bytes=-100', { start: 900, end: 999 }],
    ['bytes=990-5000', { start: 990, end: 999 }],
    ['bytes=-5000', { start: 0, end: 999 }],
  ])('when Range is %s on 1000 bytes, then %o', (header, range) => {
    expect(parseRange(header, 1000)).toEqual(range);
  });

  it.each([['bytes=1000-'], ['bytes=-0']])('when Range is %s on 1000 bytes, then it is unsatisfiable', (header) => {
    expect(parseRange(header, 1000)).toBe('unsatisfiable');
  });

  it.each([[undefined], ['bytes=0-1,5-6'], ['items=0-1'], ['bytes=50-10'], ['bytes=-']])('when Range is %s, then the whole object is sent', (header) => {
    expect(parseRange(header, 1000)).toBeUndefined();
  });
});

describe('file names', () => {
  it('when a name hides its extension with a right-to-left override, then the override is removed', () => {
    expect(cleanFileName('invoice\u202Efdp.exe')).toBe('invoicefdp.exe');
  });

  it('when a name carries a path, control characters or quotes, then only a safe base name is kept', () => {
    expect(cleanFileName('..\\..\\windows\\sys"tem\n32.txt')).toBe('sys_tem32.txt');
    expect(cleanFileName('/etc/passwd')).toBe('passwd');
    expect(cleanFileName('...')).toBeNull();
  });

  it('when a name is very long, then it is cut keeping its extension', () => {
    const cleaned = cleanFileName(`${'a'.repeat(300)}.pdf`)!;
    expect(cleaned).toHaveLength(200);
    expect(cleaned.endsWith('.pdf')).toBe(true);
  });

  it('when a header is made for a non-ASCII name, then it has an ASCII fallback and the exact UTF-8 name', () => {
    expect(contentDisposition('attachment', { fileName: 'Grüße "final".pdf', mediaId: 'm', contentType: 'application/pdf' })).toBe(
      `attachment; filename="Gr__e _final_.pdf"; filename*=UTF-8''Gr%C3%BC%C3%9Fe%20%22final%22.pdf`,
    );
    expect(contentDisposition('inline', { fileName: null, mediaId: 'abc', contentType: 'image/jpeg' })).toBe(
      `inline; filename="abc.jpg"; filename*=UTF-8''abc.jpg`,
    );
  });
});

describe('signed media URLs', () => {
  const signer = createUrlSigner('a-test-secret-of-enough-length', 60);

  it('when a token is verified for its media and variant before it expires, then it names its user', () => {
    const { token } = signer.sign('m1', 'original', 'user-1', 1_000_000);
    expect(signer.verify(token, 'm1', 'original', 1_000_000 + 59_000)).toEqual({ userId: 'user-1' });
  });

  it('when a token is used for another media, another variant, after expiry or altered, then it is refused', () => {
    const { token } = signer.sign('m1', 'original', 'user-1', 1_000_000);
    expect(signer.verify(token, 'm2', 'original', 1_000_000)).toBe('invalid');
    expect(signer.verify(token, 'm1', 'thumbnail', 1_000_000)).toBe('invalid');
    expect(signer.verify(token, 'm1', 'original', 1_000_000 + 61_000)).toBe('expired');
    const [exp, , mac] = token.split('.');
    expect(signer.verify(`${exp}.${Buffer.from('user-2').toString('base64url')}.${mac}`, 'm1', 'original', 1_000_000)).toBe('invalid');
  });

  it('when another secret signed the token, then it is refused', () => {
    const other = createUrlSigner('another-secret-of-enough-length', 60);
    expect(signer.verify(other.sign('m1', 'original', 'u').token, 'm1', 'original')).toBe('invalid');
  });
});

describe('type from the first bytes', () => {
  it('when the declared name and type agree with the content, then the allow-listed type is returned', async () => {
    expect((await classifyHead(await fx.png(), { fileName: 'a.png', mimeType: 'image/png' })).contentType).toBe('image/png');
    expect((await classifyHead(fx.pdf(), { fileName: 'a.pdf', mimeType: 'application/octet-stream' })).contentType).toBe('application/pdf');
    expect((await classifyHead(Buffer.from('plain words'), { fileName: 'notes.md', mimeType: 'text/markdown' })).kind).toBe('file');
  });

  it('when a part has no declared type (busboy reports text/plain), then binary content is judged by its name alone', async () => {
    expect((await classifyHead(await fx.png(), { fileName: 'a.png', mimeType: 'text/plain' })).contentType).toBe('image/png');
  });

  it('when text starts with markup, then it is refused even when named .txt', async () => {
    await expect(classifyHead(Buffer.from('\uFEFF  <html><script>x</script>'), { fileName: 'a.txt', mimeType: 'text/plain' })).rejects.toMatchObject({
      status: 415,
    });
  });
});

describe('zip directories', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'media-zip-'));
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  const check = async (bytes: Buffer) => {
    const path = join(dir, `z${Math.random()}`);
    await writeFile(path, bytes);
    return withRandomAccess(path, (file) => checkZip(file));
  };

  it('when a zip is ordinary, then its entries are counted', async () => {
    expect(
      await check(
        fx.zip([
          { name: 'a.txt', data: Buffer.from('a') },
          { name: 'b/c.txt', data: Buffer.from('bc') },
        ]),
      ),
    ).toEqual({ entries: 2, uncompressed: 3 });
  });

  it('when data follows the end of the archive, then it is refused', async () => {
    await expect(check(Buffer.concat([fx.zip([{ name: 'a', data: Buffer.from('a') }]), Buffer.from('<script>')]))).rejects.toMatchObject({ status: 422 });
  });

  it('when entries are too many, then it is refused', async () => {
    const many = fx.zip(Array.from({ length: 10_001 }, (_, i) => ({ name: `f${i}` })));
    await expect(check(many)).rejects.toThrow(/10001 entries/);
  });
});
