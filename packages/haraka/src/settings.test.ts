import { describe, expect, it } from 'vitest';
import { readSettings } from './settings.js';

describe('readSettings', () => {
  it('accepts an empty file: the baseline pack, stamping, 25 s', () => {
    expect(readSettings({})).toEqual({
      internalDomains: [],
      quarantine: 'stamp',
      encrypt: 'stamp',
      timeoutMs: 25_000,
    });
  });

  it('accepts every setting', () => {
    expect(
      readSettings({
        main: {
          policy: '/etc/phiguard/outbound.phg',
          internal_domains: 'example-hospital.org, clinic.example-hospital.org',
          quarantine: 'hold',
          encrypt: 'reject',
          timeout: '10',
        },
      }),
    ).toEqual({
      policy: '/etc/phiguard/outbound.phg',
      internalDomains: ['example-hospital.org', 'clinic.example-hospital.org'],
      quarantine: 'hold',
      encrypt: 'reject',
      timeoutMs: 10_000,
    });
  });

  it.each([
    // why: a misspelt key would otherwise keep its default without a word
    [{ internal_domain: 'x.org' }, 'phiguard.ini: main.internal_domain is not a setting'],
    // why: Haraka's working folder is not the config folder; a relative path is ambiguous
    [{ policy: 'outbound.phg' }, "phiguard.ini: main.policy 'outbound.phg' is relative"],
    // why: "allow" is not a handling: a policy's quarantine cannot be turned off here
    [{ quarantine: 'allow' }, "main.quarantine is 'allow' (expected stamp, hold, defer, reject)"],
    // why: queue/quarantine stores messages for review; encrypted mail must go out, not sit
    [{ encrypt: 'hold' }, "phiguard.ini: main.encrypt is 'hold' (expected stamp, defer, reject)"],
    // why: no time at all would defer every message
    [{ timeout: '0' }, "phiguard.ini: main.timeout is '0' (expected seconds above 0)"],
  ])('rejects %o', (main, message) => {
    expect(() => readSettings({ main })).toThrow(message);
  });
});
