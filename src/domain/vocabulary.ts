/**
 * The committee's Danish vocabularies, as the lists store them (DESIGN.md §2 and §4). Each is
 * a const tuple (for validation and pickers) and the string-literal union derived from it. A
 * unit test checks that every tuple equals the choices of its column in `lists-schema`.
 */

export const PHASES = [
  "Idé",
  "Behovsanalyse",
  "Klar til prioritering",
  "Prioriteret",
  "Planlægning",
  "Gennemførelse",
  "I drift",
  "Gevinstopfølgning",
  "Afsluttet",
  "Parkeret",
  "Afvist",
] as const;
export type Phase = (typeof PHASES)[number];

export const SOURCES = [
  "KL/KOMBIT",
  "Staten",
  "Anden offentlig myndighed",
  "Nye lovkrav",
  "Modnet teknologi",
  "Fagområdets behov",
  "Borgernes forventninger",
  "Lederforum",
] as const;
export type Source = (typeof SOURCES)[number];

export const GOVERNANCES = [
  "Styregruppe",
  "Referencegruppe",
  "Styregruppe indtil selvstændig styregruppe",
  "Selvstændig styregruppe",
] as const;
export type Governance = (typeof GOVERNANCES)[number];

/** Traffic-light status (RAG). */
export const RAGS = ["Grøn", "Gul", "Rød"] as const;
export type Rag = (typeof RAGS)[number];

export const BUDGET_KINDS = ["Anlæg", "Drift", "Gevinst"] as const;
export type BudgetKind = (typeof BUDGET_KINDS)[number];

export const FUNDING_SOURCES = [
  "Driftsbudget",
  "Anlæg",
  "Puljer",
  "Central digitaliseringspulje",
  "Forventet effektiviseringsgevinst",
] as const;
export type FundingSource = (typeof FUNDING_SOURCES)[number];

export const FUNDING_FORUMS = ["ØU", "DF"] as const;
export type FundingForum = (typeof FUNDING_FORUMS)[number];

export const FUNDING_STATES = [
  "Kladde",
  "Indstillet",
  "Godkendt",
  "Afvist",
  "Trukket tilbage",
] as const;
export type FundingState = (typeof FUNDING_STATES)[number];

/** Forums a decision is carried to: Økonomiudvalget, Direktørforum, Chefforum. */
export const FORUMS = ["ØU", "DF", "CF"] as const;
export type Forum = (typeof FORUMS)[number];

export const WEIGHT_SET_STATES = ["Kladde", "Til sammenligning", "Godkendt", "Forældet"] as const;
export type WeightSetState = (typeof WEIGHT_SET_STATES)[number];

export const VOTING_METHODS = [
  "Kriteriescore",
  "Rangordning",
  "Prikker",
  "Budget",
  "Samtykke",
] as const;
export type VotingMethod = (typeof VOTING_METHODS)[number];

export const ROUND_STATES = ["Kladde", "Åben", "Lukket", "Annulleret"] as const;
export type RoundState = (typeof ROUND_STATES)[number];

export const RESULTS_VISIBILITIES = ["Efter lukning", "Løbende for formanden"] as const;
export type ResultsVisibility = (typeof RESULTS_VISIBILITIES)[number];

export const MEETING_KINDS = ["Ordinært møde", "Ekstraordinært møde", "Temamøde"] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];

export const MEETING_STATES = [
  "Planlagt",
  "Dagsorden udsendt",
  "Afholdt",
  "Referat godkendt",
  "Referat udsendt",
  "Aflyst",
] as const;
export type MeetingState = (typeof MEETING_STATES)[number];

export const AGENDA_KINDS = ["Orientering", "Drøftelse", "Beslutning"] as const;
export type AgendaKind = (typeof AGENDA_KINDS)[number];

export const ACTION_STATES = ["Åben", "I gang", "Afsluttet", "Annulleret"] as const;
export type ActionState = (typeof ACTION_STATES)[number];

export const COMPETENCES = [
  "Projektledelse",
  "Forretningsudvikling",
  "It-arkitektur",
  "Integration og data",
  "Informationssikkerhed",
  "Jura og GDPR",
  "Indkøb og kontrakt",
  "Forandringsledelse",
  "Test",
  "Uddannelse og implementering",
] as const;
export type Competence = (typeof COMPETENCES)[number];

/** A resource request is asked for (Anmodet), then confirmed by the area head or refused. */
export const RESOURCE_REQUEST_STATES = ["Anmodet", "Bekræftet", "Afvist"] as const;
export type ResourceRequestState = (typeof RESOURCE_REQUEST_STATES)[number];

export const BENEFIT_KINDS = ["Økonomisk", "Kvalitativ"] as const;
export type BenefitKind = (typeof BENEFIT_KINDS)[number];

/**
 * Which way the indicator is better for the organisation. A benefit's targets lie on the
 * better side of its baseline; a dis-benefit's (the harm it is expected to do) on the worse.
 */
export const BENEFIT_DIRECTIONS = ["Højere er bedre", "Lavere er bedre"] as const;
export type BenefitDirection = (typeof BENEFIT_DIRECTIONS)[number];

export const BENEFIT_STATES = [
  "Foreslået",
  "Godkendt",
  "Under realisering",
  "Realiseret",
  "Ikke realiseret",
] as const;
export type BenefitState = (typeof BENEFIT_STATES)[number];

export const MEASUREMENT_MILESTONES = [
  "Baseline",
  "Efter idriftsættelse",
  "Efter afslutning",
  "Løbende",
] as const;
export type MeasurementMilestone = (typeof MEASUREMENT_MILESTONES)[number];

export const REPORT_STATES = ["Kladde", "Publiceret"] as const;
export type ReportState = (typeof REPORT_STATES)[number];

export const ACTION_PLAN_STATES = ["Udkast", "Vedtaget", "I gang", "Afsluttet"] as const;
export type ActionPlanState = (typeof ACTION_PLAN_STATES)[number];

export const BARRIER_KINDS = [
  "Kompetencer",
  "Infrastruktur",
  "Jura",
  "Organisation",
  "Økonomi",
] as const;
export type BarrierKind = (typeof BARRIER_KINDS)[number];

export const BARRIER_STATES = ["Identificeret", "Under håndtering", "Løst", "Accepteret"] as const;
export type BarrierState = (typeof BARRIER_STATES)[number];

export const LEARNING_KINDS = [
  "Konference",
  "Netværksmøde",
  "Kursus",
  "Studiebesøg",
  "Andet",
] as const;
export type LearningKind = (typeof LEARNING_KINDS)[number];
