/**
 * The initiative's fields (the Initiatives list): the one place that says each field's label,
 * kind and limits (validation, `INITIATIVE_RULES`), its table and export column
 * (`COLUMN_CATALOGUE`, `PORTFOLIO_COLUMNS`),
 * its import aliases (`IMPORT_FIELDS`) and whether an edit conflict compares it
 * (`INITIATIVE_EDIT_FIELDS`, `GOVERNANCE_FIELDS`). Declared in the order the portfolio offers
 * the columns. tests/unit/domain-limits.test.ts holds the limits against lists-schema.
 */
import type { FieldRegistry } from "./fields.js";
import type { InitiativeDraft } from "./portfolio.js";
import { LEGAL_DEADLINE_MIN, NOTE_MAX, TEXT_MAX } from "./validation.js";
import { GOVERNANCES, PHASES, RAGS, SOURCES } from "./vocabulary.js";

const title = (da: string, en: string) => ({ da, en });

export const INITIATIVE_FIELDS = {
  title: {
    label: "fields.initiative.title",
    kind: "text",
    required: true,
    maxLength: TEXT_MAX,
    export: { kind: "text", title: title("Titel", "Title") },
    importAliases: [
      "titel",
      "navn",
      "tiltag",
      "projekt",
      "projektnavn",
      "title",
      "name",
      "initiative",
    ],
    conflict: "edit",
  },
  externalRef: {
    label: "fields.initiative.externalRef",
    kind: "text",
    maxLength: 100,
    export: { kind: "text", title: title("Ekstern reference", "External reference") },
    importAliases: [
      "ekstern reference",
      "ekstern id",
      "reference",
      "kl id",
      "kombit id",
      "id",
      "external reference",
      "external id",
      "ref",
    ],
    conflict: "edit",
  },
  phase: {
    label: "fields.initiative.phase",
    kind: "choice",
    required: true,
    oneOf: PHASES,
    export: { kind: "text", title: title("Fase", "Phase") },
  },
  area: {
    label: "fields.initiative.area",
    kind: "lookup",
    required: true,
    export: { kind: "text", title: title("Område", "Area") },
    importAliases: ["omraade", "fagomraade", "forvaltning", "area", "department"],
    conflict: "edit",
  },
  source: {
    label: "fields.initiative.source",
    kind: "choice",
    required: true,
    oneOf: SOURCES,
    export: { kind: "text", title: title("Kilde", "Source") },
    importAliases: ["kilde", "afsender", "source", "origin"],
    conflict: "edit",
  },
  owner: {
    label: "fields.initiative.owner",
    kind: "person",
    export: { kind: "text", title: title("Ejer", "Owner") },
    importAliases: ["ejer", "projektejer", "owner", "project owner"],
    conflict: "edit",
  },
  projectLead: {
    label: "fields.initiative.projectLead",
    kind: "person",
    export: { kind: "text", title: title("Projektleder", "Project lead") },
    conflict: "edit",
  },
  strategyGoal: {
    label: "fields.initiative.strategyGoal",
    kind: "lookup",
    export: { kind: "text", title: title("Strategisk mål", "Strategy goal") },
    conflict: "edit",
  },
  governance: {
    label: "fields.initiative.governance",
    kind: "choice",
    oneOf: GOVERNANCES,
    export: { kind: "text", title: title("Styring", "Governance") },
    conflict: "governance",
  },
  mandatory: {
    label: "fields.initiative.mandatory",
    kind: "boolean",
    export: { kind: "yesNo", title: title("Lovpligtig", "Mandatory") },
    importAliases: ["lovpligtig", "obligatorisk", "lovkrav", "mandatory", "required by law"],
    conflict: "edit",
  },
  legalDeadline: {
    label: "fields.initiative.legalDeadline",
    kind: "date",
    minDate: LEGAL_DEADLINE_MIN,
    export: { kind: "date", title: title("Lovkravsfrist", "Legal deadline") },
    importAliases: ["lovkravsfrist", "frist", "deadline", "legal deadline", "due date"],
    conflict: "edit",
  },
  priority: {
    label: "fields.initiative.priority",
    kind: "integer",
    min: 0,
    export: { kind: "integer", title: title("Prioritet", "Priority") },
  },
  priorityScore: {
    label: "fields.initiative.priorityScore",
    kind: "number",
    export: { kind: "decimal", title: title("Prioritetsscore", "Priority score") },
  },
  latestStatus: {
    label: "fields.initiative.latestStatus",
    kind: "choice",
    oneOf: RAGS,
    export: { kind: "text", title: title("Seneste status", "Latest status") },
  },
  summary: {
    label: "fields.initiative.summary",
    kind: "note",
    maxLength: NOTE_MAX,
    export: { kind: "text", title: title("Resumé", "Summary") },
    importAliases: ["resume", "kort beskrivelse", "beskrivelse", "summary", "description"],
    conflict: "edit",
  },
  need: {
    label: "fields.initiative.need",
    kind: "note",
    maxLength: NOTE_MAX,
    export: { kind: "text", title: title("Behov", "Need") },
    importAliases: ["behov", "behovsbeskrivelse", "need", "problem"],
    conflict: "edit",
  },
  solution: {
    label: "fields.initiative.solution",
    kind: "note",
    maxLength: NOTE_MAX,
    export: { kind: "text", title: title("Løsning", "Solution") },
    importAliases: [
      "losning",
      "losningsforslag",
      "forslag til losning",
      "solution",
      "proposed solution",
    ],
    conflict: "edit",
  },
  expectedBenefits: {
    label: "fields.initiative.expectedBenefits",
    kind: "note",
    maxLength: NOTE_MAX,
    export: { kind: "text", title: title("Forventede gevinster", "Expected benefits") },
    importAliases: [
      "forventede gevinster",
      "gevinster",
      "gevinst beskrivelse",
      "expected benefits",
      "benefits",
    ],
    conflict: "edit",
  },
  resourceNeeds: {
    label: "fields.initiative.resourceNeeds",
    kind: "note",
    maxLength: NOTE_MAX,
    importAliases: ["ressourcebehov", "ressourcer", "resource needs", "resources"],
    conflict: "edit",
  },
  standaloneGroupFrom: {
    label: "fields.initiative.standaloneGroupFrom",
    kind: "date",
    conflict: "governance",
  },
  standaloneGroupTo: {
    label: "fields.initiative.standaloneGroupTo",
    kind: "date",
    conflict: "governance",
  },
  requires: { label: "fields.initiative.requires", kind: "multilookup" },
  excludes: { label: "fields.initiative.excludes", kind: "multilookup" },
} as const satisfies FieldRegistry<InitiativeDraft>;

export type InitiativeFields = typeof INITIATIVE_FIELDS;
