// The served OpenAPI document: a valid OpenAPI 3.1 document, and the source of the web's API types.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Validator } from '@seriousme/openapi-schema-validator';
import { startTestApp, type TestApp } from '@groupchat/test-kit/app';
import { API_TYPES_FILE, apiTypesOf } from '../../scripts/api-types';

describe('the OpenAPI document at /api/v1/openapi.json', () => {
  let app: TestApp;
  let doc: Record<string, unknown>;

  beforeAll(async () => {
    app = await startTestApp();
    const res = await fetch(`${app.url}/api/v1/openapi.json`);
    expect(res.status).toBe(200);
    doc = (await res.json()) as Record<string, unknown>;
  });
  afterAll(() => app?.close());

  it('validates as OpenAPI 3.1 against the official schema, with no error', async () => {
    const validator = new Validator({ allErrors: true });
    const result = await validator.validate(doc);
    expect(validator.version).toBe('3.1');
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('refuses a broken document, so the check bites', async () => {
    const broken = { ...doc, paths: { '/x': { get: { responses: { 200: { content: {} } } } } } };
    expect((await new Validator().validate(broken)).valid).toBe(false);
  });

  it('is what the checked-in web API types were generated from (npm run api:types)', async () => {
    expect(readFileSync(API_TYPES_FILE, 'utf8')).toBe(await apiTypesOf(doc));
  });
});
