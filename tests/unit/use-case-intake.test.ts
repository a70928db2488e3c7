/**
 * Handing in a proposal and its drafts through the ports (in-memory repositories): the
 * initiative in phase Idé with its budget lines; a failing budget line leaves neither the
 * initiative nor any line; drafts saved, continued, refused on a stale version, and removed
 * once the proposal is handed in.
 */
import { StoreError } from "../../src/domain/errors.js";
import { idOf, type PersonalItemId } from "../../src/domain/ids.js";
import { readIntakePayload } from "../../src/domain/intake.js";
import {
  listMyDrafts,
  loadDraft,
  loadIntakeContext,
  removeDraft,
  saveDraft,
  submitProposal,
} from "../../src/use-cases/intake.js";
import { aPerson, aSetting } from "../support/builders.js";
import { anEmptyIntake, anIntake } from "../support/builders-intake.js";
import { memoryRepositories } from "../support/memory-repositories.js";

const thomas = aPerson({ name: "Thomas Berg" });

function setup() {
  const { memory, repositories } = memoryRepositories(() => thomas);
  memory.settings.seed(
    aSetting({ title: "Budgetår", key: "budget.years", value: "2026,2027,2028,2029" }),
    aSetting(),
  );
  return { memory, repositories };
}

describe("the intake context", () => {
  it("reads the configured budget years from Settings and does not read the portfolio", async () => {
    const { memory, repositories } = setup();
    expect(await loadIntakeContext(repositories)).toEqual({
      budgetYears: [2026, 2027, 2028, 2029],
      self: null,
      portfolio: [],
    });
    expect(memory.initiatives.calls).toEqual([]);
  });

  it("has no budget years when the setting is missing", async () => {
    const { repositories } = memoryRepositories(() => thomas);
    expect((await loadIntakeContext(repositories)).budgetYears).toEqual([]);
  });
});

describe("submitProposal", () => {
  it("writes the initiative in phase Idé with its budget lines", async () => {
    const { memory, repositories } = setup();
    const ctx = await loadIntakeContext(repositories);
    const result = await submitProposal(repositories, anIntake(), ctx, null);

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [stored] = memory.initiatives.all();
    expect(stored).toMatchObject({
      id: result.value.initiative.id,
      title: "Digital pladsanvisning i dagtilbud",
      phase: "Idé",
      source: "Fagområdets behov",
      resourceNeeds: "It-arkitektur: 120 timer",
    });
    const ref = { id: stored!.id, title: stored!.title };
    expect(
      memory.budgetLines.all().map(({ initiative, year, kind, amount }) => ({
        initiative,
        year,
        kind,
        amount,
      })),
    ).toEqual([
      { initiative: ref, year: 2026, kind: "Anlæg", amount: 400_000 },
      { initiative: ref, year: 2027, kind: "Drift", amount: 120_000 },
      { initiative: ref, year: 2027, kind: "Gevinst", amount: 300_000 },
    ]);
    expect(result.value.draftLeft).toBeNull();
  });

  it("writes nothing and names the fields when the proposal is not complete", async () => {
    const { memory, repositories } = setup();
    const ctx = await loadIntakeContext(repositories);
    const result = await submitProposal(
      repositories,
      anIntake({ summary: "", mandatory: true }),
      ctx,
      null,
    );
    expect(result).toEqual({
      ok: false,
      error: {
        kind: "invalid",
        problems: [
          {
            field: "summary",
            code: "validation.required",
            params: { label: { code: "fields.initiative.summary" } },
          },
          { field: "legalDeadline", code: "validation.intake.legalDeadlineWhenMandatory" },
        ],
      },
    });
    expect(memory.initiatives.calls).toEqual([]);
    expect(memory.budgetLines.calls).toEqual([]);
  });

  it("a failing budget line leaves no initiative and no budget lines, and reports the error", async () => {
    const { memory, repositories } = setup();
    const ctx = await loadIntakeContext(repositories);
    // The first line is written, the second fails, the third is written.
    const failure = new StoreError("Unavailable", "SharePoint svarer ikke.");
    const add = memory.budgetLines.add.bind(memory.budgetLines);
    let n = 0;
    memory.budgetLines.add = (d) => (++n === 2 ? Promise.reject(failure) : add(d));

    const result = await submitProposal(repositories, anIntake(), ctx, null);

    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toEqual({
      kind: "budgetLine",
      error: failure,
      cleanedUp: true,
      left: { initiative: null, budgetLines: 0 },
    });
    expect(memory.initiatives.all()).toEqual([]);
    expect(memory.budgetLines.all()).toEqual([]);
    // It was written and then removed, lines first.
    expect(memory.initiatives.calls.map(([m]) => m)).toEqual(["add", "remove"]);
    expect(memory.budgetLines.calls.filter(([m]) => m === "remove")).toHaveLength(2);
  });

  it("says what is left when putting back fails too", async () => {
    const { memory, repositories } = setup();
    const ctx = await loadIntakeContext(repositories);
    memory.budgetLines.failNext("add", new StoreError("Throttled", "For mange forespørgsler."));
    memory.initiatives.failNext("remove", new StoreError("Unavailable", "SharePoint svarer ikke."));

    const result = await submitProposal(repositories, anIntake(), ctx, null);

    expect(!result.ok && result.error).toMatchObject({
      kind: "budgetLine",
      error: { kind: "Throttled" },
      cleanedUp: false,
      left: { initiative: { title: "Digital pladsanvisning i dagtilbud" }, budgetLines: 0 },
    });
    expect(memory.budgetLines.all()).toEqual([]);
  });

  it("an error writing the initiative itself rejects, and nothing is written", async () => {
    const { memory, repositories } = setup();
    const ctx = await loadIntakeContext(repositories);
    memory.initiatives.failNext("add", new StoreError("Forbidden", "Ingen adgang."));
    await expect(submitProposal(repositories, anIntake(), ctx, null)).rejects.toMatchObject({
      kind: "Forbidden",
    });
    expect(memory.initiatives.all()).toEqual([]);
    expect(memory.budgetLines.all()).toEqual([]);
  });
});

describe("drafts", () => {
  it("saves a draft with little filled in, lists it as mine and continues it", async () => {
    const { memory, repositories } = setup();
    const ctx = await loadIntakeContext(repositories);
    const draft = anEmptyIntake({ title: "Chatbot på hjemmesiden", owner: thomas });

    const saved = await saveDraft(repositories, draft, ctx, null);

    expect(saved.ok).toBe(true);
    if (!saved.ok) return;
    const [item] = memory.personalItems.all();
    expect(item).toMatchObject({
      id: saved.value.id,
      title: "Chatbot på hjemmesiden",
      kind: "Kladde",
    });
    expect(readIntakePayload(item!.payload)).toEqual(draft);
    expect((await listMyDrafts(repositories)).map((d) => d.title)).toEqual([
      "Chatbot på hjemmesiden",
    ]);

    const read = await loadDraft(repositories, saved.value.id);
    if (!read.ok) throw new Error(read.error.code);
    const loaded = read.value;
    expect(loaded.draft).toEqual(draft);

    // Continuing it updates the same item, with the version it was read at.
    const next = await saveDraft(
      repositories,
      { ...loaded.draft, need: "Mange spørgsmål om åbningstider." },
      ctx,
      { id: loaded.item.id, version: loaded.item.version },
    );
    expect(next.ok && next.value.version).not.toBe(loaded.item.version);
    expect(memory.personalItems.all()).toHaveLength(1);
    expect(readIntakePayload(memory.personalItems.all()[0]!.payload)?.need).toBe(
      "Mange spørgsmål om åbningstider.",
    );
  });

  it("refuses a draft without a title, naming the field, and writes nothing", async () => {
    const { memory, repositories } = setup();
    const ctx = await loadIntakeContext(repositories);
    expect(await saveDraft(repositories, anEmptyIntake(), ctx, null)).toEqual({
      ok: false,
      error: [
        {
          field: "title",
          code: "validation.required",
          params: { label: { code: "fields.initiative.title" } },
        },
      ],
    });
    expect(memory.personalItems.calls).toEqual([]);
  });

  it("a draft saved since in another tab is a Conflict and is not overwritten", async () => {
    const { memory, repositories } = setup();
    const ctx = await loadIntakeContext(repositories);
    const saved = await saveDraft(repositories, anEmptyIntake({ title: "Første" }), ctx, null);
    if (!saved.ok) throw new Error("not saved");
    memory.personalItems.touch(saved.value.id, { title: "Fra den anden fane" });

    await expect(
      saveDraft(repositories, anEmptyIntake({ title: "Denne fane" }), ctx, saved.value),
    ).rejects.toMatchObject({ kind: "Conflict" });
    expect(memory.personalItems.all()[0]!.title).toBe("Fra den anden fane");
  });

  it("only intake drafts are listed and continued, not saved views", async () => {
    const { memory, repositories } = setup();
    const [view] = memory.personalItems.seed({
      title: "Mine tiltag",
      kind: "Visning",
      payload: "{}",
    });
    expect(await listMyDrafts(repositories)).toEqual([]);
    expect(await loadDraft(repositories, view!.id)).toEqual({
      ok: false,
      error: { code: "intake.problem.notADraft", params: { id: view!.id } },
    });
    await expect(loadDraft(repositories, idOf<PersonalItemId>(999))).rejects.toMatchObject({
      kind: "NotFound",
    });
  });

  it("an unreadable payload is refused with a code naming the draft", async () => {
    const { memory, repositories } = setup();
    const [broken] = memory.personalItems.seed({ title: "Gammel", kind: "Kladde", payload: "[1" });
    expect(await loadDraft(repositories, broken!.id)).toEqual({
      ok: false,
      error: { code: "intake.problem.draftUnreadable", params: { title: "Gammel" } },
    });
  });

  it("deletes a draft with its version", async () => {
    const { memory, repositories } = setup();
    const ctx = await loadIntakeContext(repositories);
    const saved = await saveDraft(repositories, anEmptyIntake({ title: "Væk" }), ctx, null);
    if (!saved.ok) throw new Error("not saved");
    await removeDraft(repositories, saved.value);
    expect(memory.personalItems.all()).toEqual([]);
  });

  it("handing in a continued draft removes the draft", async () => {
    const { memory, repositories } = setup();
    const ctx = await loadIntakeContext(repositories);
    const saved = await saveDraft(repositories, anIntake(), ctx, null);
    if (!saved.ok) throw new Error("not saved");

    const result = await submitProposal(repositories, anIntake(), ctx, saved.value);

    expect(result.ok && result.value.draftLeft).toBeNull();
    expect(memory.personalItems.all()).toEqual([]);
    expect(memory.initiatives.all()).toHaveLength(1);
  });

  it("a failed submission keeps the draft", async () => {
    const { memory, repositories } = setup();
    const ctx = await loadIntakeContext(repositories);
    const saved = await saveDraft(repositories, anIntake(), ctx, null);
    if (!saved.ok) throw new Error("not saved");
    memory.budgetLines.failNext("add", new StoreError("Unavailable", "SharePoint svarer ikke."));

    const result = await submitProposal(repositories, anIntake(), ctx, saved.value);

    expect(result.ok).toBe(false);
    expect(memory.personalItems.all()).toHaveLength(1);
    expect(memory.initiatives.all()).toEqual([]);
  });

  it("the proposal stands when its draft was changed in another tab; the draft is left and said so", async () => {
    const { memory, repositories } = setup();
    const ctx = await loadIntakeContext(repositories);
    const saved = await saveDraft(repositories, anIntake(), ctx, null);
    if (!saved.ok) throw new Error("not saved");
    memory.personalItems.touch(saved.value.id, {});

    const result = await submitProposal(repositories, anIntake(), ctx, saved.value);

    expect(result.ok).toBe(true);
    expect(result.ok && result.value.draftLeft).toMatchObject({ kind: "Conflict" });
    expect(memory.initiatives.all()).toHaveLength(1);
    expect(memory.personalItems.all()).toHaveLength(1);
  });
});
