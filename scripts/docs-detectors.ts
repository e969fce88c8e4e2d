import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderDetectorCatalog } from './detector-catalog.js';

const target = fileURLToPath(new URL('../docs/detectors.md', import.meta.url));
writeFileSync(target, renderDetectorCatalog());
console.log(`wrote ${target}`);
