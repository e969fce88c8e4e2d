import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderCliSchemas } from './cli-schemas.js';

for (const [name, text] of Object.entries(renderCliSchemas())) {
  const target = fileURLToPath(new URL(`../docs/schemas/${name}`, import.meta.url));
  writeFileSync(target, text);
  console.log(`wrote ${target}`);
}
