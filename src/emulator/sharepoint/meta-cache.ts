/**
 * What the SharePoint routes derive from the site's metadata on nearly every request (a list's
 * columns as field definitions, the site users by UPN, a user's mask in a scope, the items with
 * their own permissions), kept between requests as long as that metadata is unchanged.
 *
 * "Unchanged" is decided by SQLite itself: temporary triggers on this connection call back into
 * the process on every row written to `sp_fields`, `sp_principals`, `sp_group_members`,
 * `sp_role_assignments`, `sp_role_definitions`, `sp_item_scopes` and `sp_lists` (except the two
 * columns every item write moves: `next_item_id`, `last_item_modified`), whichever route or
 * script wrote it, and each call drops everything kept. The triggers live in the connection's
 * `temp` schema: nothing is added to the file on disk
 * (https://www.sqlite.org/lang_createtrigger.html, "temp triggers").
 *
 * A list's row is kept apart from the rest: any write to `sp_lists` drops it, including the
 * item writes, which keep the row they read back instead ({@link keepListRow}).
 *
 * Values are kept when computed outside a transaction (committed rows) or inside transactions
 * opened through `transaction()` (store.ts), e.g. a `$batch`'s: a rollback of one of those
 * drops everything kept, so nothing read from rows it took back survives it. Inside any other
 * transaction nothing is kept. Kept values are shared between requests and never changed by
 * their users.
 */
import type Database from "better-sqlite3";

import { mayKeep, onRollback } from "../store.js";

const WATCHED = [
  "sp_fields",
  "sp_principals",
  "sp_group_members",
  "sp_role_assignments",
  "sp_role_definitions",
  "sp_item_scopes",
] as const;

/** sp_lists columns that describe the list (not the two an item write moves). */
const LIST_COLUMNS = [
  "id",
  "url_name",
  "title",
  "description",
  "base_template",
  "read_security",
  "write_security",
  "enable_versioning",
  "has_unique_perms",
  "created",
  "extra",
];

interface State {
  kept: Map<string, unknown>;
  /** List rows by id: dropped on any write to `sp_lists` (item writes move two columns). */
  lists: Map<string, unknown>;
}

const states = new WeakMap<Database.Database, State>();

/**
 * Installs the triggers on this connection (after the `sp_` tables exist). Idempotent per
 * connection.
 */
export function watchMetadata(db: Database.Database): void {
  if (states.has(db)) return;
  const state: State = { kept: new Map(), lists: new Map() };
  states.set(db, state);
  db.function("sp_metadata_changed", { deterministic: false, varargs: false }, () => {
    state.kept.clear();
    state.lists.clear();
    return null;
  });
  onRollback(db, () => {
    state.kept.clear();
    state.lists.clear();
  });
  db.function("sp_list_row_changed", { deterministic: false, varargs: false }, () => {
    state.lists.clear();
    return null;
  });
  const statements: string[] = [];
  for (const table of WATCHED) {
    for (const op of ["INSERT", "UPDATE", "DELETE"]) {
      statements.push(
        `CREATE TEMP TRIGGER IF NOT EXISTS ${table}_${op.toLowerCase()}_watch AFTER ${op} ON main.${table}
         BEGIN SELECT sp_metadata_changed(); END;`,
      );
    }
  }
  statements.push(
    `CREATE TEMP TRIGGER IF NOT EXISTS sp_lists_insert_watch AFTER INSERT ON main.sp_lists
     BEGIN SELECT sp_metadata_changed(); END;`,
    `CREATE TEMP TRIGGER IF NOT EXISTS sp_lists_delete_watch AFTER DELETE ON main.sp_lists
     BEGIN SELECT sp_metadata_changed(); END;`,
    `CREATE TEMP TRIGGER IF NOT EXISTS sp_lists_update_watch AFTER UPDATE OF ${LIST_COLUMNS.join(", ")} ON main.sp_lists
     BEGIN SELECT sp_metadata_changed(); END;`,
    `CREATE TEMP TRIGGER IF NOT EXISTS sp_lists_row_watch AFTER UPDATE ON main.sp_lists
     BEGIN SELECT sp_list_row_changed(); END;`,
  );
  db.exec(statements.join("\n"));
}

/**
 * The value kept under `key` since the metadata last changed, or `compute()` (kept when it ran
 * outside a transaction). On a connection without {@link watchMetadata}, always `compute()`.
 */
export function kept<T>(db: Database.Database, key: string, compute: () => T): T {
  const state = states.get(db);
  return state ? keptIn(db, state.kept, key, compute) : compute();
}

/**
 * Like {@link kept}, for a list's row: kept until any write to `sp_lists`, including the two
 * columns each item write moves.
 */
export function keptListRow<T>(db: Database.Database, id: string, compute: () => T): T {
  const state = states.get(db);
  return state ? keptIn(db, state.lists, id, compute) : compute();
}

/**
 * Keeps a list's row as a committed write left it (read back with `RETURNING`), so the next
 * request need not read it again. Inside a transaction that may still roll back, nothing is kept.
 */
export function keepListRow(db: Database.Database, row: { id: string }): void {
  const state = states.get(db);
  if (state && mayKeep(db)) state.lists.set(row.id, row);
}

function keptIn<T>(
  db: Database.Database,
  map: Map<string, unknown>,
  key: string,
  compute: () => T,
): T {
  if (map.has(key)) return map.get(key) as T;
  const value = compute();
  if (mayKeep(db)) map.set(key, value);
  return value;
}
