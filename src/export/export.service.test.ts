/**
 * `etablera export` writes what `etablera import` reads: the fixture exported as NDJSON (Kolada v3
 * data items) and imported into an empty store gives every value back, on both backends.
 */
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/support/dialects.js';
import { FIXTURE_META, openFixtureStore } from '../../test/support/fixture.js';
import { valueDigest } from '../../test/support/store-checksum.js';
import { createTempStore, type TempStore } from '../../test/support/temp-store.js';
import { tempDir } from '../../test/support/value-files.js';
import { importFiles } from '../import/import.service.js';
import type { Store } from '../store/database.js';
import { ValueRepository } from '../store/repositories/value.repository.js';
import { exportValues } from './export.service.js';

for (const dialect of DIALECTS) {
  describe(`export → import round trip (${dialect})`, () => {
    let fixture: Store;
    let target: TempStore;
    beforeAll(async () => {
      fixture = await openFixtureStore(dialect);
      target = await createTempStore(dialect);
    });
    afterAll(async () => {
      await fixture?.close();
      await target?.destroy();
    });

    it('gives back every value of the fixture', async () => {
      const file = join(tempDir(), 'values.ndjson');
      const out = createWriteStream(file);
      const written = await exportValues(new ValueRepository(fixture.db), {}, 'ndjson', out);
      out.end();
      await finished(out);
      expect(written).toBeGreaterThan(10_000);

      await importFiles(target.store, [...Object.values(FIXTURE_META), file]);
      expect(await valueDigest(target.store)).toEqual(await valueDigest(fixture));
    }, 300_000);
  });
}
