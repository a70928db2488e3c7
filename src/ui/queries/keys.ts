/**
 * The one query-key factory of the UI. Every TanStack Query key starts with a feature's root
 * here, and narrower keys extend wider ones, so invalidating a root reads again everything
 * under it (`meetings()` covers `meeting(12)` and `minutes(12)`). Keys are data (arrays of
 * strings and numbers), compared by value.
 */
export const queryKeys = {
  /** Who I am and my roles, per signed-in (or chosen demo) identity. */
  me: (identity: string) => ["me", identity] as const,

  dashboard: () => ["dashboard"] as const,

  portfolio: () => ["portfolio"] as const,

  initiatives: () => ["initiative"] as const,
  initiative: (id: number) => [...queryKeys.initiatives(), id] as const,

  intake: () => ["intake"] as const,
  intakeDrafts: () => [...queryKeys.intake(), "drafts"] as const,
  intakeDraft: (id: number) => [...queryKeys.intake(), "draft", id] as const,

  import: () => ["import"] as const,
  importBasis: () => [...queryKeys.import(), "basis"] as const,

  statusReports: () => ["statusReports"] as const,

  meetings: () => ["meetings"] as const,
  meeting: (id: number) => [...queryKeys.meetings(), id] as const,
  minutes: (id: number) => [...queryKeys.meeting(id), "minutes"] as const,
  agenda: (meetingId: number) => [...queryKeys.meeting(meetingId), "agenda"] as const,
  agendaItems: (meetingId: number) => [...queryKeys.agenda(meetingId), "items"] as const,
  agendaCandidates: (meetingId: number) => [...queryKeys.agenda(meetingId), "candidates"] as const,
  /** The meeting's Teams event (for its changeKey), per event id. */
  meetingEvent: (id: number, eventId: string) =>
    [...queryKeys.meeting(id), "event", eventId] as const,
  meetingPlan: (year: number) => [...queryKeys.meetings(), "plan", year] as const,
  decisionLog: () => [...queryKeys.meetings(), "decisionLog"] as const,

  ahp: () => ["ahp"] as const,
  rounds: () => ["rounds"] as const,
  round: (id: number) => [...queryKeys.rounds(), id] as const,
  turnout: (roundId: number) => [...queryKeys.round(roundId), "turnout"] as const,
  scenarios: () => ["scenarios"] as const,
  selectionBase: (round: number | null) => [...queryKeys.scenarios(), "base", round] as const,
  closedRounds: () => [...queryKeys.scenarios(), "rounds"] as const,
  savedScenarios: () => [...queryKeys.scenarios(), "saved"] as const,
  decisionMeetings: () => [...queryKeys.scenarios(), "meetings"] as const,

  benefits: () => ["benefits"] as const,
  /** The register (null) or one initiative's benefits. */
  benefitsOf: (initiative: number | null) => [...queryKeys.benefits(), initiative] as const,
  /** Finansiering: frames with their history and the picture per year. */
  funding: () => ["funding"] as const,
  fundingProposals: () => [...queryKeys.funding(), "proposals"] as const,

  /** Every irregular item of the site (Uregelmæssigheder). */
  audit: () => ["audit"] as const,

  /** Ressourcer: every query about the register, allocations and requests is under this root. */
  resources: () => ["resources"] as const,
  resourceOverview: (from: string | null, months: number) =>
    [...queryKeys.resources(), "overview", from, months] as const,
  resourceRegister: () => [...queryKeys.resources(), "register"] as const,
  initiativeAllocations: (id: number) => [...queryKeys.resources(), "initiative", id] as const,
  openResourceRequests: () => [...queryKeys.resources(), "open"] as const,
  /** Indstillinger: the stored settings, and the signed-in user's teams and their channels. */
  settings: () => ["settings"] as const,
  myTeams: () => [...queryKeys.settings(), "teams"] as const,
  teamChannels: (teamId: string) => [...queryKeys.settings(), "channels", teamId] as const,

  /** Strategi, and the open barriers blocking one initiative. */
  strategy: () => ["strategy"] as const,
  initiativeBarriers: (id: number) => [...queryKeys.strategy(), "blocking", id] as const,
  /** Rapporter: the page (history), the report's preview, the evaluation of a year. */
  reports: () => ["reports"] as const,
  reportPreview: () => [...queryKeys.reports(), "preview"] as const,
  evaluationPreview: (year: number) => [...queryKeys.reports(), "evaluation", year] as const,
} as const;

export type QueryKeys = typeof queryKeys;
