#!/usr/bin/env node
// Reports the gzipped size of the JavaScript a first visit loads (the entry script and its
// modulepreloads in web/dist/index.html) against the budget; exits 1 when over it.
// Usage: node web/scripts/size.mjs [--json] [--budget-kb=200]
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const budgetKb = Number(process.argv.find((a) => a.startsWith('--budget-kb='))?.split('=')[1] ?? 200);
const asJson = process.argv.includes('--json');

let html;
try {
  html = readFileSync(join(dist, 'index.html'), 'utf8');
} catch {
  console.error(`size: ${join(dist, 'index.html')} not found; build the web app first (npx vite build)`);
  process.exit(2);
}

const attr = (tag, name) => new RegExp(`${name}="([^"]+)"`).exec(tag)?.[1];
const tags = html.match(/<(script|link)\b[^>]*>/g) ?? [];
const initial = new Set();
for (const tag of tags) {
  if (tag.startsWith('<script') && /type="module"/.test(tag) && attr(tag, 'src')) initial.add(attr(tag, 'src'));
  if (tag.startsWith('<link') && /rel="modulepreload"/.test(tag) && attr(tag, 'href')) initial.add(attr(tag, 'href'));
}

const measure = (rel) => {
  const bytes = readFileSync(join(dist, rel.replace(/^\//, '')));
  return { file: rel.replace(/^\//, ''), raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
};
const rows = [...initial].map(measure);
const total = rows.reduce((a, r) => ({ raw: a.raw + r.raw, gzip: a.gzip + r.gzip }), { raw: 0, gzip: 0 });
const lazy = readdirSync(join(dist, 'assets'))
  .filter((f) => f.endsWith('.js') && !initial.has(`/assets/${f}`))
  .map((f) => measure(`assets/${f}`));
const lazyGzip = lazy.reduce((a, r) => a + r.gzip, 0);
const budget = budgetKb * 1000;
const ok = total.gzip <= budget;

const kb = (n) => `${(n / 1000).toFixed(1)} KB`;
if (asJson) {
  console.log(
    JSON.stringify({ initial: rows, initialGzipBytes: total.gzip, budgetBytes: budget, lazyChunks: lazy.length, lazyGzipBytes: lazyGzip, ok }, null, 2),
  );
} else {
  console.log('web: initial JavaScript (gzip -9)');
  for (const r of rows) console.log(`  ${r.file.padEnd(40)} ${kb(r.raw).padStart(10)} raw ${kb(r.gzip).padStart(10)} gzip`);
  console.log(`  ${'total'.padEnd(40)} ${kb(total.raw).padStart(10)} raw ${kb(total.gzip).padStart(10)} gzip   budget ${budgetKb} KB: ${ok ? 'ok' : 'OVER'}`);
  console.log(`  + ${lazy.length} lazy chunks, ${kb(lazyGzip)} gzip, loaded per route`);
}
process.exit(ok ? 0 : 1);
