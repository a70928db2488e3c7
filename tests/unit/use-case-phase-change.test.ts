import type { Me } from "../../src/domain/roles.js";
import { changePhase } from "../../src/use-cases/phase-change.js";
import { memoryRepositories } from "../support/memory-repositories.js";
import { anInitiative, aPerson } from "./../support/builders.js";

const secretary: Me = { person: aPerson({ name: "Mads Kjær" }), roles: ["secretary"] };
const member: Me = { person: aPerson({ name: "Jonas Lind" }), roles: ["member"] };
const clock = { now: () => new Date("2026-03-02T09:00:00Z") };

function setup(me: Me) {
  const { memory, repositories } = memoryRepositories(() => me.person);
  const ports = { repositories, currentUser: { me: () => Promise.resolve(me) }, clock };
  return { memory, ports };
}

describe("changePhase", () => {
  it("writes the new phase and records who, when, from, to and why", async () => {
    const { memory, ports } = setup(secretary);
    const [initiative] = memory.initiatives.seed(anInitiative({ phase: "Idé", need: "Et behov" }));
    const result = await changePhase(ports, {
      initiative: initiative!,
      to: "Behovsanalyse",
      reason: "",
    });
    expect(result.ok).toBe(true);
    expect(memory.initiatives.all()[0]!.phase).toBe("Behovsanalyse");
    expect(memory.phaseChanges.all()).toEqual([
      expect.objectContaining({
        fromPhase: "Idé",
        toPhase: "Behovsanalyse",
        changedAt: "2026-03-02T09:00:00.000Z",
        initiative: { id: initiative!.id, title: initiative!.title },
        createdBy: secretary.person,
      }),
    ]);
  });

  it("refuses at a gate with everything missing, and writes nothing", async () => {
    const { memory, ports } = setup(secretary);
    const [initiative] = memory.initiatives.seed(anInitiative({ phase: "Idé", need: "" }));
    const result = await changePhase(ports, {
      initiative: initiative!,
      to: "Behovsanalyse",
      reason: "",
    });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatchObject({
      kind: "gate",
      missing: [{ field: "need", code: "validation.gate.need" }],
    });
    expect(memory.initiatives.all()[0]!.phase).toBe("Idé");
    expect(memory.phaseChanges.all()).toEqual([]);
  });

  it("refuses a member who is not the owner", async () => {
    const { memory, ports } = setup(member);
    const [initiative] = memory.initiatives.seed(anInitiative({ phase: "Idé", need: "x" }));
    const result = await changePhase(ports, {
      initiative: initiative!,
      to: "Behovsanalyse",
      reason: "",
    });
    expect(!result.ok && result.error.kind).toBe("notPermitted");
  });

  it("a stale version is a Conflict and nothing is recorded", async () => {
    const { memory, ports } = setup(secretary);
    const [initiative] = memory.initiatives.seed(anInitiative({ phase: "Idé", need: "x" }));
    memory.initiatives.touch(initiative!.id, { title: "Ændret af en anden" });
    await expect(
      changePhase(ports, { initiative: initiative!, to: "Behovsanalyse", reason: "" }),
    ).rejects.toMatchObject({ kind: "Conflict" });
    expect(memory.phaseChanges.all()).toEqual([]);
  });

  it("puts the phase back when the change cannot be recorded", async () => {
    const { memory, ports } = setup(secretary);
    const [initiative] = memory.initiatives.seed(anInitiative({ phase: "Idé", need: "x" }));
    const { StoreError } = await import("../../src/domain/errors.js");
    memory.phaseChanges.failNext("add", new StoreError("Unavailable", "down"));
    await expect(
      changePhase(ports, { initiative: initiative!, to: "Behovsanalyse", reason: "" }),
    ).rejects.toMatchObject({ kind: "Unavailable" });
    expect(memory.initiatives.all()[0]!.phase).toBe("Idé");
  });
});
