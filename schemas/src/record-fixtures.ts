import { existsSync, writeFileSync } from 'node:fs';
import { loadCatalog } from './catalog';
import { fixturePath, type Fixture } from './compatibility';

/** Records a payload for each schema version that has none yet; existing ones are never rewritten. */
for (const versions of loadCatalog().values()) {
  for (const v of versions) {
    const path = fixturePath(v.eventType, v.version);
    if (existsSync(path)) continue;
    const value = v.type.random();
    const fixture: Fixture = { avro: v.type.toBuffer(value).toString('base64'), json: JSON.parse(v.type.toString(value)) };
    writeFileSync(path, `${JSON.stringify(fixture, null, 2)}\n`);
    console.log(`recorded ${path}`);
  }
}
