/**
 * `npm run audit` against the local Microsoft 365 (SharePoint provisioned from lists-schema):
 * each attack a member, a proposer, the secretary or the chair can make with their own token
 * through plain SharePoint REST (the browser's developer tools) is made here, and the audit run
 * as a process with the secretary's token prints each one that SharePoint takes, naming the
 * list, the item, the rule and who wrote it; what SharePoint refuses is asserted refused. Then
 * `{"findings":N}`, exit code 0; exit code 2 for a site that does not answer, a token it
 * refuses (401) and one without access (403).
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { join } from "node:path";

import type { SharePointAdapters } from "../../src/adapters/sharepoint/index.js";
import type { Person } from "../../src/domain/common.js";
import type { InitiativeId } from "../../src/domain/ids.js";
import type { BallotEntry, Criterion, Round } from "../../src/domain/prioritization.js";
import type { Directory } from "../../src/ports/directory.js";
import { auditSite } from "../../src/use-cases/audit.js";
import { submitProposal } from "../../src/use-cases/intake.js";
import * as rounds from "../../src/use-cases/rounds.js";
import { loadRoundPage } from "../../src/use-cases/rounds.js";
import {
  aBenefit,
  aBudgetLine,
  aCriterion,
  aMeeting,
  anArea,
  anInitiative,
  aRound,
  aWeightSet,
} from "../support/builders.js";
import { anIntake } from "../support/builders-intake.js";
import { recordPath } from "../support/gates.js";
import { devToken, scopedToken, startLocalM365 } from "../support/m365.js";
import { acceptedOnly } from "../support/outcome.js";
import { type ProvisionedSp, startProvisionedSp } from "../support/sp.js";

// The use-cases expected to be accepted; a refusal rejects with its code (support/outcome.ts).
const closeRound = acceptedOnly(rounds.closeRound);
const saveBallot = acceptedOnly(rounds.saveBallot);

const SLOW = 120_000;
const root = join(import.meta.dirname, "..", "..");
const clock = { now: () => new Date() };

type Json = Record<string, unknown>;
/** One finding as the audit prints it. */
type Line = { list: string; item: number; rule: string; by: string | null };

async function audit(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/audit.ts", ...args], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
  child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
  const [code] = (await once(child, "exit")) as [number | null];
  return { code: code ?? -1, stdout, stderr };
}

let sp: ProvisionedSp;
let secretary: SharePointAdapters;
let chair: SharePointAdapters;
let upn: Record<"alice" | "bob" | "carl" | "thomas" | "sara" | "secretary" | "chair", string>;
let people: Record<keyof typeof upn, Person>;
let directory: Directory;
let candidates: { id: InitiativeId; title: string }[];
let areaId: number;
/** Every finding the attacks must leave, as the audit prints it. */
const expected: Line[] = [];

/** Plain SharePoint REST with `who`'s own token, past everything the app checks. */
function rest(who: string, path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${sp.siteUrl}/_api/${path}`, {
    ...init,
    headers: {
      Accept: "application/json;odata=nometadata",
      "Content-Type": "application/json;charset=utf-8",
      Authorization: devToken(who),
      ...(init.headers as Record<string, string> | undefined),
    },
  });
}

const list = (title: string) => `web/lists/getByTitle('${encodeURIComponent(title)}')`;

async function addItem(who: string, title: string, body: Json): Promise<number> {
  const res = await rest(who, `${list(title)}/items`, {
    method: "POST",
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(201);
  return Number(((await res.json()) as Json).Id);
}

async function mergeItem(who: string, title: string, id: number, body: Json): Promise<number> {
  const res = await rest(who, `${list(title)}/items(${id})`, {
    method: "POST",
    headers: { "X-HTTP-Method": "MERGE", "IF-MATCH": "*" },
    body: JSON.stringify(body),
  });
  return res.status;
}

/** A ballot's REST body, claiming `voter` with their key, whoever sends it. */
const ballotBody = (round: Round, voter: Person, payload: object) => ({
  Title: `Stemmeseddel ${voter.name}`,
  RoundId: round.id,
  BallotKey: `${round.id}:${voter.id}`,
  VoterId: voter.id,
  Payload: JSON.stringify(payload),
});

const ports = (a: SharePointAdapters) => ({ ...a, clock, directory });

/** A round opened by the secretary (stored as Åben). */
async function aRoundOpen(title: string, o: Partial<Round> = {}): Promise<Round> {
  return secretary.repositories.rounds.add(
    aRound({
      title,
      candidates,
      state: "Åben",
      opens: new Date(Date.now() - 3_600_000).toISOString(),
      closes: new Date(Date.now() + 3_600_000).toISOString(),
      ...o,
    }),
  );
}

async function vote(who: SharePointAdapters, round: Round, entries: BallotEntry[]) {
  const page = await loadRoundPage(ports(who), round.id);
  return saveBallot(ports(who), { ...page, payload: { entries }, comment: "", existing: null });
}

const by = (who: keyof typeof upn) => upn[who];

beforeAll(async () => {
  sp = await startProvisionedSp();
  const [alice = "", bob = "", carl = ""] = sp.users.members;
  const [thomas = "", sara = ""] = sp.users.contributors;
  upn = { alice, bob, carl, thomas, sara, secretary: sp.users.secretary, chair: sp.users.chair };
  secretary = sp.adaptersFor(sp.users.secretary);
  chair = sp.adaptersFor(sp.users.chair);
  const ensured = await Promise.all(Object.values(upn).map((u) => secretary.people.ensure(u)));
  people = Object.fromEntries(Object.keys(upn).map((k, i) => [k, ensured[i]!])) as typeof people;
  directory = {
    me: () => Promise.reject(new Error("unused")),
    findPeople: () => Promise.resolve([]),
    membersOf: () => Promise.resolve([]),
  };
  const area = await secretary.repositories.areas.add(anArea({ title: "Børn og Unge" }));
  areaId = area.id;
  candidates = [];
  for (const title of ["Digital post", "Chatbot"]) {
    const i = await secretary.repositories.initiatives.add(
      anInitiative({ title, phase: "Klar til prioritering", area: { id: area.id, title: "" } }),
    );
    await recordPath(secretary.repositories, i, "Klar til prioritering");
    candidates.push({ id: i.id, title: i.title });
  }
}, SLOW);

afterAll(async () => {
  await sp?.close();
});

describe("the attacks, each with the attacker's own token through plain REST", () => {
  test(
    "nothing is irregular before the attacks",
    async () => {
      expect(await auditSite({ ...secretary, clock })).toEqual([]);
    },
    SLOW,
  );

  test(
    "a member rewrites their own ballot with criterion scores of 1,000,000",
    async () => {
      const criterion = await secretary.repositories.criteria.add(aCriterion({ title: "Værdi" }));
      const weightSet = await secretary.repositories.weightSets.add(
        aWeightSet({ state: "Godkendt", weights: [{ criterion: criterion.id, weight: 1 }] }),
      );
      const round = await aRoundOpen("Kriteriescore", {
        method: "Kriteriescore",
        weightSet: { id: weightSet.id, title: weightSet.title },
      });
      const score = (c: number, level: number): BallotEntry => ({
        candidate: candidates[c]!.id,
        criterionScores: { [String(criterion.id)]: level },
      });
      const bobs = await vote(sp.adaptersFor(by("bob")), round, [score(0, 4), score(1, 1)]);
      expect(
        await mergeItem(by("bob"), "Stemmesedler", bobs.id, {
          Payload: JSON.stringify({ entries: [score(0, 1), score(1, 1_000_000)] }),
        }),
      ).toBe(204);
      expected.push({
        list: "Ballots",
        item: bobs.id,
        rule: "ballot.scoreOutOfRange",
        by: by("bob"),
      });
    },
    SLOW,
  );

  test(
    "a member writes 105 pairwise comparisons in one $batch under seven voter ids",
    async () => {
      const criteria: Criterion[] = [];
      for (let i = 0; i < 6; i++) {
        criteria.push(
          await secretary.repositories.criteria.add(
            aCriterion({ title: `Kriterium ${i + 1}`, sortOrder: i + 1 }),
          ),
        );
      }
      const set = await secretary.repositories.weightSets.add(
        aWeightSet({ title: "Vægte 2027", state: "Til sammenligning", weights: [] }),
      );
      const pairs = criteria.flatMap((a, i) => criteria.slice(i + 1).map((b) => [a, b] as const));
      const voters = [people.alice.id, people.carl.id, 9001, 9002, 9003, 9004, 9005];
      const bodies = voters.flatMap((voter) =>
        pairs.map(([a, b]) => ({
          Title: `${a.title} / ${b.title}`,
          WeightSetId: set.id,
          CriterionAId: a.id,
          CriterionBId: b.id,
          Value: b.title === "Kriterium 6" ? -9 : 1,
          ComparisonKey: `${set.id}:${a.id}:${b.id}:${voter}`,
        })),
      );
      const batch = "batch_a1";
      const changeset = "changeset_b2";
      const parts = bodies.map(
        (b) =>
          `--${changeset}\nContent-Type: application/http\nContent-Transfer-Encoding: binary\n\n` +
          `POST ${sp.siteUrl}/_api/${list("Parvise sammenligninger")}/items HTTP/1.1\n` +
          `accept: application/json\ncontent-type: application/json;charset=utf-8\n\n` +
          `${JSON.stringify(b)}\n`,
      );
      const res = await rest(by("bob"), "$batch", {
        method: "POST",
        headers: { "Content-Type": `multipart/mixed; boundary=${batch}` },
        body:
          `--${batch}\nContent-Type: multipart/mixed; boundary="${changeset}"\n\n` +
          `${parts.join("\n")}\n--${changeset}--\n\n--${batch}--\n`,
      });
      expect(res.status).toBe(200);
      const ids = [...(await res.text()).matchAll(/"Id":\s*(\d+)/g)].map((m) => Number(m[1]));
      expect(ids).toHaveLength(105);
      for (const id of ids) {
        expected.push({
          list: "Comparisons",
          item: id,
          rule: "comparison.keyMismatch",
          by: by("bob"),
        });
      }
    },
    SLOW,
  );

  test(
    "a member writes a ballot with another member's key before the round opens, and a forged «Ikke afgivet»; still irregular after close",
    async () => {
      const round = await aRoundOpen("Forår", {
        opens: new Date(Date.now() + 3_600_000).toISOString(),
        closes: new Date(Date.now() + 7_200_000).toISOString(),
      });
      const early = await addItem(
        by("bob"),
        "Stemmesedler",
        ballotBody(round, people.carl, { entries: [] }),
      );
      const notCast = await addItem(
        by("bob"),
        "Stemmesedler",
        ballotBody(round, people.alice, { entries: [], notCast: true }),
      );
      const closed = await secretary.repositories.rounds.get(round.id);
      await closeRound(ports(chair), closed);
      for (const item of [early, notCast]) {
        expected.push({ list: "Ballots", item, rule: "ballot.voterMismatch", by: by("bob") });
      }
    },
    SLOW,
  );

  test(
    "an owner edits Phase, Priority, PriorityScore and Mandatory on their own initiative; a proposer creates one straight into Gennemførelse",
    async () => {
      const own = sp.adaptersFor(by("thomas"));
      const submitted = await submitProposal(
        own.repositories,
        anIntake({
          title: "Egen genvej",
          owner: people.thomas,
          area: { id: areaId as never, title: "" },
        }),
        { budgetYears: [2026, 2027, 2028, 2029], self: null, portfolio: [] },
        null,
      );
      if (!submitted.ok) throw new Error(JSON.stringify(submitted.error));
      const id = submitted.value.initiative.id;
      expect(
        await mergeItem(by("thomas"), "Tiltag", id, {
          Phase: "Gennemførelse",
          Priority: 1,
          PriorityScore: 99.5,
          Mandatory: true,
        }),
      ).toBe(204);
      for (const rule of ["phaseNotRecorded", "priorityNotRecorded", "mandatoryNotRecorded"]) {
        expected.push({
          list: "Initiatives",
          item: id,
          rule: `initiative.${rule}`,
          by: by("thomas"),
        });
      }
      const straight = await addItem(by("thomas"), "Tiltag", {
        Title: "Direkte i gennemførelse",
        Source: "Fagområdets behov",
        AreaId: areaId,
        OwnerId: people.thomas.id,
        Phase: "Gennemførelse",
      });
      expected.push({
        list: "Initiatives",
        item: straight,
        rule: "initiative.phaseNotRecorded",
        by: by("thomas"),
      });
    },
    SLOW,
  );

  test(
    "a proposer adds budget lines, a red status report and a benefit measurement to another's initiative",
    async () => {
      const victims = await secretary.repositories.initiatives.add(
        anInitiative({
          title: "Digital pladsanvisning",
          phase: "Gennemførelse",
          owner: people.sara,
          projectLead: people.sara,
          area: { id: areaId as never, title: "" },
        }),
      );
      await recordPath(secretary.repositories, victims, "Gennemførelse");
      await secretary.repositories.budgetLines.add(
        aBudgetLine({ initiative: { id: victims.id, title: "" }, kind: "Anlæg", amount: 400_000 }),
      );
      const negative = await addItem(by("thomas"), "Budgetlinjer", {
        Title: "Anlæg 2026",
        InitiativeId: victims.id,
        Year: 2026,
        Kind: "Anlæg",
        Amount: -5_000_000,
      });
      const positive = await addItem(by("thomas"), "Budgetlinjer", {
        Title: "Anlæg 2027",
        InitiativeId: victims.id,
        Year: 2027,
        Kind: "Anlæg",
        Amount: 5_000_000,
      });
      const now = new Date();
      const period = `${now.getUTCFullYear()}-Q${Math.floor(now.getUTCMonth() / 3) + 1}`;
      const report = await addItem(by("thomas"), "Statusrapporter", {
        Title: "Status",
        InitiativeId: victims.id,
        Period: period,
        ReportKey: `${victims.id}:${period}`,
        Overall: "Rød",
        OverallText: "Projektet er gået i stå.",
        State: "Publiceret",
        PublishedAt: now.toISOString(),
      });
      const benefit = await secretary.repositories.benefits.add(
        aBenefit({
          initiative: { id: victims.id, title: "" },
          owner: people.sara,
          state: "Godkendt",
        }),
      );
      const measurement = await addItem(by("thomas"), "Gevinstmålinger", {
        Title: "Måling",
        BenefitId: benefit.id,
        MeasuredAt: new Date(now.getTime() - 86_400_000).toISOString(),
        Value: 1_000_000,
        Milestone: "Løbende",
      });
      expected.push(
        { list: "BudgetLines", item: negative, rule: "budgetLine.invalid", by: by("thomas") },
        { list: "BudgetLines", item: positive, rule: "budgetLine.notPermitted", by: by("thomas") },
        {
          list: "StatusReports",
          item: report,
          rule: "statusReport.notPermitted",
          by: by("thomas"),
        },
        {
          list: "BenefitMeasurements",
          item: measurement,
          rule: "benefitMeasurement.notPermitted",
          by: by("thomas"),
        },
      );
    },
    SLOW,
  );

  test(
    "the secretary forges the chair's approval of minutes (State and MinutesApprovedBy); an approval item of their own is refused",
    async () => {
      const meeting = await secretary.repositories.meetings.add(
        aMeeting({
          title: "Forfalsket godkendelse",
          start: new Date(Date.now() - 7_200_000).toISOString(),
          end: new Date(Date.now() - 3_600_000).toISOString(),
          state: "Afholdt",
        }),
      );
      expect(
        await mergeItem(by("secretary"), "Møder", meeting.id, {
          State: "Referat godkendt",
          MinutesApprovedAt: new Date().toISOString(),
          MinutesApprovedById: people.chair.id,
        }),
      ).toBe(204);
      expected.push({
        list: "Meetings",
        item: meeting.id,
        rule: "minutes.irregular.approvedWithoutApproval",
        by: by("secretary"),
      });
      const approval = await rest(by("secretary"), `${list("Referatgodkendelser")}/items`, {
        method: "POST",
        body: JSON.stringify({
          Title: "Godkendelse",
          MeetingId: meeting.id,
          ContentHash: `sha256:${"0".repeat(64)}`,
          ApprovedAt: new Date().toISOString(),
        }),
      });
      expect(approval.status).toBe(403);
    },
    SLOW,
  );

  test(
    "refused by SharePoint: the secretary deletes a ballot or switches Stemmesedler to read-all; the chair grants a member Full Control",
    async () => {
      const round = await aRoundOpen("Sletning");
      const alices = await vote(sp.adaptersFor(by("alice")), round, [
        { candidate: candidates[0]!.id, rank: 1 },
        { candidate: candidates[1]!.id, rank: 2 },
      ]);
      const deleted = await rest(by("secretary"), `${list("Stemmesedler")}/items(${alices.id})`, {
        method: "POST",
        headers: { "X-HTTP-Method": "DELETE", "IF-MATCH": "*" },
      });
      expect(deleted.status).toBe(403);
      const readAll = await rest(by("secretary"), list("Stemmesedler"), {
        method: "POST",
        headers: { "X-HTTP-Method": "MERGE", "IF-MATCH": "*" },
        body: JSON.stringify({ ReadSecurity: 1 }),
      });
      expect(readAll.status).toBe(403);
      const grant = await rest(
        by("chair"),
        `${list("Stemmesedler")}/roleassignments/addroleassignment(principalid=${people.bob.id},roledefid=1073741829)`,
        { method: "POST" },
      );
      expect(grant.status).toBe(403);
      // Alice's ballot stands and counts: nothing to report.
      expect((await chair.repositories.ballots.get(alices.id)).id).toBe(alices.id);
    },
    SLOW,
  );
});

describe("npm run audit", () => {
  test(
    "prints every attack SharePoint took, naming list, item, rule and who wrote it, then the count; exit 0",
    async () => {
      const out = await audit(["--site", sp.siteUrl, "--token", `dev:${sp.users.secretary}`]);
      expect(out.stderr).toBe("");
      expect(out.code).toBe(0);
      const lines = out.stdout
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l) as Json);
      const findings = lines.slice(0, -1) as Line[];
      for (const f of findings) expect(Object.keys(f)).toEqual(["list", "item", "rule", "by"]);
      const norm = (l: Line) => `${l.list} ${l.item} ${l.rule} ${l.by?.toLowerCase() ?? null}`;
      expect(findings.map(norm).sort()).toEqual(expected.map(norm).sort());
      expect(lines.at(-1)).toEqual({ findings: expected.length });
      // The page's use case has the same findings, dated and placed.
      const page = await auditSite({ ...secretary, clock });
      expect(page.map((f) => norm({ ...f, by: f.by?.email ?? null })).sort()).toEqual(
        expected.map(norm).sort(),
      );
      expect(page.every((f) => f.at !== null)).toBe(true);
    },
    SLOW,
  );

  test(
    "the chair's token gives the same findings",
    async () => {
      const out = await audit(["--site", sp.siteUrl, "--token", `dev:${sp.users.chair}`]);
      expect(out.code).toBe(0);
      expect(JSON.parse(out.stdout.trim().split("\n").at(-1)!)).toEqual({
        findings: expected.length,
      });
    },
    SLOW,
  );

  test(
    "exit 2 for a token SharePoint refuses (401) or one without access to the site (403)",
    async () => {
      const unknown = await audit(["--site", sp.siteUrl, "--token", "dev:nobody@example.com"]);
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toMatch(/401/);
      const noScope = await audit([
        "--site",
        sp.siteUrl,
        "--token",
        scopedToken(sp.users.secretary, ["User.Read"]).replace(/^Bearer /, ""),
      ]);
      expect(noScope.code).toBe(2);
      expect(noScope.stderr).toMatch(/403/);
      expect(noScope.stdout).toBe("");
    },
    SLOW,
  );
});

test(
  "exit 2 for a site that does not answer",
  async () => {
    const m365 = await startLocalM365();
    const siteUrl = m365.sharepoint;
    await m365.close();
    const out = await audit([
      "--site",
      siteUrl,
      "--token",
      "dev:niels.fogh@demokommune.onmicrosoft.com",
    ]);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/svarer ikke/);
    expect(out.stdout).toBe("");
  },
  SLOW,
);
