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

const statements = new WeakMap<Database.Database, Map<string, Database.Statement>>();
/** More distinct statements than this on one connection (never expected) start the cache anew. */
const MAX_STATEMENTS = 1000;

/**
 * The prepared statement for `text` on this connection, compiled once and kept: preparing costs
 * more than running most of the emulator's queries. SQLite re-prepares a kept statement by
 * itself when the schema changes (sqlite3_prepare_v2, https://www.sqlite.org/c3ref/prepare.html).
 * Callers never switch a kept statement's mode (`pluck`, `raw`, `expand`, `safeIntegers`).
 */
export function sql(db: Database.Database, text: string): Database.Statement {
  let perDb = statements.get(db);
  if (!perDb) {
    perDb = new Map();
    statements.set(db, perDb);
  }
  let stmt = perDb.get(text);
  if (!stmt) {
    if (perDb.size >= MAX_STATEMENTS) perDb.clear();
    stmt = db.prepare(text);
    perDb.set(text, stmt);
  }
  return stmt;
}

interface TxState {
  /** Transactions opened through {@link transaction} and not yet ended. */
  depth: number;
  rollbackListeners: Set<() => void>;
}

const txStates = new WeakMap<Database.Database, TxState>();

function txStateOf(db: Database.Database): TxState {
  let state = txStates.get(db);
  if (!state) {
    state = { depth: 0, rollbackListeners: new Set() };
    txStates.set(db, state);
  }
  return state;
}

/**
 * Runs `work` in a transaction (a savepoint inside another one): committed when it returns,
 * rolled back when it throws. A rollback tells every {@link onRollback} listener, which drops
 * what it kept from rows the rollback took back.
 */
export function transaction<T>(db: Database.Database, work: () => T): T {
  const state = txStateOf(db);
  state.depth += 1;
  try {
    return db.transaction(work)();
  } catch (e) {
    for (const listener of state.rollbackListeners) listener();
    throw e;
  } finally {
    state.depth -= 1;
  }
}

/** Calls `listener` after each rollback of a {@link transaction} on this connection. */
export function onRollback(db: Database.Database, listener: () => void): void {
  txStateOf(db).rollbackListeners.add(listener);
}

/**
 * Whether what is read now may be kept past this moment: outside any transaction (committed
 * rows), or inside transactions opened through {@link transaction}, whose rollbacks drop what
 * was kept. Inside a transaction opened some other way, which could roll back unseen, no.
 */
export function mayKeep(db: Database.Database): boolean {
  return !db.inTransaction || txStateOf(db).depth > 0;
}
