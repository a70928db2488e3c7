/**
 * The demo benefits register: the benefits the demo's stories follow (with their measurements,
 * some follow-ups due this week and some overdue) and, for every initiative past Behovsanalyse
 * that has none of those, one benefit of time freed, so its lifecycle gates have what they ask
 * for. Found or written through `ensure` (by initiative and title), so a resumed seed writes
 * only what is missing.
 */
import type {
  Benefit,
  BenefitDraft,
  BenefitMeasurement,
  BenefitMeasurementDraft,
} from "../domain/benefits.js";
import type { Person, Ref } from "../domain/common.js";
import type { BenefitId, InitiativeId } from "../domain/ids.js";
import type { Initiative } from "../domain/portfolio.js";
import { type Phase, PHASES } from "../domain/vocabulary.js";
import type { Repositories } from "../ports/repositories.js";
import type { PartResult } from "../ports/repository.js";
import { INITIATIVES } from "./content.js";
import type { DemoPerson } from "./people.js";

/** What the benefits seed needs of the seed's context. */
export interface BenefitSeedContext {
  as: (who: DemoPerson) => { repositories: Repositories };
  person: (who: DemoPerson) => Person;
  cal: { day: (offset: number) => string };
  ensure: <T, D>(spec: {
    list: string;
    what: string;
    read: () => Promise<readonly T[]>;
    keyOf: (item: T) => string;
    drafts: readonly D[];
    draftKey: (draft: D) => string;
    write: (missing: readonly D[]) => Promise<readonly PartResult<T>[]>;
  }) => Promise<T[]>;
}

// Every indicator counts up (a saving, a share): higher is better, and a due date in the past
// makes the follow-up overdue.
interface Spec {
  key: string;
  title: string;
  indicator: string;
  unit: string;
  baseline: number;
  targets: [number, number, number];
  owner: DemoPerson;
  due: number;
  state: Benefit["state"];
  cash: boolean;
  measured: number[];
}

const SPECS: readonly Spec[] = [
  {
    key: "fakturarobot",
    title: "Flere fakturaer bogføres automatisk",
    indicator: "Andel fakturaer bogført automatisk",
    unit: "%",
    baseline: 0,
    targets: [40, 50, 60],
    owner: "jonas",
    due: -20,
    state: "Under realisering",
    cash: false,
    measured: [32, 46],
  },
  {
    key: "fakturarobot",
    title: "Færre rykkergebyrer",
    indicator: "Sparede rykkergebyrer pr. år",
    unit: "kr.",
    baseline: 0,
    targets: [60_000, 90_000, 120_000],
    owner: "jonas",
    due: 40,
    state: "Under realisering",
    cash: true,
    measured: [30_000],
  },
  {
    key: "skaermbesoeg",
    title: "Færre kørte kilometer i hjemmeplejen",
    indicator: "Sparede kilometer pr. måned",
    unit: "km",
    baseline: 0,
    targets: [4_000, 7_000, 10_000],
    owner: "camilla",
    due: -45,
    state: "Under realisering",
    cash: true,
    measured: [2_500],
  },
  {
    key: "skaermbesoeg",
    title: "Borgertilfredshed med skærmbesøg",
    indicator: "Andel tilfredse borgere",
    unit: "%",
    baseline: 0,
    targets: [60, 75, 85],
    owner: "camilla",
    due: 7,
    state: "Godkendt",
    cash: false,
    measured: [],
  },
  {
    key: "ksd",
    title: "Færre tabte refusioner",
    indicator: "Sparet tabt refusion pr. år",
    unit: "kr.",
    baseline: 0,
    targets: [350_000, 500_000, 650_000],
    owner: "jesper",
    due: 30,
    state: "Under realisering",
    cash: true,
    measured: [430_000],
  },
  {
    key: "digital-post-borger",
    title: "Lavere portoudgifter",
    indicator: "Sparet porto pr. år",
    unit: "kr.",
    baseline: 0,
    targets: [300_000, 400_000, 500_000],
    owner: "jonas",
    due: -10,
    state: "Under realisering",
    cash: true,
    measured: [250_000],
  },
  {
    key: "digital-byggesag",
    title: "Kortere sagsbehandlingstid i byggesager",
    indicator: "Sparede dage pr. sag i gennemsnit",
    unit: "dage",
    baseline: 0,
    targets: [9, 16, 24],
    owner: "maja",
    due: 75,
    state: "Under realisering",
    cash: false,
    measured: [13],
  },
  {
    key: "faelles-sprog",
    title: "Ensartet dokumentation",
    indicator: "Andel journaler efter Fælles Sprog III",
    unit: "%",
    baseline: 35,
    targets: [80, 90, 98],
    owner: "camilla",
    due: -5,
    state: "Godkendt",
    cash: false,
    measured: [],
  },
  {
    key: "omsorgsjournal",
    title: "Mere tid hos borgeren",
    indicator: "Sparet dokumentationstid pr. medarbejder pr. dag",
    unit: "min.",
    baseline: 0,
    targets: [10, 15, 20],
    owner: "camilla",
    due: 120,
    state: "Godkendt",
    cash: false,
    measured: [],
  },
  {
    key: "ai-jobcenter",
    title: "Kortere forberedelse til samtaler",
    indicator: "Sparet forberedelsestid pr. samtale",
    unit: "min.",
    baseline: 0,
    targets: [8, 13, 18],
    owner: "jesper",
    due: 240,
    state: "Foreslået",
    cash: false,
    measured: [],
  },
];

const ref = <I extends InitiativeId | BenefitId>(e: { id: I; title: string }): Ref<I> => ({
  id: e.id,
  title: e.title,
});

const PAST_NEEDS: readonly Phase[] = PHASES.slice(
  PHASES.indexOf("Klar til prioritering"),
  PHASES.indexOf("Afsluttet") + 1,
);

/** The state a generic benefit has in each phase. */
function stateIn(phase: Phase): Benefit["state"] {
  if (phase === "Klar til prioritering" || phase === "Prioriteret") return "Foreslået";
  if (phase === "Planlægning" || phase === "Gennemførelse") return "Godkendt";
  if (phase === "Afsluttet") return "Realiseret";
  return "Under realisering";
}

/** The specs: the stories' benefits, and one of time freed for every other initiative past needs. */
export function benefitSpecs(): Spec[] {
  const covered = new Set(SPECS.map((s) => s.key));
  const generic = INITIATIVES.filter(
    (i) => PAST_NEEDS.includes(i.phase) && !covered.has(i.key),
  ).map((i, k): Spec => ({
    key: i.key,
    title: "Frigjort tid i sagsbehandlingen",
    indicator: "Sparede timer pr. måned",
    unit: "timer",
    baseline: 0,
    targets: [40, 80, 120],
    owner: i.owner === "secretary" || i.owner === "owner" ? "camilla" : i.owner,
    due: k % 3 === 0 ? -15 : 90,
    state: stateIn(i.phase),
    cash: false,
    measured: i.phase === "Afsluttet" ? [70, 90] : [],
  }));
  return [...SPECS, ...generic];
}

export async function writeBenefits(
  ctx: BenefitSeedContext,
  ini: (key: string) => Initiative,
): Promise<Benefit[]> {
  const { cal, person } = ctx;
  const sec = ctx.as("secretary").repositories;
  const specs = benefitSpecs();
  const drafts = specs.map((s): BenefitDraft => ({
    title: s.title,
    initiative: ref(ini(s.key)),
    kind: s.unit === "kr." ? "Økonomisk" : s.cash ? "Økonomisk" : "Kvalitativ",
    isCash: s.unit === "kr." && s.cash,
    isDisbenefit: false,
    indicator: s.indicator,
    unit: s.unit,
    direction: "Højere er bedre",
    baseline: s.baseline,
    baselineDate: cal.day(-400),
    targetPessimistic: s.targets[0],
    targetExpected: s.targets[1],
    targetOptimistic: s.targets[2],
    targetDate: cal.day(365),
    owner: person(s.owner),
    measurementPlan: "Måles efter idriftsættelse og derefter hvert halve år.",
    measurementIntervalMonths: 6,
    firstMeasurementDate: cal.day(s.due),
    nextMeasurementDue: cal.day(s.due),
    modelVersion: null,
    state: s.state,
  }));
  const benefits = await ctx.ensure<Benefit, BenefitDraft>({
    list: "Benefits",
    what: "Gevinst",
    read: () => sec.benefits.list(),
    keyOf: (b) => `${b.initiative?.id}|${b.title}`,
    drafts,
    draftKey: (b) => `${b.initiative?.id}|${b.title}`,
    write: (m) => sec.benefits.addMany(m),
  });
  const measurements = benefits.flatMap((b, i): BenefitMeasurementDraft[] => {
    const s = specs[i];
    if (!s) return [];
    return [
      {
        title: "Baseline",
        benefit: ref(b),
        measuredAt: cal.day(-400),
        value: s.baseline,
        milestone: "Baseline",
        comment: "",
      },
      ...s.measured.map((v, k): BenefitMeasurementDraft => ({
        title: k === 0 ? "Måling efter idriftsættelse" : "Løbende måling",
        benefit: ref(b),
        measuredAt: cal.day(-200 + k * 120),
        value: v,
        milestone: k === 0 ? "Efter idriftsættelse" : "Løbende",
        comment: k === 0 ? "Målt på tre måneders data." : "",
      })),
    ];
  });
  await ctx.ensure<BenefitMeasurement, BenefitMeasurementDraft>({
    list: "BenefitMeasurements",
    what: "Gevinstmåling",
    read: () => sec.benefitMeasurements.list(),
    keyOf: (x) => `${x.benefit?.id}|${x.title}`,
    drafts: measurements,
    draftKey: (x) => `${x.benefit?.id}|${x.title}`,
    write: (m) => sec.benefitMeasurements.addMany(m),
  });
  return benefits;
}
