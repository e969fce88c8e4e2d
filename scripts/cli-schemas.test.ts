import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderCliSchemas } from './cli-schemas.js';

describe('docs/schemas', () => {
  it.each(Object.entries(renderCliSchemas()))(
    '%s matches the zod schema (run `pnpm docs:cli`)',
    (name, text) => {
      const committed = readFileSync(
        fileURLToPath(new URL(`../docs/schemas/${name}`, import.meta.url)),
        'utf8',
      );
      expect(committed).toBe(text);
    },
  );
});
