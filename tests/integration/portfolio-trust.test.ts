/**
 * The portfolio's gates and counts against writes around the app: a proposer (Bidragydere)
 * with their own token and plain SharePoint REST, as anyone could with the browser's developer
 * tools, against the local SharePoint provisioned from lists-schema. Each attack is allowed by
 * the list's permissions (the item is theirs, or they may add to the list), so SharePoint takes
 * it; it then has no effect on what the committee sees: not counted, and listed as irregular
 * naming the attacker (`loadPortfolioIrregularities`, the initiative page, the portfolio rows,
 * the status page). Where SharePoint itself refuses (another's change record), that is asserted.
 */
import type { SharePointAdapters } from "../../src/adapters/sharepoint/index.js";
import type { Clock } from "../../src/domain/clock.js";
import type { Person } from "../../src/domain/common.js";
import type { AreaId } from "../../src/domain/ids.js";
import type { Initiative } from "../../src/domain/portfolio.js";
import { periodOf, type StatusReportForm } from "../../src/domain/status-reports.js";
import { loadInitiativePage } from "../../src/use-cases/initiative.js";
import { submitProposal } from "../../src/use-cases/intake.js";
import { changeGate, changePhase } from "../../src/use-cases/phase-change.js";
import { loadCheckedRows, loadPortfolioCheck } from "../../src/use-cases/portfolio-audit.js";
import { loadStatusPage, publishStatusReportFromForm } from "../../src/use-cases/status-reports.js";
import { aBenefit, aBudgetLine, anArea, anInitiative } from "../support/builders.js";
import { anIntake } from "../support/builders-intake.js";
import { recordPath } from "../support/gates.js";
import { devToken } from "../support/m365.js";
import { type ProvisionedSp, startProvisionedSp } from "../support/sp.js";

const SLOW = 60_000;
const clock: Clock = { now: () => new Date("2026-05-12T10:00:00Z") };
const Q2 = periodOf(clock.now(), "quarter");

type Json = Record<string, unknown>;

let sp: ProvisionedSp;
let attackerUpn: string;
let victimUpn: string;
let attacker: Person;
let victim: Person;
let secretary: SharePointAdapters;
/** The victim's initiative, handed in by the secretary, recorded into Gennemførelse. */
let victims: Initiative;
let areaId: AreaId;

/** Plain SharePoint REST with a user's own token (what the browser's developer tools allow). */
async function rest(upn: string, path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${sp.siteUrl}/_api/${path}`, {
    ...init,
    headers: {
      Accept: "application/json;odata=nometadata",
      "Content-Type": "application/json",
      Authorization: devToken(upn),
      ...(init.headers as Record<string, string> | undefined),
    },
  });
}

const items = (listTitle: string) => `web/lists/getByTitle('${listTitle}')/items`;

async function addItem(upn: string, listTitle: string, body: Json): Promise<number> {
  const res = await rest(upn, items(listTitle), { method: "POST", body: JSON.stringify(body) });
  expect(res.status).toBe(201);
  return Number(((await res.json()) as Json).Id);
}

async function mergeItem(upn: string, listTitle: string, id: number, body: Json) {
  return rest(upn, `${items(listTitle)}(${id})`, {
    method: "POST",
    headers: { "X-HTTP-Method": "MERGE", "IF-MATCH": "*" },
    body: JSON.stringify(body),
  });
}

/** The portfolio's irregularities as the secretary sees them: [list, item, rule, writer]. */
async function irregularities() {
  const check = await loadPortfolioCheck({ ...secretary, clock });
  return {
    check,
    found: check.irregular.map((i) => [i.list, i.item, i.rule, i.by?.email.toLowerCase()]),
  };
}

const complete: StatusReportForm = {
  overall: "Grøn",
  overallText: "",
  scope: { rag: "Grøn", text: "" },
  time: { rag: "Grøn", text: "" },
  cost: { rag: "Grøn", text: "" },
  benefits: { rag: "Grøn", text: "" },
};

beforeAll(async () => {
  sp = await startProvisionedSp();
  [attackerUpn = "", victimUpn = ""] = sp.users.contributors;
  secretary = sp.adaptersFor(sp.users.secretary);
  attacker = await secretary.people.ensure(attackerUpn);
  victim = await secretary.people.ensure(victimUpn);
  const area = await secretary.repositories.areas.add(anArea({ title: "Børn og Unge" }));
  areaId = area.id;
  victims = await secretary.repositories.initiatives.add(
    anInitiative({
      title: "Digital pladsanvisning",
      phase: "Gennemførelse",
      owner: victim,
      projectLead: victim,
      area: { id: area.id, title: "" },
    }),
  );
  await recordPath(secretary.repositories, victims, "Gennemførelse");
  await secretary.repositories.budgetLines.add(
    aBudgetLine({ initiative: { id: victims.id, title: "" }, kind: "Anlæg", amount: 400_000 }),
  );
}, SLOW);

afterAll(async () => {
  await sp?.close();
});

describe("the committee's own record counts", () => {
  test(
    "a victim's initiative recorded by the secretary, and the app's own gate changes, are regular",
    async () => {
      const { found, check } = await irregularities();
      expect(found).toEqual([]);
      expect(check.gates.get(victims.id)?.valid.phase).toBe("Gennemførelse");
      const set = await changeGate(
        { ...secretary, clock },
        { initiative: victims, change: { mandatory: true } },
      );
      expect(set.ok).toBe(true);
      expect((await irregularities()).found).toEqual([]);
    },
    SLOW,
  );

  test(
    "an owner records moving their own idea into needs analysis: SharePoint lets them write the record, and it counts",
    async () => {
      const own = sp.adaptersFor(attackerUpn);
      const submitted = await submitProposal(
        own.repositories,
        anIntake({ title: "Fælles booking", owner: attacker, area: { id: areaId, title: "" } }),
        { budgetYears: [2026, 2027, 2028, 2029], self: null, portfolio: [] },
        null,
      );
      if (!submitted.ok) throw new Error(JSON.stringify(submitted.error));
      const moved = await changePhase(
        { ...own, clock },
        { initiative: submitted.value.initiative, to: "Behovsanalyse", reason: "" },
      );
      expect(moved.ok).toBe(true);
      const { check, found } = await irregularities();
      expect(found).toEqual([]);
      expect(check.gates.get(submitted.value.initiative.id)?.valid.phase).toBe("Behovsanalyse");
      // Anyone may add a record, but not change another's: SharePoint refuses (own items only).
      const records = await secretary.repositories.phaseChanges.list({
        where: { initiative: victims.id },
      });
      const res = await mergeItem(attackerUpn, "Faseskift", records[0]!.id, {
        ToPhase: "Afsluttet",
      });
      expect(res.ok).toBe(false);
    },
    SLOW,
  );
});

describe("writes around the app with a proposer's own token and plain REST", () => {
  test(
    "an owner edits Phase, Priority, PriorityScore and Mandatory on their own initiative: not counted, irregular naming them",
    async () => {
      const own = sp.adaptersFor(attackerUpn);
      const submitted = await submitProposal(
        own.repositories,
        anIntake({ title: "Egen genvej", owner: attacker, area: { id: areaId, title: "" } }),
        { budgetYears: [2026, 2027, 2028, 2029], self: null, portfolio: [] },
        null,
      );
      if (!submitted.ok) throw new Error(JSON.stringify(submitted.error));
      const id = submitted.value.initiative.id;
      const res = await mergeItem(attackerUpn, "Tiltag", id, {
        Phase: "Gennemførelse",
        Priority: 1,
        PriorityScore: 99.5,
        Mandatory: true,
      });
      // SharePoint takes it: the item is the attacker's own.
      expect(res.status).toBe(204);
      // A record of their own making it so does not count either.
      await addItem(attackerUpn, "Faseskift", {
        Title: "Idé → Gennemførelse",
        InitiativeId: id,
        FromPhase: "Idé",
        ToPhase: "Gennemførelse",
        ChangedAt: "2026-05-01T00:00:00Z",
      });

      const { found, check } = await irregularities();
      const mine = found.filter(([list, item]) => list === "Initiatives" && item === id);
      expect(mine).toEqual([
        ["Initiatives", id, "initiative.mandatoryNotRecorded", attackerUpn],
        ["Initiatives", id, "initiative.phaseNotRecorded", attackerUpn],
        ["Initiatives", id, "initiative.priorityNotRecorded", attackerUpn],
      ]);
      expect(found).toContainEqual([
        "PhaseChanges",
        expect.any(Number),
        "phaseChange.notAllowed",
        attackerUpn,
      ]);
      expect(check.gates.get(id)?.valid).toEqual({
        phase: "Idé",
        priority: null,
        priorityScore: null,
        mandatory: false,
      });
      // What the committee sees: the page and the portfolio rows with the valid values.
      const page = await loadInitiativePage(secretary, id);
      expect(page.initiative).toMatchObject({ phase: "Idé", priority: null, mandatory: false });
      expect(page.gates.stored.phase).toBe("Gennemførelse");
      const rows = await loadCheckedRows(
        secretary,
        ["title", "phase", "priority", "mandatory"],
        {},
      );
      expect(rows.find((r) => r.id === id)).toMatchObject({
        phase: "Idé",
        priority: null,
        mandatory: false,
      });
      // Not an ongoing initiative: the secretary does not chase it for a status report.
      const status = await loadStatusPage({ ...secretary, clock });
      expect(status.missing?.map((m) => m.initiative.id)).not.toContain(id);
    },
    SLOW,
  );

  test(
    "a proposer creates an initiative straight into Gennemførelse: it counts as an idea and is irregular",
    async () => {
      const id = await addItem(attackerUpn, "Tiltag", {
        Title: "Direkte i gennemførelse",
        Source: "Fagområdets behov",
        AreaId: areaId,
        OwnerId: attacker.id,
        Phase: "Gennemførelse",
      });
      const { found, check } = await irregularities();
      expect(found).toContainEqual(["Initiatives", id, "initiative.phaseNotRecorded", attackerUpn]);
      expect(check.gates.get(id as Initiative["id"])?.valid.phase).toBe("Idé");
    },
    SLOW,
  );

  test(
    "a proposer adds budget lines (−5,000,000 kr. and +5,000,000 kr. Anlæg) to an initiative that is not theirs: not summed, irregular naming them",
    async () => {
      const negative = await addItem(attackerUpn, "Budgetlinjer", {
        Title: "Anlæg 2026",
        InitiativeId: victims.id,
        Year: 2026,
        Kind: "Anlæg",
        Amount: -5_000_000,
      });
      const positive = await addItem(attackerUpn, "Budgetlinjer", {
        Title: "Anlæg 2027",
        InitiativeId: victims.id,
        Year: 2027,
        Kind: "Anlæg",
        Amount: 5_000_000,
      });
      const page = await loadInitiativePage(secretary, victims.id);
      expect(page.budgetLines.map((l) => l.amount)).toEqual([400_000]);
      expect(page.irregular.map((i) => [i.item, i.rule, i.by?.email.toLowerCase()])).toEqual(
        expect.arrayContaining([
          [negative, "budgetLine.invalid", attackerUpn],
          [positive, "budgetLine.notPermitted", attackerUpn],
        ]),
      );
      const { check } = await irregularities();
      expect(check.budgetLines.map((l) => l.id)).not.toContain(negative);
      expect(check.budgetLines.map((l) => l.id)).not.toContain(positive);
    },
    SLOW,
  );

  test(
    "a proposer publishes a red status report on someone else's initiative, taking its key: the owner's report is the period's, and the red one counts for nothing",
    async () => {
      const forged = await addItem(attackerUpn, "Statusrapporter", {
        Title: "Status",
        InitiativeId: victims.id,
        Period: Q2.key,
        ReportKey: `${victims.id}:${Q2.key}`,
        Overall: "Rød",
        OverallText: "Projektet er gået i stå.",
        State: "Publiceret",
        PublishedAt: "2026-05-02T00:00:00Z",
      });
      // The owner's own report is not blocked (no unique key to take).
      const owner = sp.adaptersFor(victimUpn);
      const published = await publishStatusReportFromForm(
        { ...owner, clock },
        { initiative: victims, period: Q2, form: complete, report: null },
      );
      if (!published.ok) throw new Error(JSON.stringify(published.error));
      expect(published.value.report.overall).toBe("Grøn");

      // The committee sees the owner's green report, not the red one.
      const page = await loadInitiativePage(secretary, victims.id);
      expect(page.statusReports.map((r) => [r.period, r.overall])).toEqual([[Q2.key, "Grøn"]]);
      expect(page.initiative.latestStatus).toBe("Grøn");
      const status = await loadStatusPage({ ...secretary, clock });
      expect(status.missing?.map((m) => m.initiative.id)).not.toContain(victims.id);
      const { found } = await irregularities();
      expect(found).toContainEqual([
        "StatusReports",
        forged,
        "statusReport.notPermitted",
        attackerUpn,
      ]);
    },
    SLOW,
  );

  test(
    "a proposer adds a benefit measurement to a benefit that is not theirs: not counted, irregular naming them",
    async () => {
      const benefit = await secretary.repositories.benefits.add(
        aBenefit({ initiative: { id: victims.id, title: "" }, owner: victim, state: "Godkendt" }),
      );
      const measurement = await addItem(attackerUpn, "Gevinstmålinger", {
        Title: "Måling",
        BenefitId: benefit.id,
        MeasuredAt: "2026-05-01T00:00:00Z",
        Value: 1_000_000,
        Milestone: "Løbende",
      });
      const { found, check } = await irregularities();
      expect(check.benefitMeasurements.map((m) => m.id)).not.toContain(measurement);
      expect(found).toContainEqual([
        "BenefitMeasurements",
        measurement,
        "benefitMeasurement.notPermitted",
        attackerUpn,
      ]);
    },
    SLOW,
  );
});
