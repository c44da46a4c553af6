import { loadSettings } from '../config/settings.js';
import type { Store } from '../store/database.js';

/** Opens the store the settings point at, so every command agrees on where data lives. */
export async function openConfiguredStore(): Promise<Store> {
  const settings = loadSettings();
  // Loaded here, not above: `etablera --help` and the like need no database driver (start time).
  const { openStore } = await import('../store/database.js');
  return openStore({ databaseUrl: settings.databaseUrl, dataDir: settings.dataDir });
}
