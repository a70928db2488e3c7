/**
 * The shape of one file in `lists-schema/`: a SharePoint list as Digistyr provisions it.
 * `list.schema.json` in this folder is the JSON Schema that validates the files; this type
 * mirrors it for TypeScript readers (the provisioning script, the adapters' field maps and
 * the schema tests).
 */

/** The SharePoint groups of the portfolio site that permissions are granted to. */
export type SiteGroupName = "Medlemmer" | "Formand" | "Sekretariat" | "Bidragydere";

/**
 * The permission levels a list may grant a committee group, as provisioning creates them
 * (`src/provisioning/levels.ts`):
 * - `read`: SharePoint's Read (view items, within ReadSecurity);
 * - `contribute`: SharePoint's Contribute (add, edit, delete items, within
 *   ReadSecurity/WriteSecurity);
 * - `editor`: the custom level "Digistyr Redaktør" = Contribute + Override List Behaviors, which
 *   passes item-level security: edit everyone's items, without Manage Lists;
 * - `readAll`: the custom level "Digistyr Læs alle" = Read + Override List Behaviors: read
 *   everyone's items on a list with ReadSecurity 2, without writing any.
 */
export type PermissionLevelKey = "read" | "contribute" | "editor" | "readAll";

/** The groups per level; `editor` and `readAll` only where item-level security needs them. */
export interface ListPermissions {
  read: SiteGroupName[];
  contribute: SiteGroupName[];
  editor?: SiteGroupName[];
  readAll?: SiteGroupName[];
}

export type FieldType =
  | "text"
  | "note"
  | "number"
  | "currency"
  | "boolean"
  | "choice"
  | "multichoice"
  | "datetime"
  | "person"
  | "multiperson"
  | "lookup"
  | "multilookup";

export interface FieldSchema {
  /** Internal name: code-like English, fixed at creation, at most 32 characters. */
  name: string;
  /** Danish display title. */
  title: string;
  description?: string;
  type: FieldType;
  required?: boolean;
  /** text only (SharePoint allows 1..255). */
  maxLength?: number;
  /** choice / multichoice. */
  choices?: string[];
  /** Default value as SharePoint stores it (a string: "Idé", "0", "1" for booleans). */
  default?: string;
  /** number / currency. */
  min?: number;
  max?: number;
  /** datetime: date only or date and time. */
  dateOnly?: boolean;
  indexed?: boolean;
  /** EnforceUniqueValues; requires `indexed`. */
  unique?: boolean;
  /** lookup / multilookup: the internal name of the target list (its file name). */
  lookupList?: string;
  /** lookup / multilookup: the field shown from the target list (default "Title"). */
  lookupField?: string;
}

export interface ListSchema {
  /** Internal name: the list's URL segment (`/Lists/<name>`), code-like English. */
  name: string;
  /** Danish display title. */
  title: string;
  description: string;
  /** Display title of the built-in Title field in this list, where it means something else. */
  titleField?: string;
  /** Item-level security: 1 = all items, 2 = only items the user created. */
  readSecurity: 1 | 2;
  /** Item-level security: 1 = all items, 2 = only items the user created, 4 = none. */
  writeSecurity: 1 | 2 | 4;
  /**
   * Which site groups get which permission level on this list (each group at most one). The
   * site's owners group always keeps Full Control; no committee group ever gets Full Control or
   * Manage Lists (provisioning refuses both). See docs/security.md for the whole matrix.
   */
  permissions: ListPermissions;
  fields: FieldSchema[];
}
