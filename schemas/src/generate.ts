import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadCatalog } from './catalog';
import { generateTypes } from './codegen';

const target = fileURLToPath(new URL('./generated/events.ts', import.meta.url));
writeFileSync(target, generateTypes(loadCatalog()));
console.log(`wrote ${target}`);
