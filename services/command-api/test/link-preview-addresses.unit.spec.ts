import { describe, expect, it } from 'vitest';
import { classifyAddress } from '@groupchat/shared';
import { PreviewRefused } from '../src/link-previews/errors';
import { checkTarget } from '../src/link-previews/target';

const strict = { allowLoopback: false };
const loopbackOk = { allowLoopback: true };

describe('classifyAddress', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['::1', 'loopback'],
    ['10.0.0.1', 'private'],
    ['172.16.5.4', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'linkLocal'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['192.0.2.1', 'reserved'],
    ['198.18.0.1', 'reserved'],
    ['fe80::1', 'linkLocal'],
    ['fd12:3456::1', 'uniqueLocal'],
    ['ff02::1', 'multicast'],
    ['::ffff:127.0.0.1', 'ipv4Mapped'],
    ['::ffff:8.8.8.8', 'ipv4Mapped'],
    ['64:ff9b::a00:1', 'rfc6052'],
    ['2002:a00:1::', '6to4'],
    ['2001:0:4136:e378::1', 'teredo'],
    ['2001:db8::1', 'reserved'],
  ])('refuses %s (%s)', (address, range) => {
    expect(classifyAddress(address, strict)).toEqual({ allowed: false, range });
  });

  it.each(['8.8.8.8', '1.1.1.1', '93.184.216.34', '2606:4700:4700::1111', '[2a00:1450:4001::200e]'])('allows the public %s', (address) => {
    expect(classifyAddress(address, strict)).toEqual({ allowed: true });
  });

  it('with loopback allowed, allows 127.0.0.0/8 and ::1 but no other private range', () => {
    expect(classifyAddress('127.0.0.1', loopbackOk).allowed).toBe(true);
    expect(classifyAddress('::1', loopbackOk).allowed).toBe(true);
    for (const a of ['10.0.0.1', '169.254.169.254', '192.168.0.1', '::ffff:127.0.0.1', '0.0.0.0', 'fd00::1'])
      expect(classifyAddress(a, loopbackOk).allowed, a).toBe(false);
  });

  it('refuses what is not an address, and scoped IPv6', () => {
    expect(classifyAddress('example.com', strict).allowed).toBe(false);
    expect(classifyAddress('fe80::1%eth0', loopbackOk).allowed).toBe(false);
  });
});

describe('checkTarget', () => {
  const refused = (url: string, policy = strict) => expect(() => checkTarget(url, policy)).toThrow(PreviewRefused);

  it('keeps http(s) URLs on standard ports and drops the fragment', () => {
    expect(checkTarget('https://example.com/a?b=1#c', strict).href).toBe('https://example.com/a?b=1');
    expect(checkTarget('http://example.com:8080/', strict).port).toBe('8080');
  });

  it('refuses other schemes, credentials, other ports and IP literals in any spelling', () => {
    for (const url of ['ftp://example.com/', 'file:///etc/passwd', 'javascript:alert(1)', 'gopher://example.com/', 'not a url']) refused(url);
    refused('http://a:b@example.com/');
    refused('http://example.com:6379/');
    for (const url of ['http://127.1/', 'http://0x7f000001/', 'http://2130706433/', 'http://017700000001/', 'http://[::ffff:7f00:1]/']) refused(url);
  });

  it('allows any port on a loopback literal only when loopback is allowed', () => {
    expect(checkTarget('http://127.0.0.1:45678/', loopbackOk).port).toBe('45678');
    refused('http://127.0.0.1:45678/');
    refused('http://localhost:45678/', loopbackOk);
    refused('http://10.0.0.1:45678/', loopbackOk);
  });
});
