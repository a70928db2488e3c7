/**
 * PortfolioReports on a provisioned site of the local Microsoft 365: the secretary and the chair
 * write reports (Contribute), members read them (Read) and are refused a write by SharePoint,
 * contributors do not see the list; a snapshot larger than one note column (63,999 characters in
 * SharePoint Online) is saved in parts and read back whole, as the server's Author made it.
 */
import { isStoreError } from "../../src/domain/errors.js";
import type { InitiativeId } from "../../src/domain/ids.js";
import {
  assembleReports,
  buildPortfolioReport,
  type PortfolioReportContent,
  reportDrafts,
} from "../../src/domain/reports.js";
import { loadRoster } from "../../src/use-cases/portfolio-audit.js";
import { type ProvisionedSp, startProvisionedSp } from "../support/sp.js";

let sp: ProvisionedSp;

beforeAll(async () => {
  sp = await startProvisionedSp();
}, 120_000);
afterAll(() => sp.close());

function content(count: number): PortfolioReportContent {
  const r = buildPortfolioReport({
    initiatives: Array.from({ length: count }, (_, k) => ({
      id: (k + 1) as InitiativeId,
      title: `Tiltag nummer ${k + 1} med en lidt længere titel`,
      phase: "Gennemførelse" as const,
      created: "2026-01-10T09:00:00Z",
    })),
    phaseRecords: [],
    statusReports: [],
    budgetLines: [],
    frames: [],
    benefits: [],
    measurements: [],
    decisions: [],
    since: null,
    largerThreshold: 1_000_000,
    now: new Date("2026-12-08T10:00:00Z"),
  });
  if (!r.ok) throw new Error(r.error.code);
  return r.value;
}

const drafts = (c: PortfolioReportContent) =>
  reportDrafts(
    { title: "Porteføljeplan", kind: "Direktørforum", until: c.until, sentTo: "df@demokommune.dk" },
    c,
  );

it.each(["secretary", "chair"] as const)("the %s saves a report", async (role) => {
  const repo = sp.adaptersFor(sp.users[role]).repositories.portfolioReports;
  const [head] = drafts(content(3));
  const saved = await repo.add({ ...head!, reportKey: `${head!.reportKey}:${role}` });
  expect(saved.createdBy?.email.toLowerCase()).toBe(sp.users[role].toLowerCase());
});

it("a member reads the reports but SharePoint refuses the member's write", async () => {
  const member = sp.adaptersFor(sp.users.members[0]!).repositories.portfolioReports;
  expect((await member.list()).length).toBeGreaterThan(0);
  const [head] = drafts(content(1));
  const error = await member.add(head!).then(
    () => null,
    (e: unknown) => e,
  );
  expect(isStoreError(error, "Forbidden")).toBe(true);
});

it("a contributor does not see the reports", async () => {
  const contributor = sp.adaptersFor(sp.users.contributors[0]!).repositories.portfolioReports;
  const result = await contributor.list().then(
    (items) => items.length,
    (e: unknown) => (isStoreError(e, "Forbidden") || isStoreError(e, "NotFound") ? 0 : -1),
  );
  expect(result).toBe(0);
});

it("saves a snapshot over one note column in parts and reads it back whole", async () => {
  const secretary = sp.adaptersFor(sp.users.secretary);
  const big = content(600);
  const parts = drafts(big).map((d) => ({ ...d, reportKey: "DF:big" }));
  expect(parts.length).toBeGreaterThan(1);
  await secretary.repositories.portfolioReports.add(parts[0]!);
  const rest = await secretary.repositories.portfolioReports.addMany(parts.slice(1));
  expect(rest.every((p) => p.ok)).toBe(true);
  const items = await secretary.repositories.portfolioReports.list({
    where: { reportKey: "DF:big" },
  });
  const roster = await loadRoster(secretary.people);
  const { reports } = assembleReports(items, roster);
  expect(reports).toHaveLength(1);
  expect(reports[0]!.content).toEqual(big);
});
