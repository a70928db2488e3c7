/**
 * Saving Indstillinger with in-memory repositories: a changed value is written at the version
 * read and read back; a value someone else changed meanwhile is refused naming them (Editor),
 * while the other changes are written; a value breaking its rule writes nothing; only owners
 * and the secretariat may save.
 */
import type { Person } from "../../src/domain/common.js";
import { idOf, type PersonId } from "../../src/domain/ids.js";
import { SETTING_KEYS } from "../../src/domain/strategy.js";
import { loadSettings, saveSettings } from "../../src/use-cases/settings.js";
import { aPerson } from "../support/builders.js";
import { memoryRepositories } from "../support/memory-repositories.js";

const mads = aPerson({ id: idOf<PersonId>(3), name: "Mads Kjær" });
const niels = aPerson({ id: idOf<PersonId>(1), name: "Niels Fogh" });

async function aSite() {
  let author: Person = mads;
  const { repositories } = memoryRepositories(() => author);
  await repositories.settings.addMany(
    (
      [
        ["chefforumTeamId", "team-2"],
        ["chefforumChannelId", "19:referater@thread.tacv2"],
        ["committeeTeamId", "team-1"],
        ["committeeChannelId", "19:generelt@thread.tacv2"],
        ["minMeetingsPerYear", "4"],
        ["budgetYears", "2026,2027"],
      ] as const
    ).map(([name, value]) => ({ title: name, key: SETTING_KEYS[name], value, description: "" })),
  );
  return { repositories, as: (p: Person) => (author = p) };
}

describe("saving settings", () => {
  it("writes the changed value and reads it back", async () => {
    const { repositories } = await aSite();
    const read = await loadSettings(repositories);
    const result = await saveSettings(repositories, { roles: ["secretary"] }, read, {
      chefforumChannelId: "19:generelt@thread.tacv2",
      minMeetingsPerYear: "4",
    });
    expect(result).toEqual({ ok: true, written: ["chefforumChannelId"] });
    expect((await loadSettings(repositories)).values.chefforumChannelId).toBe(
      "19:generelt@thread.tacv2",
    );
  });

  it("adds a setting not stored before", async () => {
    const { repositories } = await aSite();
    const read = await loadSettings(repositories);
    await saveSettings(repositories, { roles: ["owner"] }, read, {
      largerProjectThreshold: "2.000.000",
    });
    expect((await loadSettings(repositories)).values.largerProjectThreshold).toBe("2000000");
  });

  it("refuses a value changed meanwhile, naming who changed it, and writes the rest", async () => {
    const site = await aSite();
    const read = await loadSettings(site.repositories);
    site.as(niels);
    await saveSettings(site.repositories, { roles: ["owner"] }, read, { minMeetingsPerYear: "6" });
    site.as(mads);
    const result = await saveSettings(site.repositories, { roles: ["secretary"] }, read, {
      minMeetingsPerYear: "5",
      budgetYears: "2026,2027,2028",
    });
    expect(result).toEqual({
      ok: false,
      problems: [
        {
          code: "settings.problem.conflict",
          params: { by: "Niels Fogh" },
          field: "minMeetingsPerYear",
        },
      ],
      written: ["budgetYears"],
    });
    const now = await loadSettings(site.repositories);
    expect([now.values.minMeetingsPerYear, now.values.budgetYears]).toEqual([
      "6",
      "2026,2027,2028",
    ]);
  });

  it("writes nothing when a value breaks its rule", async () => {
    const { repositories } = await aSite();
    const read = await loadSettings(repositories);
    const result = await saveSettings(repositories, { roles: ["secretary"] }, read, {
      chefforumChannelId: "19:generelt@thread.tacv2",
      direktoerforumAddress: "ikke en adresse",
    });
    expect(result).toEqual(
      expect.objectContaining({
        ok: false,
        written: [],
        problems: [expect.objectContaining({ code: "settings.problem.badAddress" })],
      }),
    );
    expect((await loadSettings(repositories)).values.chefforumChannelId).toBe(
      "19:referater@thread.tacv2",
    );
  });

  it.each([["chair"], ["member"], ["contributor"]] as const)(
    "refuses the %s without writing",
    async (role) => {
      const { repositories } = await aSite();
      const read = await loadSettings(repositories);
      const result = await saveSettings(repositories, { roles: [role] }, read, {
        minMeetingsPerYear: "6",
      });
      expect(result).toEqual({
        ok: false,
        problems: [{ code: "settings.problem.notAllowed" }],
        written: [],
      });
    },
  );
});
