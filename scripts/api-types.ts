// The web's API types, generated from the served OpenAPI document: `npm run api:types` (the stack up).
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';

export const API_TYPES_FILE = fileURLToPath(new URL('../web/src/api/generated/openapi.ts', import.meta.url));

const HEADER = `// Generated from /api/v1/openapi.json by \`npm run api:types\`; do not edit.
// test/contracts/openapi.int.spec.ts fails when this file is behind the document.

`;

export async function apiTypesOf(doc: object): Promise<string> {
  return HEADER + astToString(await openapiTS(doc as OpenAPI3));
}

async function main() {
  const { startTestApp } = await import('@groupchat/test-kit/app');
  const app = await startTestApp();
  try {
    const doc = (await (await fetch(`${app.url}/api/v1/openapi.json`)).json()) as object;
    writeFileSync(API_TYPES_FILE, await apiTypesOf(doc));
    console.log(`wrote ${API_TYPES_FILE}`);
  } finally {
    await app.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
