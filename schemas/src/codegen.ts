import type { SchemaVersion } from './catalog';

type AnySchema = string | AnySchema[] | { type: string; name?: string; items?: AnySchema; symbols?: string[]; fields?: Field[] };
interface Field {
  name: string;
  type: AnySchema;
  doc?: string;
  default?: unknown;
}

/** TypeScript declarations for the newest version of each event, derived from the .avsc files. */
export function generateTypes(catalog: Map<string, SchemaVersion[]>): string {
  const named = new Map<string, string>();
  const out: string[] = ['// Generated from schemas/avro by `npm run schemas:gen`; a test fails when it drifts.', ''];
  const tsType = (schema: AnySchema): string => {
    if (typeof schema === 'string') {
      const prim: Record<string, string> = {
        string: 'string',
        int: 'number',
        long: 'number',
        float: 'number',
        double: 'number',
        boolean: 'boolean',
        null: 'null',
        bytes: 'Buffer',
      };
      return prim[schema] ?? schema.split('.').pop()!;
    }
    if (Array.isArray(schema)) return schema.map(tsType).join(' | ');
    switch (schema.type) {
      case 'array':
        return `${wrap(tsType(schema.items!))}[]`;
      case 'enum':
        named.set(schema.name!, `export type ${schema.name} = ${schema.symbols!.map((s) => `'${s}'`).join(' | ')};`);
        return schema.name!;
      case 'record':
        named.set(schema.name!, `export interface ${schema.name} {\n${fields(schema.fields!)}}`);
        return schema.name!;
      default:
        return tsType(schema.type);
    }
  };
  const wrap = (t: string) => (t.includes('|') ? `(${t})` : t);
  const fields = (fs: Field[]) => fs.map((f) => `  ${f.name}: ${tsType(f.type)};\n`).join('');

  const events: string[] = [];
  for (const [eventType, versions] of catalog) {
    const latest = versions[versions.length - 1]!.schema as { fields: Field[] };
    events.push(`export interface ${eventType} {\n  type: '${eventType}';\n${fields(latest.fields)}}`);
  }
  out.push(...[...named.values()].sort(), '', ...events.map((e) => `${e}\n`));
  out.push(`export type DomainEvent =\n${[...catalog.keys()].map((t) => `  | ${t}`).join('\n')};`, '');
  out.push(`export type EventOf<T extends DomainEvent['type']> = Extract<DomainEvent, { type: T }>;`, '');
  out.push(
    '/** The fields a later version added with a default: a writer may leave them out, and Avro writes the default. */',
    `export interface AddedFields {\n${[...catalog].map(([t, versions]) => `  ${t}: ${addedFields(versions)};\n`).join('')}}`,
    '',
    `export type EventInput<T extends DomainEvent['type']> = Omit<EventOf<T>, AddedFields[T]> & Partial<Pick<EventOf<T>, Extract<AddedFields[T], keyof EventOf<T>>>>;`,
    '',
  );
  return out.join('\n');
}

function addedFields(versions: SchemaVersion[]): string {
  const first = new Set((versions[0]!.schema as { fields: Field[] }).fields.map((f) => f.name));
  const added = (versions[versions.length - 1]!.schema as { fields: Field[] }).fields.filter((f) => !first.has(f.name) && f.default !== undefined);
  return added.length ? added.map((f) => `'${f.name}'`).join(' | ') : 'never';
}
