/**
 * The committee's gates through the ports (in-memory repositories): what the app writes goes
 * through a recorded change (phase, priority, mandatory flag), and what a person writes around
 * the app — straight to the lists with their own token — is not counted and is listed as
 * irregular, naming who wrote it (`loadPortfolioIrregularities`, the initiative page).
 */
import type { Person } from "../../src/domain/common.js";
import { isStoreError, StoreError } from "../../src/domain/errors.js";
import { idOf, type PersonId } from "../../src/domain/ids.js";
import { suggestMapping } from "../../src/domain/import.js";
import type { Me } from "../../src/domain/roles.js";
import { loadImportBasis, prepareImport, runImport } from "../../src/use-cases/import.js";
import { loadInitiativePage, saveInitiative } from "../../src/use-cases/initiative.js";
import { submitProposal } from "../../src/use-cases/intake.js";
import {
  changeGate,
  changePhase,
  loadCheckedTransition,
} from "../../src/use-cases/phase-change.js";
import { loadPortfolioIrregularities, loadRoster } from "../../src/use-cases/portfolio-audit.js";
import {
  aBenefit,
  aBenefitMeasurement,
  aBudgetLine,
  anArea,
  anInitiative,
  aPerson,
  aRef,
} from "../support/builders.js";
import { anIntake } from "../support/builders-intake.js";
import {
  aClock,
  aRecordedPath,
  chair,
  lead,
  me,
  member,
  owner,
  secretary,
} from "../support/builders-lifecycle.js";
import { memoryRepositories } from "../support/memory-repositories.js";
import { fakeSitePeople, sitePeopleOf } from "../support/site-people.js";

const clock = aClock("2026-03-02T09:00:00Z");
const stranger = aPerson({ id: idOf<PersonId>(21), name: "Ulla Fremmed", email: "ulla@x.dk" });

const asSecretary = me(secretary, "secretary");
const asChair = me(chair, "chair", "member");
const asOwner = me(owner, "contributor");
const asStranger = me(stranger, "contributor");
const people = sitePeopleOf(asSecretary, asChair, asOwner, asStranger, me(member, "member"));

/** Repositories where every write is recorded as whoever `as` is set to at the time. */
function setup(first: Me = asSecretary) {
  let current = first;
  const { memory, repositories } = memoryRepositories(() => current.person);
  const portsOf = (who: Me) => ({
    repositories,
    people,
    currentUser: { me: () => Promise.resolve(who) },
    clock,
  });
  return {
    memory,
    repositories,
    as: (who: Me) => {
      current = who;
      return portsOf(who);
    },
  };
}

const byAndRule = (list: readonly { rule: string; by: Person | null }[]) =>
  list.map((i) => [i.rule, i.by?.name ?? null]);

describe("the app's own writes go through a recorded change", () => {
  it("a phase change, a priority and the mandatory flag by the secretary leave the portfolio regular", async () => {
    const { memory, as } = setup();
    const ports = as(asSecretary);
    const [stored] = memory.initiatives.seed(
      anInitiative({ phase: "Idé", need: "Et behov", owner }),
    );
    const moved = await changePhase(ports, {
      initiative: stored!,
      to: "Behovsanalyse",
      reason: "",
    });
    if (!moved.ok) throw new Error("expected the move");
    const prioritized = await changeGate(ports, {
      initiative: moved.value.initiative,
      change: { priority: 2, priorityScore: 3.1 },
    });
    if (!prioritized.ok) throw new Error("expected the priority");
    const mandatory = await changeGate(ports, {
      initiative: prioritized.value.initiative,
      change: { mandatory: true },
    });
    expect(mandatory.ok).toBe(true);
    expect(memory.initiatives.all()[0]).toMatchObject({
      phase: "Behovsanalyse",
      priority: 2,
      priorityScore: 3.1,
      mandatory: true,
    });
    expect(memory.phaseChanges.all().map((c) => c.gate ?? "Fase")).toEqual([
      "Fase",
      "Prioritet",
      "Lovpligtig",
    ]);
    expect(await loadPortfolioIrregularities(ports)).toEqual([]);
  });

  it("the owner may not set the priority or the mandatory flag: refused, nothing written", async () => {
    const { memory, as } = setup(asOwner);
    const [stored] = memory.initiatives.seed(anInitiative({ owner }));
    const ports = as(asOwner);
    expect(
      await changeGate(ports, { initiative: stored!, change: { priority: 1, priorityScore: 9 } }),
    ).toEqual({ ok: false, error: { kind: "notPermitted" } });
    expect(memory.initiatives.all()[0]!.priority).toBeNull();
    expect(memory.phaseChanges.all()).toEqual([]);
  });

  it("saving the edit form never changes phase or priority; the mandatory flag is the chair's, with its record", async () => {
    const { memory, as } = setup(asOwner);
    const [stored] = memory.initiatives.seed(anInitiative({ owner, phase: "Idé" }));
    const base = stored!;
    const ownerSave = await saveInitiative(as(asOwner), {
      fields: ["title", "mandatory"],
      base,
      mine: { ...base, title: "Ny titel", mandatory: true, phase: "Gennemførelse", priority: 1 },
    });
    expect(ownerSave).toEqual({ ok: false, error: { kind: "notPermitted", field: "mandatory" } });

    const titleOnly = await saveInitiative(as(asOwner), {
      fields: ["title"],
      base,
      mine: { ...base, title: "Ny titel", phase: "Gennemførelse", priority: 1 },
    });
    if (!titleOnly.ok) throw new Error("expected the save");
    expect(memory.initiatives.all()[0]).toMatchObject({
      title: "Ny titel",
      phase: "Idé",
      priority: null,
    });

    const chairSave = await saveInitiative(as(asChair), {
      fields: ["mandatory"],
      base: titleOnly.value,
      mine: { ...titleOnly.value, mandatory: true, legalDeadline: "2027-01-01T00:00:00Z" },
    });
    expect(chairSave.ok).toBe(true);
    expect(memory.initiatives.all()[0]!.mandatory).toBe(true);
    expect(memory.phaseChanges.all()).toEqual([
      expect.objectContaining({ gate: "Lovpligtig", mandatory: true, createdBy: chair }),
    ]);
    expect(await loadPortfolioIrregularities(as(asSecretary))).toEqual([]);
  });

  it("a proposal is handed in as an idea, not mandatory: its legal deadline keeps the claim", async () => {
    const { memory, repositories } = setup(asOwner);
    const submitted = await submitProposal(
      repositories,
      anIntake({ mandatory: true, legalDeadline: "2027-01-01T00:00:00Z" }),
      { budgetYears: [2026, 2027, 2028, 2029], self: null, portfolio: [] },
      null,
    );
    expect(submitted.ok).toBe(true);
    expect(memory.initiatives.all()[0]).toMatchObject({
      phase: "Idé",
      mandatory: false,
      legalDeadline: "2027-01-01T00:00:00Z",
      priority: null,
    });
  });

  it("an import by the secretary records each mandatory flag it sets", async () => {
    const { memory, repositories, as } = setup();
    const ports = as(asSecretary);
    memory.areas.seed({ ...anArea({ title: "Borger, Kultur og Velfærd", abbreviation: "BKV" }) });
    const t = {
      headers: ["ID", "Titel", "Område", "Lovpligtig", "Frist"],
      rows: [
        ["KL-1", "Lovkrav", "BKV", "ja", "01-07-2027"],
        ["KL-2", "Frivilligt", "BKV", "nej", ""],
      ],
    };
    const preview = await prepareImport(
      { repositories, people: fakeSitePeople({}) },
      await loadImportBasis(repositories),
      t,
      suggestMapping(t.headers),
      { onExisting: "update", defaultSource: "KL/KOMBIT", defaultArea: null },
    );
    const summary = await runImport(repositories, preview.rows, { clock });
    expect(summary.created).toBe(2);
    expect(memory.phaseChanges.all()).toEqual([
      expect.objectContaining({
        gate: "Lovpligtig",
        mandatory: true,
        initiative: expect.objectContaining({ title: "Lovkrav" }) as unknown,
        createdBy: secretary,
      }),
    ]);
    expect(await loadPortfolioIrregularities(ports)).toEqual([]);
  });

  it("a board move works from the valid phase, not the stored one", async () => {
    const { memory, as } = setup(asOwner);
    // The owner set their own item's phase to Gennemførelse; nothing is recorded.
    const [stored] = memory.initiatives.seed({
      ...anInitiative({ owner, phase: "Gennemførelse", need: "Et behov" }),
    });
    const checked = await loadCheckedTransition(as(asSecretary), stored!.id);
    expect(checked.initiative.phase).toBe("Idé");
    const moved = await changePhase(as(asSecretary), {
      initiative: checked.initiative,
      to: "Behovsanalyse",
      reason: "",
      facts: checked.facts,
    });
    expect(moved.ok).toBe(true);
    expect(memory.initiatives.all()[0]!.phase).toBe("Behovsanalyse");
    expect(await loadPortfolioIrregularities(as(asSecretary))).toEqual([]);
  });
});

describe("writes around the app are not counted and are listed as irregular", () => {
  it("an owner's direct edit of phase, priority and mandatory on their own initiative", async () => {
    const { memory, repositories, as } = setup(asOwner);
    const [stored] = memory.initiatives.seed(anInitiative({ owner, phase: "Idé" }));
    // The owner writes the item as SharePoint lets them (it is theirs), without a record.
    as(asOwner);
    await repositories.initiatives.update({
      ...stored!,
      phase: "Gennemførelse",
      priority: 1,
      priorityScore: 99,
      mandatory: true,
    });
    const irregular = await loadPortfolioIrregularities(as(asSecretary));
    expect(byAndRule(irregular)).toEqual([
      ["initiative.mandatoryNotRecorded", owner.name],
      ["initiative.phaseNotRecorded", owner.name],
      ["initiative.priorityNotRecorded", owner.name],
    ]);
    const page = await loadInitiativePage(as(asSecretary), stored!.id);
    expect(page.initiative).toMatchObject({
      phase: "Idé",
      priority: null,
      priorityScore: null,
      mandatory: false,
    });
    expect(page.gates.stored.phase).toBe("Gennemførelse");
  });

  it("a proposer's budget line on someone else's initiative, and a negative one on their own", async () => {
    const { memory, repositories, as } = setup(asSecretary);
    const [theirs, mine] = memory.initiatives.seed(
      anInitiative({ title: "Andres", owner }),
      anInitiative({ title: "Mit", owner: stranger }),
    );
    memory.budgetLines.seed({
      ...aBudgetLine({ initiative: aRef(theirs!.id), kind: "Anlæg", amount: 400_000 }),
    });
    as(asStranger);
    await repositories.budgetLines.add(
      aBudgetLine({ initiative: aRef(theirs!.id), kind: "Anlæg", amount: 5_000_000 }),
    );
    memory.budgetLines.seed({
      ...aBudgetLine({ initiative: aRef(mine!.id), kind: "Anlæg", amount: -5_000_000 }),
    });
    const page = await loadInitiativePage(as(asSecretary), theirs!.id);
    expect(page.budgetLines.map((l) => l.amount)).toEqual([400_000]);
    expect(byAndRule(await loadPortfolioIrregularities(as(asSecretary)))).toEqual([
      ["budgetLine.notPermitted", stranger.name],
      ["budgetLine.invalid", stranger.name],
    ]);
  });

  it("a benefit measurement by someone who neither owns the benefit nor is the secretary", async () => {
    const { memory, as } = setup(asSecretary);
    const [initiative] = memory.initiatives.seed(anInitiative({ owner }));
    const [benefit] = memory.benefits.seed(
      aBenefit({ initiative: aRef(initiative!.id), owner: lead }),
    );
    as(asStranger);
    memory.benefitMeasurements.seed(
      aBenefitMeasurement({ benefit: aRef(benefit!.id), measuredAt: "2026-02-01T00:00:00Z" }),
    );
    expect(byAndRule(await loadPortfolioIrregularities(as(asSecretary)))).toEqual([
      ["benefitMeasurement.notPermitted", stranger.name],
    ]);
  });

  it("valid records count even when many irregular ones surround them", async () => {
    const { memory, as } = setup(asSecretary);
    const [stored] = memory.initiatives.seed(anInitiative({ owner, phase: "Prioriteret" }));
    memory.phaseChanges.seed(...aRecordedPath(stored!, "Prioriteret"));
    as(asStranger);
    memory.phaseChanges.seed({
      title: "Prioriteret → Planlægning",
      initiative: aRef(stored!.id),
      fromPhase: "Prioriteret",
      toPhase: "Planlægning",
      changedAt: "2026-03-01T00:00:00Z",
      decision: null,
      reason: "",
      created: "2026-03-01T00:00:00Z",
    });
    const page = await loadInitiativePage(as(asSecretary), stored!.id);
    expect(page.initiative.phase).toBe("Prioriteret");
    expect(byAndRule(page.irregular)).toEqual([["phaseChange.notPermitted", stranger.name]]);
  });
});

describe("loadRoster", () => {
  it("roles from the site groups; a group the site lacks has no members; hidden membership rejects", async () => {
    const roster = await loadRoster({
      ensure: () => Promise.reject(new Error("unused")),
      groupMembers: (title) =>
        title === "Formand"
          ? Promise.resolve([chair])
          : title === "Medlemmer"
            ? Promise.resolve([chair, member])
            : Promise.reject(new StoreError("Forbidden", "Medlemskabet er skjult")),
    }).catch((e: unknown) => e);
    // A failure other than NotFound rejects: without the roster no author can be judged.
    expect(isStoreError(roster, "Forbidden")).toBe(true);
    const ok = await loadRoster(fakeSitePeople({ Formand: [chair], Medlemmer: [chair, member] }));
    expect(ok.rolesOf(chair.id)).toEqual(["chair", "member"]);
    expect(ok.rolesOf(owner.id)).toEqual([]);
  });
});
