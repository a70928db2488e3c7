import { mkdirSync } from "node:fs";
import { join } from "node:path";

import Database from "better-sqlite3";

/**
 * Opens the local Microsoft 365's SQLite file. WAL with `synchronous = FULL` makes every
 * committed transaction durable before the HTTP answer is sent, so an acknowledged write
 * survives `kill -9` (https://www.sqlite.org/pragma.html#pragma_synchronous).
 * Without a data directory the store lives in memory (fast tests that need no restart).
 */
export function openStore(dataDir: string | undefined): Database.Database {
  let file = ":memory:";
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true });
    file = join(dataDir, "m365.sqlite");
  }
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = FULL");
  db.pragma("foreign_keys = ON");
  return db;
}
