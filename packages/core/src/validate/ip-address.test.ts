import { describe, expect, it } from 'vitest';
import { ipv4Octets, ipv6Groups } from './ip-address.js';

describe('ip address parsing', () => {
  it.each([
    ['8.8.4.4', [8, 8, 4, 4]],
    ['255.255.255.255', [255, 255, 255, 255]],
    ['0.0.0.0', [0, 0, 0, 0]],
  ])('finds the octets of %s', (text, octets) => {
    expect(ipv4Octets(text)).toEqual(octets);
  });

  it.each([
    ['256.1.1.1', 'an octet over 255'],
    ['1.2.3', 'three parts'],
    ['1.2.3.4.5', 'five parts'],
    ['01.2.3.4', 'a leading zero'],
    ['1..3.4', 'an empty part'],
  ])('rejects %s (%s)', (text) => {
    expect(ipv4Octets(text)).toBeUndefined();
  });

  it.each([
    ['2001:4860:4860::8888', [0x2001, 0x4860, 0x4860, 0, 0, 0, 0, 0x8888]],
    ['::1', [0, 0, 0, 0, 0, 0, 0, 1]],
    ['fe80::', [0xfe80, 0, 0, 0, 0, 0, 0, 0]],
    ['1:2:3:4:5:6:7:8', [1, 2, 3, 4, 5, 6, 7, 8]],
    ['::ffff:192.0.2.1', [0, 0, 0, 0, 0, 0xffff, 0xc000, 0x0201]],
  ])('finds the groups of %s', (text, groups) => {
    expect(ipv6Groups(text)).toEqual(groups);
  });

  it.each([
    ['1:2:3:4:5:6:7', 'seven groups without ::'],
    ['1::2::3', 'two :: runs'],
    ['12:30:45', 'a time of day'],
    ['00:1A:2B:3C:4D:5E', 'a MAC address'],
    ['1:2:3:4:5:6:7:8:9', 'nine groups'],
    ['12345::1', 'a group of five hex digits'],
    ['1.2.3.4::1', 'an IPv4 address before ::'],
    ['1:2:3:4:5:6:7::8', 'eight groups and ::'],
  ])('rejects %s (%s)', (text) => {
    expect(ipv6Groups(text)).toBeUndefined();
  });
});
