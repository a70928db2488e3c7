/**
 * Fields (columns) of a list in the local SharePoint: the built-in columns of a new custom
 * list, creation of every column type the app uses (verbose `POST .../fields` and
 * `POST .../fields/AddField` for lookups), reading, MERGE updates and deletion.
 *
 * Facts mirrored from SharePoint Online:
 * - the internal name comes from the Title at creation and never changes: characters outside
 *   `[A-Za-z0-9_]` become `_xHHHH_` (space → `_x0020_`), the result is cut to 32 characters
 *   and made unique with a trailing number
 *   (https://learn.microsoft.com/sharepoint/dev/schema/field-element-field, `Name`);
 * - EnforceUniqueValues needs an indexed column: "This field must be indexed to enforce
 *   unique values." (SPException, reported against SharePoint Online in pnp/pnpjs#245);
 * - a unique column is refused on a list with item-level permissions (ReadSecurity or
 *   WriteSecurity other than 1) and on a list whose items have unique permissions
 *   ("Enforcing Uniqueness in Column Values", SharePoint 2010 SDK, https://learn.microsoft.com/previous-versions/office/developer/sharepoint-2010/ee536168(v=office.14), still so in SharePoint
 *   Online);
 * - creating, changing and deleting columns needs Manage Lists on the list and
 *   AllSites.Manage; reading them AllSites.Read (permissions.ts);
 * - creation through PnPjs `fields.add*` is verbose JSON both ways and lookups go through
 *   `AddField { parameters }` (../shared/reference/wire/pnp-capture.txt, "fields");
 * - unknown properties in a body are a 400 ("The property 'X' does not exist on type ...").
 */
import type { HttpResponse } from "../http.js";
import { sql, transaction } from "../store.js";
import {
  type FieldProps,
  fieldProps,
  type FieldRow,
  fieldsOf,
  findList,
  type ListRow,
  PermissionKind,
  uniqueItemIds,
} from "./model.js";
import {
  badRequest,
  collectionResponse,
  type Entity,
  entityResponse,
  filterEntities,
  jsonBody,
  multiValue,
  SP_ERR,
  spFail,
} from "./odata-json.js";
import { demand, requireScope } from "./permissions.js";
import { type Segment, type SpRequest, stringArg } from "./router.js";

/** Id of the site's hidden User Information List, which person columns look up. */
export const USER_INFO_LIST_ID = "{c1d3b5a7-2f4e-4b6d-8a9c-0e1f2a3b4c5d}";

interface FieldType {
  kind: number;
  typeAsString: string;
  odataType: string;
  /** Type-specific properties a client may set (beyond the common ones). */
  props: readonly string[];
}

const NUMBER_PROPS = ["MinimumValue", "MaximumValue", "DisplayFormat", "ShowAsPercentage"];
const LOOKUP_PROPS = [
  "AllowMultipleValues",
  "LookupField",
  "LookupList",
  "LookupWebId",
  "IsRelationship",
  "RelationshipDeleteBehavior",
  "UnlimitedLengthInDocumentLibrary",
  "IsDependentLookup",
  "PrimaryFieldId",
];

/** The column types the local SharePoint creates, by SP.FieldType. */
const TYPES: Record<number, FieldType> = {
  2: { kind: 2, typeAsString: "Text", odataType: "SP.FieldText", props: ["MaxLength"] },
  3: {
    kind: 3,
    typeAsString: "Note",
    odataType: "SP.FieldMultiLineText",
    props: [
      "AllowHyperlink",
      "AppendOnly",
      "NumberOfLines",
      "RestrictedMode",
      "RichText",
      "UnlimitedLengthInDocumentLibrary",
      "WikiLinking",
    ],
  },
  4: {
    kind: 4,
    typeAsString: "DateTime",
    odataType: "SP.FieldDateTime",
    props: ["DateTimeCalendarType", "DisplayFormat", "FriendlyDisplayFormat"],
  },
  6: {
    kind: 6,
    typeAsString: "Choice",
    odataType: "SP.FieldChoice",
    props: ["Choices", "EditFormat", "FillInChoice", "Mappings"],
  },
  7: { kind: 7, typeAsString: "Lookup", odataType: "SP.FieldLookup", props: LOOKUP_PROPS },
  8: { kind: 8, typeAsString: "Boolean", odataType: "SP.Field", props: [] },
  9: { kind: 9, typeAsString: "Number", odataType: "SP.FieldNumber", props: NUMBER_PROPS },
  10: {
    kind: 10,
    typeAsString: "Currency",
    odataType: "SP.FieldCurrency",
    props: [...NUMBER_PROPS, "CurrencyLocaleId"],
  },
  15: {
    kind: 15,
    typeAsString: "MultiChoice",
    odataType: "SP.FieldMultiChoice",
    props: ["Choices", "FillInChoice", "Mappings"],
  },
  20: {
    kind: 20,
    typeAsString: "User",
    odataType: "SP.FieldUser",
    props: [...LOOKUP_PROPS, "AllowDisplay", "Presence", "SelectionGroup", "SelectionMode"],
  },
};

const ODATA_TYPE_KIND: Record<string, number> = Object.fromEntries(
  Object.values(TYPES)
    .filter((t) => t.odataType !== "SP.Field")
    .map((t) => [t.odataType, t.kind]),
);

/** Properties every column accepts (SP.Field). */
const COMMON_PROPS = [
  "Title",
  "FieldTypeKind",
  "Description",
  "Required",
  "Indexed",
  "EnforceUniqueValues",
  "DefaultValue",
  "DefaultFormula",
  "Hidden",
  "Group",
  "ReadOnlyField",
  "ValidationFormula",
  "ValidationMessage",
  "Direction",
  "JSLink",
  "CustomFormatter",
  "StaticName",
  "Sortable",
  "Filterable",
  "NoCrawl",
  "ShowInFiltersPane",
  "ClientSideComponentId",
  "ClientSideComponentProperties",
];

/** Built-in columns of a new custom list (BaseTemplate 100), with SharePoint's own field ids. */
const BUILTIN_FIELDS: readonly {
  name: string;
  id: string;
  title: string;
  kind: number;
  typeAsString: string;
  props: FieldProps;
}[] = [
  {
    name: "ContentTypeId",
    id: "03e45e84-1992-4d42-9116-26f756012634",
    title: "Content Type ID",
    kind: 25,
    typeAsString: "ContentTypeId",
    props: { Hidden: true, ReadOnlyField: true },
  },
  {
    name: "Title",
    id: "fa564e0f-0c70-4ab9-b863-0177e6ddd247",
    title: "Title",
    kind: 2,
    typeAsString: "Text",
    props: { Required: true, MaxLength: 255 },
  },
  {
    name: "ID",
    id: "1d22ea11-1e32-424e-89ab-9fedbadb6ce1",
    title: "ID",
    kind: 5,
    typeAsString: "Counter",
    props: { ReadOnlyField: true, Indexed: true },
  },
  {
    name: "ContentType",
    id: "c042a256-787d-4a6f-8a8a-cf6ab767f12d",
    title: "Content Type",
    kind: 12,
    typeAsString: "Computed",
    props: { ReadOnlyField: true },
  },
  {
    name: "Modified",
    id: "28cf69c5-fa48-462a-b5cd-27b6f9d2bd5f",
    title: "Modified",
    kind: 4,
    typeAsString: "DateTime",
    props: { ReadOnlyField: true, DisplayFormat: 1 },
  },
  {
    name: "Created",
    id: "8c06beca-0777-48f7-91c7-6da68bc07b69",
    title: "Created",
    kind: 4,
    typeAsString: "DateTime",
    props: { ReadOnlyField: true, DisplayFormat: 1 },
  },
  {
    name: "Author",
    id: "1df5e554-ec7e-46a6-901d-d85a3881cb18",
    title: "Created By",
    kind: 20,
    typeAsString: "User",
    props: {
      ReadOnlyField: true,
      LookupList: USER_INFO_LIST_ID,
      LookupField: "Title",
      SelectionMode: 0,
    },
  },
  {
    name: "Editor",
    id: "d31655d1-1d5b-4511-95a1-7a09e9b75bf2",
    title: "Modified By",
    kind: 20,
    typeAsString: "User",
    props: {
      ReadOnlyField: true,
      LookupList: USER_INFO_LIST_ID,
      LookupField: "Title",
      SelectionMode: 0,
    },
  },
  {
    name: "Attachments",
    id: "67df98f4-9dec-48ff-a553-29bece9c5bf4",
    title: "Attachments",
    kind: 19,
    typeAsString: "Attachments",
    props: {},
  },
];

/** Adds the built-in columns to a newly created list (inside the caller's transaction). */
export function createBuiltinFields(req: SpRequest, listId: string): void {
  const insert = sql(
    req.deps.db,
    `INSERT INTO sp_fields (list_id, internal_name, id, title, type_kind, type_as_string, props, sort, builtin)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1)`,
  );
  BUILTIN_FIELDS.forEach((f, i) =>
    insert.run(listId, f.name, f.id, f.title, f.kind, f.typeAsString, JSON.stringify(f.props), i),
  );
}

/**
 * The internal name SharePoint derives from a display title: `_xHHHH_` for every UTF-16 unit
 * outside `[A-Za-z0-9_]` (and for a leading digit), cut to 32 characters, then made unique
 * among `taken` by a trailing counter.
 */
export function internalNameFor(title: string, taken: readonly string[] = []): string {
  let encoded = "";
  for (let i = 0; i < title.length; i++) {
    const ch = title.charAt(i);
    const ok = /[A-Za-z_]/.test(ch) || (/[0-9]/.test(ch) && i > 0);
    encoded += ok ? ch : `_x${title.charCodeAt(i).toString(16).padStart(4, "0")}_`;
  }
  const base = encoded.slice(0, 32);
  const lowerTaken = new Set(taken.map((t) => t.toLowerCase()));
  if (!lowerTaken.has(base.toLowerCase())) return base;
  for (let n = 0; ; n++) {
    const suffix = String(n);
    const candidate = base.slice(0, 32 - suffix.length) + suffix;
    if (!lowerTaken.has(candidate.toLowerCase())) return candidate;
  }
}

function odataTypeOf(field: FieldRow): string {
  const t = TYPES[field.type_kind];
  if (t) return t.odataType;
  if (field.type_kind === 12) return "SP.FieldComputed";
  return "SP.Field";
}

function schemaXml(field: FieldRow, p: FieldProps): string {
  const esc = (s: string) =>
    s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  const attrs = [
    `Type="${field.type_as_string}"`,
    `DisplayName="${esc(field.title)}"`,
    `Required="${p.Required ? "TRUE" : "FALSE"}"`,
    `EnforceUniqueValues="${p.EnforceUniqueValues ? "TRUE" : "FALSE"}"`,
    `Indexed="${p.Indexed ? "TRUE" : "FALSE"}"`,
    `ID="{${field.id}}"`,
    `StaticName="${field.internal_name}"`,
    `Name="${field.internal_name}"`,
  ];
  if (p.MaxLength !== undefined) attrs.push(`MaxLength="${p.MaxLength}"`);
  if (p.LookupList) attrs.push(`List="${p.LookupList}"`, `ShowField="${p.LookupField ?? "Title"}"`);
  if (p.AllowMultipleValues) attrs.push(`Mult="TRUE"`);
  const choices = p.Choices
    ? `<CHOICES>${p.Choices.map((c) => `<CHOICE>${esc(c)}</CHOICE>`).join("")}</CHOICES>`
    : "";
  const def = typeof p.DefaultValue === "string" ? `<Default>${esc(p.DefaultValue)}</Default>` : "";
  return `<Field ${attrs.join(" ")}>${choices}${def}</Field>`;
}

/** SP.Field (and subtype) as SharePoint Online returns it. */
export function fieldEntity(req: SpRequest, list: ListRow, field: FieldRow): Entity {
  const p = fieldProps(field);
  const props: Record<string, unknown> = {
    Id: field.id,
    CanBeDeleted: field.builtin !== 1,
    DefaultValue: p.DefaultValue ?? null,
    Description: p.Description ?? "",
    EnforceUniqueValues: p.EnforceUniqueValues === true,
    EntityPropertyName: field.internal_name,
    FieldTypeKind: field.type_kind,
    Filterable: true,
    FromBaseType: field.builtin === 1,
    Group: typeof p.Group === "string" ? p.Group : "Custom Columns",
    Hidden: p.Hidden === true,
    Indexed: p.Indexed === true,
    InternalName: field.internal_name,
    ReadOnlyField: p.ReadOnlyField === true,
    Required: p.Required === true,
    SchemaXml: schemaXml(field, p),
    Scope: `${req.deps.sitePath}/Lists/${list.url_name}`,
    Sealed: field.builtin === 1 && field.internal_name !== "Title",
    Sortable: true,
    StaticName: field.internal_name,
    Title: field.title,
    TypeAsString: field.type_as_string,
    TypeDisplayName: field.type_as_string,
    ValidationFormula: typeof p.ValidationFormula === "string" ? p.ValidationFormula : null,
    ValidationMessage: typeof p.ValidationMessage === "string" ? p.ValidationMessage : null,
  };
  switch (field.type_kind) {
    case 2:
      props.MaxLength = p.MaxLength ?? 255;
      break;
    case 3:
      props.AllowHyperlink = p.AllowHyperlink ?? false;
      props.AppendOnly = p.AppendOnly ?? false;
      props.NumberOfLines = p.NumberOfLines ?? 6;
      props.RestrictedMode = p.RestrictedMode ?? true;
      props.RichText = p.RichText ?? false;
      break;
    case 4:
      props.DateTimeCalendarType = p.DateTimeCalendarType ?? 1;
      props.DisplayFormat = p.DisplayFormat ?? 0;
      props.FriendlyDisplayFormat = p.FriendlyDisplayFormat ?? 0;
      break;
    case 6:
    case 15:
      props.Choices = p.Choices ?? [];
      props.FillInChoice = p.FillInChoice ?? false;
      props.Mappings = null;
      if (field.type_kind === 6) props.EditFormat = p.EditFormat ?? 0;
      break;
    case 9:
    case 10:
      props.MinimumValue = p.MinimumValue ?? -1.7976931348623157e308;
      props.MaximumValue = p.MaximumValue ?? 1.7976931348623157e308;
      props.DisplayFormat = p.DisplayFormat ?? -1;
      props.ShowAsPercentage = p.ShowAsPercentage ?? false;
      if (field.type_kind === 10) props.CurrencyLocaleId = p.CurrencyLocaleId ?? 1033;
      break;
    case 7:
    case 20:
      props.AllowMultipleValues = p.AllowMultipleValues === true;
      props.LookupField = p.LookupField ?? "Title";
      props.LookupList = p.LookupList ?? "";
      props.LookupWebId = "5e1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b";
      props.IsDependentLookup = false;
      props.IsRelationship = true;
      props.PrimaryFieldId = null;
      props.RelationshipDeleteBehavior = 0;
      props.UnlimitedLengthInDocumentLibrary = false;
      if (field.type_kind === 20) {
        props.AllowDisplay = true;
        props.Presence = true;
        props.SelectionGroup = p.SelectionGroup ?? 0;
        props.SelectionMode = p.SelectionMode ?? 1;
      }
      break;
    default:
      break;
  }
  return {
    type: odataTypeOf(field),
    path: `Web/Lists(guid'${list.id}')/Fields(guid'${field.id}')`,
    props,
  };
}

function fieldNotFound(req: SpRequest, list: ListRow, name: string): never {
  spFail(
    req.ctx,
    404,
    SP_ERR.argumentField,
    `Column '${name}' does not exist. It may have been deleted by another user.  ${req.deps.sitePath}/Lists/${list.url_name}`,
  );
}

function duplicateField(req: SpRequest, title: string): never {
  spFail(req.ctx, 500, SP_ERR.duplicateField, `A duplicate field name "${title}" was found.`);
}

/**
 * A column may enforce unique values only on a list without item-level permissions
 * (ReadSecurity = WriteSecurity = 1) whose items all inherit its permissions ("Enforcing
 * Uniqueness in Column Values", SharePoint 2010 SDK, https://learn.microsoft.com/previous-versions/office/developer/sharepoint-2010/ee536168(v=office.14)). The wording is this server's: no capture
 * of SharePoint Online's text was found.
 */
function refuseUniqueWithItemSecurity(req: SpRequest, list: ListRow): void {
  if (list.read_security !== 1 || list.write_security !== 1) {
    spFail(
      req.ctx,
      500,
      SP_ERR.spException,
      "A column cannot enforce unique values on a list with item-level permissions (ReadSecurity or WriteSecurity). Set both to all items first.",
    );
  }
  if (uniqueItemIds(req.deps.db, list.id).size > 0) {
    spFail(
      req.ctx,
      500,
      SP_ERR.spException,
      "A column cannot enforce unique values on a list that has items with unique permissions. Make those items inherit the list's permissions first.",
    );
  }
}

function mustBeIndexed(req: SpRequest): never {
  spFail(req.ctx, 500, SP_ERR.spException, "This field must be indexed to enforce unique values.");
}

/** Body keys without OData annotations (`__metadata`, `odata.type`, `@odata.type`). */
function dataKeys(body: Record<string, unknown>): string[] {
  return Object.keys(body).filter(
    (k) => k !== "__metadata" && !k.startsWith("odata.") && !k.startsWith("@odata."),
  );
}

function checkKnownProps(req: SpRequest, t: FieldType, body: Record<string, unknown>): void {
  for (const k of dataKeys(body)) {
    if (!COMMON_PROPS.includes(k) && !t.props.includes(k)) {
      badRequest(
        req.ctx,
        `The property '${k}' does not exist on type '${t.odataType}'. Make sure to only use property names that are defined by the type.`,
      );
    }
  }
}

function asBool(req: SpRequest, name: string, v: unknown): boolean {
  if (typeof v === "boolean") return v;
  if (v === "true" || v === "TRUE") return true;
  if (v === "false" || v === "FALSE") return false;
  badRequest(
    req.ctx,
    `Cannot convert a primitive value to the expected type 'Edm.Boolean' (${name}).`,
  );
}

function asNumber(req: SpRequest, name: string, v: unknown): number {
  const n = typeof v === "string" && v.trim() !== "" ? Number(v) : v;
  if (typeof n !== "number" || !Number.isFinite(n)) {
    badRequest(
      req.ctx,
      `Cannot convert a primitive value to the expected type 'Edm.Double' (${name}).`,
    );
  }
  return n;
}

function asString(req: SpRequest, name: string, v: unknown): string {
  if (typeof v !== "string") {
    badRequest(
      req.ctx,
      `Cannot convert a primitive value to the expected type 'Edm.String' (${name}).`,
    );
  }
  return v;
}

/** Normalises the properties of a body into `props` (mutating), validating their types. */
function applyProps(
  req: SpRequest,
  kind: number,
  props: FieldProps,
  body: Record<string, unknown>,
): void {
  for (const k of dataKeys(body)) {
    const v = body[k];
    if (k === "Title" || k === "FieldTypeKind" || k === "StaticName") continue;
    switch (k) {
      case "Required":
      case "Indexed":
      case "EnforceUniqueValues":
      case "Hidden":
      case "ReadOnlyField":
      case "AllowMultipleValues":
      case "FillInChoice":
      case "RichText":
      case "AppendOnly":
      case "AllowHyperlink":
      case "RestrictedMode":
      case "ShowAsPercentage":
      case "UnlimitedLengthInDocumentLibrary":
        props[k] = asBool(req, k, v);
        break;
      case "MaxLength": {
        const n = asNumber(req, k, v);
        if (!Number.isInteger(n) || n < 1 || n > 255) {
          badRequest(
            req.ctx,
            "The maximum length of a single line of text must be between 1 and 255.",
          );
        }
        props.MaxLength = n;
        break;
      }
      case "MinimumValue":
      case "MaximumValue":
      case "NumberOfLines":
      case "SelectionMode":
      case "SelectionGroup":
      case "DisplayFormat":
      case "FriendlyDisplayFormat":
      case "DateTimeCalendarType":
      case "EditFormat":
      case "CurrencyLocaleId":
        props[k] = asNumber(req, k, v);
        break;
      case "Choices": {
        const values = multiValue(v);
        if (!values || values.some((c) => typeof c !== "string")) {
          badRequest(req.ctx, "Choices must be a collection of strings (Collection(Edm.String)).");
        }
        props.Choices = values as string[];
        break;
      }
      case "DefaultValue":
        props.DefaultValue =
          v === null
            ? null
            : asString(req, k, typeof v === "number" || typeof v === "boolean" ? String(v) : v);
        break;
      case "LookupList": {
        const id = asString(req, k, v).replace(/^\{|\}$/g, "");
        props.LookupList = `{${id}}`;
        break;
      }
      default:
        props[k] = v;
    }
  }
  if (props.MinimumValue !== undefined && props.MaximumValue !== undefined) {
    if (props.MinimumValue > props.MaximumValue) {
      badRequest(req.ctx, "The minimum value must be less than or equal to the maximum value.");
    }
  }
  if (
    (kind === 6 || kind === 15) &&
    (props.Choices ?? []).length === 0 &&
    body.Choices !== undefined
  ) {
    badRequest(req.ctx, "A choice column needs at least one choice.");
  }
  if (props.EnforceUniqueValues && !props.Indexed) mustBeIndexed(req);
}

function typeAsStringOf(kind: number, props: FieldProps): string {
  const base = TYPES[kind]?.typeAsString ?? "Text";
  if ((kind === 7 || kind === 20) && props.AllowMultipleValues) return `${base}Multi`;
  return base;
}

function checkTitle(req: SpRequest, list: ListRow, title: unknown, except?: FieldRow): string {
  if (typeof title !== "string" || title.trim() === "") {
    badRequest(req.ctx, "The parameter Title is required: a column needs a name.");
  }
  if (title.length > 255) badRequest(req.ctx, "The column name can be at most 255 characters.");
  const clash = fieldsOf(req.deps.db, list.id).find(
    (f) =>
      f !== except &&
      f.id !== except?.id &&
      (f.title.toLowerCase() === title.toLowerCase() ||
        f.internal_name.toLowerCase() === title.toLowerCase()),
  );
  if (clash) duplicateField(req, title);
  return title;
}

function insertField(
  req: SpRequest,
  list: ListRow,
  title: string,
  kind: number,
  props: FieldProps,
): FieldRow {
  const { db } = req.deps;
  const existing = fieldsOf(db, list.id);
  const name = internalNameFor(
    title,
    existing.map((f) => f.internal_name),
  );
  const sort = existing.reduce((m, f) => Math.max(m, f.sort), 0) + 1;
  const id = crypto.randomUUID();
  sql(
    db,
    `INSERT INTO sp_fields (list_id, internal_name, id, title, type_kind, type_as_string, props, sort, builtin)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0)`,
  ).run(list.id, name, id, title, kind, typeAsStringOf(kind, props), JSON.stringify(props), sort);
  return sql(db, "SELECT * FROM sp_fields WHERE list_id = ? AND id = ?").get(
    list.id,
    id,
  ) as FieldRow;
}

function defaultsFor(kind: number): FieldProps {
  switch (kind) {
    case 2:
      return { MaxLength: 255 };
    case 4:
      return { DisplayFormat: 0, DateTimeCalendarType: 1, FriendlyDisplayFormat: 0 };
    case 6:
    case 15:
      return { Choices: [], FillInChoice: false };
    case 10:
      return { CurrencyLocaleId: 1033 };
    case 7:
      return { LookupField: "Title", AllowMultipleValues: false };
    case 20:
      return {
        LookupList: USER_INFO_LIST_ID,
        LookupField: "ImnName",
        SelectionMode: 1,
        SelectionGroup: 0,
        AllowMultipleValues: false,
      };
    default:
      return {};
  }
}

function requireKind(req: SpRequest, body: Record<string, unknown>): FieldType {
  const meta = body.__metadata as { type?: unknown } | undefined;
  const byMeta = typeof meta?.type === "string" ? meta.type : undefined;
  const rawKind = body.FieldTypeKind;
  let kind = typeof rawKind === "number" ? rawKind : undefined;
  if (kind === undefined && byMeta) kind = ODATA_TYPE_KIND[byMeta];
  const t = kind === undefined ? undefined : TYPES[kind];
  if (!t) {
    badRequest(
      req.ctx,
      `The field type ${JSON.stringify(rawKind ?? byMeta ?? null)} is not supported by this server (Text, Note, DateTime, Choice, Lookup, Boolean, Number, Currency, MultiChoice, User).`,
    );
  }
  if (byMeta && byMeta !== "SP.Field" && byMeta !== t.odataType) {
    badRequest(req.ctx, `The FieldTypeKind ${t.kind} does not match the entity type '${byMeta}'.`);
  }
  return t;
}

/**
 * `POST /_api/web/lists(...)/fields` with an SP.Field body (verbose or plain JSON)
 * (https://learn.microsoft.com/previous-versions/office/developer/sharepoint-rest-reference/dn600182(v=office.15)#field-resource).
 */
function createField(req: SpRequest, list: ListRow): HttpResponse {
  demand(req, "Manage", PermissionKind.ManageLists, list);
  const body = jsonBody(req.ctx);
  const t = requireKind(req, body);
  checkKnownProps(req, t, body);
  const title = checkTitle(req, list, body.Title);
  const props = defaultsFor(t.kind);
  applyProps(req, t.kind, props, body);
  if (props.EnforceUniqueValues) refuseUniqueWithItemSecurity(req, list);
  if (t.kind === 7) resolveLookupList(req, props);
  const field = insertField(req, list, title, t.kind, props);
  return entityResponse(req.ctx, req.deps.sitePath, fieldEntity(req, list, field), {
    status: 201,
    set: "SP.ApiData.Fields",
  });
}

function resolveLookupList(req: SpRequest, props: FieldProps): void {
  const raw = props.LookupList;
  if (!raw)
    badRequest(req.ctx, "A lookup column needs the id of the list it looks up (LookupListId).");
  const target = findList(req.deps.db, { id: raw.replace(/^\{|\}$/g, "") });
  if (!target) {
    spFail(
      req.ctx,
      404,
      SP_ERR.argument,
      "List does not exist.\n\nThe page you selected contains a list that does not exist.  It may have been deleted by another user.",
    );
  }
  props.LookupList = `{${target.id}}`;
}

const CREATION_INFO_PROPS = [
  "Title",
  "FieldTypeKind",
  "Required",
  "Choices",
  "IsCompactName",
  "LookupFieldName",
  "LookupListId",
  "LookupWebId",
];

/**
 * `POST .../fields/AddField` with `{ parameters: SP.FieldCreationInformation }`: how PnPjs
 * creates lookups (`fields.addLookup`, ../shared/reference/wire/pnp-capture.txt)
 * (https://learn.microsoft.com/previous-versions/office/developer/sharepoint-rest-reference/dn600182(v=office.15)#fieldcollection-resource).
 */
function addField(req: SpRequest, list: ListRow): HttpResponse {
  demand(req, "Manage", PermissionKind.ManageLists, list);
  const body = jsonBody(req.ctx);
  const params = body.parameters;
  if (!params || typeof params !== "object" || Array.isArray(params)) {
    badRequest(req.ctx, "The parameter 'parameters' is required (SP.FieldCreationInformation).");
  }
  const p = params as Record<string, unknown>;
  for (const k of dataKeys(p)) {
    if (!CREATION_INFO_PROPS.includes(k)) {
      badRequest(
        req.ctx,
        `The property '${k}' does not exist on type 'SP.FieldCreationInformation'. Make sure to only use property names that are defined by the type.`,
      );
    }
  }
  const t = requireKind(req, { FieldTypeKind: p.FieldTypeKind });
  const title = checkTitle(req, list, p.Title);
  const props = defaultsFor(t.kind);
  const translated: Record<string, unknown> = {};
  if (p.Required !== undefined) translated.Required = p.Required;
  if (p.Choices !== undefined) translated.Choices = p.Choices;
  if (t.kind === 7) {
    if (p.LookupListId !== undefined) translated.LookupList = p.LookupListId;
    if (p.LookupFieldName !== undefined) translated.LookupField = p.LookupFieldName;
  }
  applyProps(req, t.kind, props, translated);
  if (t.kind === 7) resolveLookupList(req, props);
  const field = insertField(req, list, title, t.kind, props);
  return entityResponse(req.ctx, req.deps.sitePath, fieldEntity(req, list, field), {
    set: "SP.ApiData.Fields",
  });
}

function storageKeyOf(field: FieldRow): string {
  return field.type_kind === 7 || field.type_kind === 20
    ? `${field.internal_name}Id`
    : field.internal_name;
}

/**
 * MERGE on a field (PnPjs `field.update(props)`: plain JSON; verbose clients add
 * `__metadata.type`). 204 on success.
 */
function updateField(req: SpRequest, list: ListRow, field: FieldRow): HttpResponse {
  demand(req, "Manage", PermissionKind.ManageLists, list);
  const { db } = req.deps;
  const body = jsonBody(req.ctx);
  const t = TYPES[field.type_kind] ?? {
    kind: field.type_kind,
    typeAsString: field.type_as_string,
    odataType: odataTypeOf(field),
    props: [] as string[],
  };
  checkKnownProps(req, t, body);
  if (body.FieldTypeKind !== undefined && body.FieldTypeKind !== field.type_kind) {
    badRequest(req.ctx, "Changing the type of an existing column is not supported.");
  }
  const title = body.Title === undefined ? field.title : checkTitle(req, list, body.Title, field);
  const before = fieldProps(field);
  const props: FieldProps = { ...before };
  applyProps(req, field.type_kind, props, body);
  if (props.EnforceUniqueValues && !before.EnforceUniqueValues) {
    refuseUniqueWithItemSecurity(req, list);
    const key = `$."${storageKeyOf(field)}"`;
    const dup = sql(
      db,
      `SELECT json_extract(data, ?) AS v, COUNT(*) AS c FROM sp_items
         WHERE list_id = ? AND json_extract(data, ?) IS NOT NULL
         GROUP BY v HAVING c > 1 LIMIT 1`,
    ).get(key, list.id, key);
    if (dup) {
      spFail(
        req.ctx,
        500,
        SP_ERR.spException,
        "This field contains duplicate values. Remove all duplicate values and try the operation again.",
      );
    }
  }
  sql(
    db,
    "UPDATE sp_fields SET title = ?, props = ?, type_as_string = ? WHERE list_id = ? AND id = ?",
  ).run(
    title,
    JSON.stringify(props),
    field.builtin ? field.type_as_string : typeAsStringOf(field.type_kind, props),
    list.id,
    field.id,
  );
  return { status: 204 };
}

function deleteField(req: SpRequest, list: ListRow, field: FieldRow): HttpResponse {
  demand(req, "Manage", PermissionKind.ManageLists, list);
  if (field.builtin) {
    spFail(
      req.ctx,
      500,
      SP_ERR.spException,
      "This column is part of the list's base type and cannot be deleted.",
    );
  }
  const { db } = req.deps;
  transaction(db, () => {
    sql(db, "DELETE FROM sp_fields WHERE list_id = ? AND id = ?").run(list.id, field.id);
    // The column's values go with it, as in SharePoint.
    sql(db, "UPDATE sp_items SET data = json_remove(data, ?, ?) WHERE list_id = ?").run(
      `$."${field.internal_name}"`,
      `$."${field.internal_name}Id"`,
      list.id,
    );
  });
  return { status: 200 };
}

function findFieldBy(req: SpRequest, list: ListRow, seg: Segment): FieldRow {
  const all = fieldsOf(req.deps.db, list.id);
  if (seg.name === "getbyinternalnameortitle") {
    const name = stringArg(req.ctx, seg, "strname");
    const found =
      all.find((f) => f.internal_name.toLowerCase() === name.toLowerCase()) ??
      all.find((f) => f.title.toLowerCase() === name.toLowerCase());
    if (!found) fieldNotFound(req, list, name);
    return found;
  }
  if (seg.name === "getbytitle") {
    const title = stringArg(req.ctx, seg, "title");
    const found = all.find((f) => f.title.toLowerCase() === title.toLowerCase());
    if (!found) fieldNotFound(req, list, title);
    return found;
  }
  // `fields('<guid>')`, `fields(guid'<guid>')`, `fields/getbyid('<guid>')`
  const id = stringArg(req.ctx, seg, "id")
    .replace(/^\{|\}$/g, "")
    .toLowerCase();
  const found = all.find((f) => f.id.toLowerCase() === id);
  if (!found) fieldNotFound(req, list, id);
  return found;
}

/**
 * `.../lists(...)/fields[...]` of one list: the collection (GET, POST), `AddField`,
 * `getByInternalNameOrTitle('X')`, `getByTitle('X')`, `('guid')` / `getById('guid')`, and
 * on one field GET, MERGE, DELETE
 * (https://learn.microsoft.com/previous-versions/office/developer/sharepoint-rest-reference/dn600182(v=office.15)).
 * `seg` is the `fields` segment (it may carry an indexer, `fields('guid')`).
 */
export function fieldsRoute(
  req: SpRequest,
  list: ListRow,
  seg: Segment,
  rest: Segment[],
): HttpResponse {
  const { ctx, deps } = req;
  let target: Segment | undefined;
  let more = rest;
  if (seg.hasParens) target = { ...seg, name: "getbyid" };
  else {
    const [head, ...tail] = rest;
    if (!head) {
      if (ctx.method === "GET") {
        requireScope(ctx, "Read");
        const all = fieldsOf(deps.db, list.id).map((f) => fieldEntity(req, list, f));
        return collectionResponse(
          ctx,
          deps.sitePath,
          filterEntities(ctx, all),
          "SP.ApiData.Fields",
        );
      }
      if (ctx.method === "POST") return createField(req, list);
      badRequest(ctx, `The HTTP method '${ctx.method}' is not supported on a field collection.`);
    }
    if (head.name === "addfield") {
      if (ctx.method !== "POST") badRequest(ctx, "AddField is invoked with POST.");
      return addField(req, list);
    }
    if (!["getbyinternalnameortitle", "getbytitle", "getbyid"].includes(head.name)) {
      badRequest(ctx, `The expression "${head.raw}" is not valid.`);
    }
    target = head;
    more = tail;
  }
  const field = findFieldBy(req, list, target);
  if (more.length > 0) badRequest(ctx, `The expression "${more[0]?.raw}" is not valid.`);
  switch (ctx.method) {
    case "GET":
      requireScope(ctx, "Read");
      return entityResponse(ctx, deps.sitePath, fieldEntity(req, list, field), {
        set: "SP.ApiData.Fields",
      });
    case "MERGE":
    case "PATCH":
      return updateField(req, list, field);
    case "DELETE":
      return deleteField(req, list, field);
    default:
      badRequest(ctx, `The HTTP method '${ctx.method}' is not supported on a field.`);
  }
}
