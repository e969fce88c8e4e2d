import { UNSCANNABLE_REASONS as policyReasons } from '@phiguard/rules';
import { describe, expect, it } from 'vitest';
import { UNSCANNABLE_REASONS as extractReasons } from './index.js';

describe('unscannable reason codes', () => {
  it('are the same in extraction and in the rule language', () => {
    // rules keeps its own copy so policy never depends on extraction; this keeps them equal.
    expect([...policyReasons].sort()).toEqual([...extractReasons].sort());
  });
});
