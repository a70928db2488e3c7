/**
 * The demo's resource base: people with specialist knowledge (one with an absence), the
 * allocations every initiative's phase needs (Gennemførelse and later need allocations: past
 * months for those already in operation), an over-allocation of Projektledelse in the coming
 * months that the heatmap shows, one open resource request waiting for its area head and one
 * refused with a reason. Resumable: each list's part is found by its key before it is written.
 */
import type { Ref } from "../domain/common.js";
import type { Brand } from "../domain/ids.js";
import type { Area, Initiative } from "../domain/portfolio.js";
import type { AllocationDraft, Resource, ResourceRequestDraft } from "../domain/resources.js";
import type { Competence } from "../domain/vocabulary.js";
import type { SeedContext } from "./index.js";
import type { DemoPerson } from "./people.js";
import { instantKey } from "./reconcile.js";

function ref<I extends Brand<number, string>>(e: { id: I; title: string }): Ref<I> {
  return { id: e.id, title: e.title };
}

function get<K, V>(map: ReadonlyMap<K, V>, key: K): V {
  const v = map.get(key);
  if (v === undefined) throw new Error(`Demo-data: ${String(key)} mangler`);
  return v;
}

const byTitle = (x: { title: string }) => x.title;

/** [person, initiative, competence, hours per month, first month (offset), months]. */
type Plan = [DemoPerson, string, Competence, number, number, number];

/**
 * Projektledelse is over-allocated for the next three months (Thomas and Mads offer 100 hours
 * between them; 160 are allocated), which the heatmap shows in red.
 */
const PLAN: readonly Plan[] = [
  ["thomas", "ydelsesplatform", "Projektledelse", 80, 0, 6],
  ["thomas", "omsorgsjournal", "Forandringsledelse", 50, 0, 3],
  ["thomas", "barnets-lov", "Projektledelse", 40, 0, 4],
  ["sara", "elevplan", "Uddannelse og implementering", 60, 0, 4],
  ["sara", "koersel", "Test", 30, 0, 3],
  ["sara", "pladsanvisning", "Forretningsudvikling", 20, 0, 6],
  ["gitte", "nis2", "Informationssikkerhed", 25, 0, 6],
  ["gitte", "mitid-erhverv", "It-arkitektur", 10, 0, 3],
  ["secretary", "esdh", "Projektledelse", 40, 0, 6],
  ["owner", "serviceplatform", "Integration og data", 30, 0, 5],
  // The rest of Gennemførelse, and the initiatives already past it (their work lies behind).
  ["owner", "digital-post-overgang", "Integration og data", 20, 0, 4],
  ["gitte", "byggesag", "It-arkitektur", 15, 0, 4],
  ["thomas", "fakturarobot", "Projektledelse", 30, -8, 4],
  ["owner", "digital-byggesag", "Integration og data", 25, -10, 5],
  ["sara", "faelles-sprog", "Uddannelse og implementering", 20, -7, 3],
  ["sara", "skaermbesoeg", "Test", 20, -14, 4],
  ["gitte", "ksd", "It-arkitektur", 15, -16, 3],
  ["owner", "digital-post-borger", "Integration og data", 20, -15, 3],
  ["secretary", "bibliotek", "Projektledelse", 20, -24, 4],
  ["sara", "loenbilag", "Forretningsudvikling", 15, -22, 3],
];

export async function writeResources(
  ctx: SeedContext,
  areaByKey: ReadonlyMap<string, Area>,
  ini: (key: string) => Initiative,
): Promise<void> {
  const { cal, person } = ctx;
  const sec = ctx.as("secretary").repositories;
  const specs: {
    who: DemoPerson;
    name: string;
    area: string;
    competences: Competence[];
    capacity: number;
    /** Away from the first day of month `from` to the last of month `to` (offsets). */
    away?: [number, number];
  }[] = [
    {
      who: "thomas",
      name: "Thomas Berg",
      area: "SF",
      competences: ["Projektledelse", "Forandringsledelse"],
      capacity: 140,
    },
    {
      who: "sara",
      name: "Sara Nielsen",
      area: "SU",
      competences: ["Uddannelse og implementering", "Test", "Forretningsudvikling"],
      capacity: 120,
      away: [4, 4],
    },
    {
      who: "gitte",
      name: "Gitte Iversen",
      area: "OS",
      competences: ["It-arkitektur", "Informationssikkerhed"],
      capacity: 40,
    },
    {
      who: "secretary",
      name: "Mads Kjær",
      area: "OS",
      competences: ["Projektledelse", "Forretningsudvikling"],
      capacity: 60,
    },
    {
      who: "owner",
      name: "Niels Fogh",
      area: "OS",
      competences: ["Integration og data", "It-arkitektur"],
      capacity: 100,
    },
  ];
  const lastDayOf = (offset: number) =>
    new Date(Date.parse(cal.monthStart(offset + 1)) - 86_400_000).toISOString().slice(0, 10) +
    "T00:00:00Z";
  const resources = await ctx.ensure({
    list: "Resources",
    what: "Ressource",
    read: () => sec.resources.list(),
    keyOf: byTitle,
    drafts: specs.map((s) => ({
      title: s.name,
      person: person(s.who),
      area: ref(get(areaByKey, s.area)),
      competences: s.competences,
      capacityHoursPerMonth: s.capacity,
      active: true,
      absences: s.away ? [{ from: cal.monthStart(s.away[0]), to: lastDayOf(s.away[1]) }] : [],
    })),
    draftKey: byTitle,
    write: (m) => sec.resources.addMany(m),
  });
  const res = new Map<DemoPerson, Resource>(specs.map((s, i) => [s.who, resources[i] as Resource]));
  const allocations: AllocationDraft[] = PLAN.flatMap(
    ([who, key, competence, hours, from, months]) =>
      Array.from({ length: months }, (_, m) => ({
        title: `${get(res, who).title} på ${ini(key).title}`.slice(0, 255),
        initiative: ref(ini(key)),
        resource: ref(get(res, who)),
        competence,
        month: cal.monthStart(from + m),
        hours,
        request: null,
      })),
  );
  const allocationKey = (a: Pick<AllocationDraft, "resource" | "initiative" | "month">) =>
    `${a.resource?.id}|${a.initiative?.id}|${instantKey(a.month)}`;
  await ctx.ensure({
    list: "Allocations",
    what: "Allokering",
    read: () => sec.allocations.list(),
    keyOf: allocationKey,
    drafts: allocations,
    draftKey: allocationKey,
    write: (m) => sec.allocations.addMany(m),
  });

  const requests: ResourceRequestDraft[] = [
    {
      title: "Jurist til AI i jobcentret",
      area: ref(get(areaByKey, "AEY")),
      initiative: ref(ini("ai-jobcenter")),
      competence: "Jura og GDPR",
      hours: 60,
      neededFrom: cal.monthStart(1),
      neededTo: cal.monthStart(3),
      state: "Anmodet",
      resource: null,
      message: "Vurdering efter AI-forordningen og GDPR, ca. 20 timer om måneden.",
      reason: "",
    },
    {
      title: "Tester til booking af lokaler",
      area: ref(get(areaByKey, "KFFS")),
      initiative: ref(ini("booking")),
      competence: "Test",
      hours: 40,
      neededFrom: cal.monthStart(2),
      neededTo: cal.monthStart(3),
      state: "Afvist",
      resource: null,
      message: "",
      reason: "Ingen ledige testere før efter sommerferien.",
    },
  ];
  await ctx.ensure({
    list: "ResourceRequests",
    what: "Ressourceindkaldelse",
    read: () => sec.resourceRequests.list(),
    keyOf: byTitle,
    drafts: requests,
    draftKey: byTitle,
    write: (m) => sec.resourceRequests.addMany(m),
  });
}
