/**
 * Nyt forslag through the real SharePoint adapters against the local Microsoft 365, as the
 * Bidragyder demo user Thomas Berg: a draft saved in PersonalItems is his alone (item-level
 * security), continuing and handing it in writes the initiative in phase Idé with its budget
 * lines and removes the draft; a budget-line write that fails leaves neither initiative nor lines.
 */
import type { SharePointAdapters } from "../../src/adapters/sharepoint/index.js";
import type { IntakeContext } from "../../src/domain/intake.js";
import type { Area } from "../../src/domain/portfolio.js";
import {
  listMyDrafts,
  loadDraft,
  loadIntakeContext,
  saveDraft,
  submitProposal,
} from "../../src/use-cases/intake.js";
import { anArea, aSetting } from "../support/builders.js";
import { anIntake } from "../support/builders-intake.js";
import { type ProvisionedSp, startProvisionedSp } from "../support/sp.js";

const SLOW = 60_000;
const THOMAS = "thomas.berg@demokommune.onmicrosoft.com";

let sp: ProvisionedSp;
let thomas: SharePointAdapters;
let secretary: SharePointAdapters;
let area: Area;
let ctx: Omit<IntakeContext, "mode">;

beforeAll(async () => {
  sp = await startProvisionedSp();
  expect(sp.users.contributors).toContain(THOMAS);
  secretary = sp.adaptersFor(sp.users.secretary);
  thomas = sp.adaptersFor(THOMAS);
  area = await secretary.repositories.areas.add(
    anArea({ title: "Social & Familie", abbreviation: "SF" }),
  );
  await secretary.repositories.settings.add(
    aSetting({ title: "Budgetår", key: "budget.years", value: "2026,2027,2028,2029" }),
  );
  ctx = await loadIntakeContext(thomas.repositories);
}, SLOW);

afterAll(async () => {
  await sp?.close();
});

describe("intake as a Bidragyder", () => {
  it("reads the budget years from Settings", () => {
    expect(ctx).toEqual({ budgetYears: [2026, 2027, 2028, 2029], self: null, portfolio: [] });
  });

  it("saves a draft only its author sees, continues it, and hands it in as an initiative in phase Idé with its budget lines", async () => {
    const owner = await thomas.people.ensure(THOMAS);
    const draft = anIntake({
      title: "Digital visitation på familieområdet",
      area: { id: area.id, title: area.title },
      owner,
      summary: "",
      externalRef: "KOMBIT-77",
    });

    // Saved as a draft (a submission would still miss the summary).
    const saved = await saveDraft(thomas.repositories, draft, ctx, null);
    if (!saved.ok) throw new Error(JSON.stringify(saved.error));
    expect((await listMyDrafts(thomas.repositories)).map((d) => d.title)).toEqual([
      "Digital visitation på familieområdet",
    ]);

    // Nobody else sees it: another contributor, a member, the secretary.
    const others = [
      sp.users.contributors.find((u) => u !== THOMAS)!,
      sp.users.members[0]!,
      sp.users.secretary,
    ];
    for (const upn of others) {
      const repos = sp.adaptersFor(upn).repositories;
      expect(await listMyDrafts(repos)).toEqual([]);
      await expect(loadDraft(repos, saved.value.id)).rejects.toMatchObject({ kind: "NotFound" });
    }

    // Continued: read back as it was saved, then finished and saved again.
    const read = await loadDraft(thomas.repositories, saved.value.id);
    if (!read.ok) throw new Error(read.error.code);
    const continued = read.value;
    expect(continued.draft).toEqual(draft);
    const finished = { ...continued.draft, summary: "Sagsbehandlere visiterer digitalt." };
    const again = await saveDraft(thomas.repositories, finished, ctx, {
      id: continued.item.id,
      version: continued.item.version,
    });
    if (!again.ok) throw new Error(JSON.stringify(again.error));

    // A stale version of the draft (another tab) is refused, not overwritten.
    await expect(
      saveDraft(thomas.repositories, { ...finished, need: "Gammel fane" }, ctx, {
        id: continued.item.id,
        version: continued.item.version,
      }),
    ).rejects.toMatchObject({ kind: "Conflict" });

    const result = await submitProposal(thomas.repositories, finished, ctx, again.value);
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    expect(result.value.draftLeft).toBeNull();

    // As the secretary sees it.
    const initiative = await secretary.repositories.initiatives.get(result.value.initiative.id);
    expect(initiative).toMatchObject({
      title: "Digital visitation på familieområdet",
      phase: "Idé",
      summary: "Sagsbehandlere visiterer digitalt.",
      source: "Fagområdets behov",
      area: { id: area.id, title: "Social & Familie" },
      owner: { id: owner.id, name: "Thomas Berg" },
      externalRef: "KOMBIT-77",
      resourceNeeds: "It-arkitektur: 120 timer",
    });
    expect(initiative.createdBy?.email.toLowerCase()).toBe(THOMAS);
    const lines = await secretary.repositories.budgetLines.list({
      where: { initiative: initiative.id },
    });
    expect(lines.map((l) => [l.year, l.kind, l.amount, l.initiative?.id]).sort()).toEqual(
      [
        [2026, "Anlæg", 400_000, initiative.id],
        [2027, "Drift", 120_000, initiative.id],
        [2027, "Gevinst", 300_000, initiative.id],
      ].sort(),
    );
    // The draft is gone.
    expect(await listMyDrafts(thomas.repositories)).toEqual([]);
  });

  it("a failing budget-line write leaves no initiative and no lines", async () => {
    const before = await secretary.repositories.initiatives.list({ fields: ["title"] });
    // The budget lines go in one $batch; make it fail (a 500 is not retried).
    await sp.queueFault({ status: 500, match: "/$batch", method: "POST", count: 1 });
    const result = await submitProposal(
      thomas.repositories,
      anIntake({
        title: "Robotter i ydelsesservice",
        area: { id: area.id, title: area.title },
        owner: await thomas.people.ensure(THOMAS),
      }),
      ctx,
      null,
    );

    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatchObject({ kind: "budgetLine", cleanedUp: true });
    const after = await secretary.repositories.initiatives.list({ fields: ["title"] });
    expect(after.map((i) => i.title)).toEqual(before.map((i) => i.title));
    expect(
      (await secretary.repositories.budgetLines.list()).filter(
        (l) => l.initiative?.title === "Robotter i ydelsesservice",
      ),
    ).toEqual([]);
  });
});
