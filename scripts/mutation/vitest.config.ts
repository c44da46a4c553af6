// The test config for modules whose mutation tests need no real data: the same as vitest.config.ts
// without the global setup, which would load the real data into Stryker's sandbox first (minutes).
import { defineConfig } from 'vitest/config';
import base from '../../vitest.config.js';

export default defineConfig({ ...base, test: { ...base.test, globalSetup: [] } });
