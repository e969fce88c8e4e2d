import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderDetectorCatalog } from './detector-catalog.js';

describe('docs/detectors.md', () => {
  it('matches the detector definitions (run `pnpm docs:detectors` after changing a detector)', () => {
    const committed = readFileSync(
      fileURLToPath(new URL('../docs/detectors.md', import.meta.url)),
      'utf8',
    );
    expect(committed).toBe(renderDetectorCatalog());
  });
});
