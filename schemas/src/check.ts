import { checkSchemas } from './compatibility';

const problems = checkSchemas();
if (problems.length) {
  for (const p of problems) console.error(`✗ ${p}`);
  process.exit(1);
}
console.log('✓ every event has a schema; every version reads all earlier ones; fixtures decode; types in sync');
