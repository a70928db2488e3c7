/**
 * How each lists-schema field type becomes a SharePoint field, and which of a field's
 * properties differ from the schema. Pure: no requests here, so "a second run changes
 * nothing" rests on one comparison function.
 *
 * Creation payloads follow what @pnp/sp v4 sends (../shared/reference/wire/pnp-capture.txt,
 * "fields"): verbose JSON with `__metadata.type` and `FieldTypeKind`; lookups go through
 * `fields/AddField` with `LookupListId` / `LookupFieldName`.
 * Field types: https://learn.microsoft.com/previous-versions/office/sharepoint-csom/ee540543(v=office.15)
 */
import type { FieldSchema, FieldType } from "../../lists-schema/types.js";

/** Danish locale id, so currency columns show "kr." (CurrencyLocaleId / LCID 1030). */
export const DANISH_LCID = 1030;

interface SpFieldType {
  /** The `__metadata.type` of the verbose creation payload. */
  typeName: string;
  /** SP.FieldType (FieldTypeKind). */
  kind: number;
}

const SP_TYPES: Record<FieldType, SpFieldType> = {
  text: { typeName: "SP.FieldText", kind: 2 },
  note: { typeName: "SP.FieldMultiLineText", kind: 3 },
  datetime: { typeName: "SP.FieldDateTime", kind: 4 },
  choice: { typeName: "SP.FieldChoice", kind: 6 },
  lookup: { typeName: "SP.FieldLookup", kind: 7 },
  multilookup: { typeName: "SP.FieldLookup", kind: 7 },
  boolean: { typeName: "SP.Field", kind: 8 },
  number: { typeName: "SP.FieldNumber", kind: 9 },
  currency: { typeName: "SP.FieldCurrency", kind: 10 },
  multichoice: { typeName: "SP.FieldMultiChoice", kind: 15 },
  person: { typeName: "SP.FieldUser", kind: 20 },
  multiperson: { typeName: "SP.FieldUser", kind: 20 },
};

export function spTypeOf(field: FieldSchema): SpFieldType {
  return SP_TYPES[field.type];
}

export function isLookup(field: FieldSchema): boolean {
  return field.type === "lookup" || field.type === "multilookup";
}

/**
 * The type-specific properties sent when the field is created (besides Title and
 * FieldTypeKind). The rest (display title, Required, Indexed, unique, default) is set by the
 * same update that repairs an existing field, so creation and repair cannot drift apart.
 */
export function creationProperties(field: FieldSchema): Record<string, unknown> {
  switch (field.type) {
    case "text":
      return { MaxLength: field.maxLength ?? 255 };
    case "note":
      // Plain text: the app stores JSON and user text here and escapes it when rendering.
      return { RichText: false, NumberOfLines: 6, AppendOnly: false, AllowHyperlink: false };
    case "number":
      return minMax(field);
    case "currency":
      return { ...minMax(field), CurrencyLocaleId: DANISH_LCID };
    case "boolean":
      return {};
    case "choice":
    case "multichoice":
      return { Choices: { results: field.choices ?? [] }, FillInChoice: false };
    case "datetime":
      return {
        DisplayFormat: field.dateOnly ? 0 : 1,
        DateTimeCalendarType: 1,
        FriendlyDisplayFormat: 0,
      };
    case "person":
    case "multiperson":
      // SelectionMode 0 = people only (no groups).
      return { SelectionMode: 0, AllowMultipleValues: field.type === "multiperson" };
    case "lookup":
    case "multilookup":
      return { LookupFieldName: field.lookupField ?? "Title" };
  }
}

function minMax(field: FieldSchema): Record<string, number> {
  return {
    ...(field.min !== undefined ? { MinimumValue: field.min } : {}),
    ...(field.max !== undefined ? { MaximumValue: field.max } : {}),
  };
}

/** A field as SharePoint returns it from `.../fields` (minimal or verbose JSON). */
export type ServerField = Record<string, unknown>;

function choicesOf(value: unknown): string[] | undefined {
  if (Array.isArray(value)) return value as string[];
  const results = (value as { results?: unknown } | null | undefined)?.results;
  return Array.isArray(results) ? (results as string[]) : undefined;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    const x = choicesOf(a) ?? [];
    const y = choicesOf(b) ?? [];
    return x.length === y.length && x.every((v, i) => v === y[i]);
  }
  return a === b;
}

/**
 * Every property the schema decides, in SharePoint's names, except EnforceUniqueValues
 * (which SharePoint only accepts on an already indexed column, so it is set separately).
 */
export function desiredProperties(field: FieldSchema): Record<string, unknown> {
  const props: Record<string, unknown> = {
    Title: field.title,
    Description: field.description ?? "",
    Required: field.required ?? false,
    Indexed: field.indexed ?? false,
  };
  if (field.default !== undefined) props.DefaultValue = field.default;
  switch (field.type) {
    case "text":
      props.MaxLength = field.maxLength ?? 255;
      break;
    case "note":
      props.RichText = false;
      break;
    case "number":
      Object.assign(props, minMax(field));
      break;
    case "currency":
      Object.assign(props, minMax(field), { CurrencyLocaleId: DANISH_LCID });
      break;
    case "choice":
    case "multichoice":
      props.Choices = field.choices ?? [];
      break;
    case "datetime":
      props.DisplayFormat = field.dateOnly ? 0 : 1;
      break;
    case "person":
    case "multiperson":
      props.SelectionMode = 0;
      props.AllowMultipleValues = field.type === "multiperson";
      break;
    case "lookup":
    case "multilookup":
      props.LookupField = field.lookupField ?? "Title";
      props.AllowMultipleValues = field.type === "multilookup";
      break;
    case "boolean":
      break;
  }
  return props;
}

/** The properties of `server` that differ from the schema (empty when nothing to do). */
export function propertiesToChange(
  field: FieldSchema,
  server: ServerField,
): Record<string, unknown> {
  const changes: Record<string, unknown> = {};
  for (const [key, want] of Object.entries(desiredProperties(field))) {
    let have = server[key];
    if (key === "Description" && (have === null || have === undefined)) have = "";
    if (!sameValue(have, want)) changes[key] = want;
  }
  return changes;
}

/**
 * The MERGE body for those changes. Verbose JSON with the field's `__metadata.type`, as for
 * creation, so SharePoint accepts subtype properties such as MaxLength or Choices.
 */
export function updateBody(field: FieldSchema, changes: Record<string, unknown>): object {
  const body: Record<string, unknown> = { __metadata: { type: spTypeOf(field).typeName } };
  for (const [key, value] of Object.entries(changes)) {
    body[key] = key === "Choices" ? { results: value } : value;
  }
  return body;
}

/** Normalises a SharePoint GUID ("{ABC-...}" or "abc-...") for comparison. */
export function sameGuid(a: unknown, b: unknown): boolean {
  const norm = (v: unknown) =>
    typeof v === "string" ? v.replace(/[{}]/g, "").toLowerCase() : undefined;
  return norm(a) !== undefined && norm(a) === norm(b);
}
