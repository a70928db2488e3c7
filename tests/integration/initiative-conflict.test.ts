/**
 * Two people edit the same initiative through the real SharePoint adapters (two tokens)
 * against the local SharePoint: the second save gets a Conflict answered with both versions,
 * nothing is overwritten; "keep mine" then stores the second user's values with a new version.
 */
import type { SharePointAdapters } from "../../src/adapters/sharepoint/index.js";
import { INITIATIVE_EDIT_FIELDS } from "../../src/domain/conflicts.js";
import { saveInitiative, saveMineOver } from "../../src/use-cases/initiative.js";
import { anArea, anInitiative } from "../support/builders.js";
import { type ProvisionedSp, startProvisionedSp } from "../support/sp.js";

const SLOW = 60_000;
const clock = { now: () => new Date() };

let sp: ProvisionedSp;
let secretary: SharePointAdapters;
let chair: SharePointAdapters;

beforeAll(async () => {
  sp = await startProvisionedSp();
  secretary = sp.adaptersFor(sp.users.secretary);
  chair = sp.adaptersFor(sp.users.chair);
}, SLOW);

afterAll(async () => {
  await sp?.close();
});

describe("two users editing the same initiative", () => {
  it("the second save gets the conflict with both versions, and keep mine stores it over the new version", async () => {
    const area = await secretary.repositories.areas.add(
      anArea({ title: "Børn og Unge", abbreviation: "BU" }),
    );
    const added = await secretary.repositories.initiatives.add(
      anInitiative({
        title: "Digital pladsanvisning",
        summary: "Første resumé",
        area: { id: area.id, title: "" },
      }),
    );
    // Both open the edit form on the same version.
    const readBySecretary = await secretary.repositories.initiatives.get(added.id);
    const readByChair = await chair.repositories.initiatives.get(added.id);
    expect(readByChair.version).toBe(readBySecretary.version);

    const first = await saveInitiative(
      { ...secretary, clock },
      {
        fields: INITIATIVE_EDIT_FIELDS,
        base: readBySecretary,
        mine: { ...readBySecretary, summary: "Sekretærens resumé" },
      },
    );
    expect(first.ok).toBe(true);

    const second = await saveInitiative(
      { ...chair, clock },
      {
        fields: INITIATIVE_EDIT_FIELDS,
        base: readByChair,
        mine: { ...readByChair, title: "Digital pladsanvisning for alle", summary: "Formandens" },
      },
    );
    if (second.ok || second.error.kind !== "conflict") {
      throw new Error(`Expected a conflict, got ${JSON.stringify(second)}`);
    }
    const { conflict } = second.error;
    expect(conflict.differing).toEqual(["title", "summary"]);
    expect(conflict.fields.find((f) => f.field === "summary")).toMatchObject({
      mine: "Formandens",
      stored: "Sekretærens resumé",
      changedByMe: true,
      changedByThem: true,
    });
    expect(conflict.storedBy?.email.toLowerCase()).toBe(sp.users.secretary.toLowerCase());
    // The refused save wrote nothing.
    const between = await secretary.repositories.initiatives.get(added.id);
    expect(between).toMatchObject({
      title: "Digital pladsanvisning",
      summary: "Sekretærens resumé",
    });

    const kept = await saveMineOver(
      { ...chair, clock },
      {
        fields: INITIATIVE_EDIT_FIELDS,
        mine: { ...readByChair, title: "Digital pladsanvisning for alle", summary: "Formandens" },
        stored: conflict.stored,
      },
    );
    expect(kept.ok).toBe(true);
    const after = await secretary.repositories.initiatives.get(added.id);
    expect(after).toMatchObject({
      title: "Digital pladsanvisning for alle",
      summary: "Formandens",
      area: { id: area.id, title: "Børn og Unge" },
    });
    expect(after.version).not.toBe(between.version);
    expect(after.version).not.toBe(readByChair.version);
    expect(after.modifiedBy?.email.toLowerCase()).toBe(sp.users.chair.toLowerCase());
    expect(kept.ok && kept.value.version).toBe(after.version);
  });

  it("keep mine over a version that changed yet again is another conflict, not an overwrite", async () => {
    const area = await secretary.repositories.areas.add(
      anArea({ title: "Teknik og Miljø", abbreviation: "TM" }),
    );
    const added = await secretary.repositories.initiatives.add(
      anInitiative({ title: "Sensorer i kloakken", area: { id: area.id, title: "" } }),
    );
    const readByChair = await chair.repositories.initiatives.get(added.id);
    await secretary.repositories.initiatives.update({ ...added, summary: "Første ændring" });
    const second = await saveInitiative(
      { ...chair, clock },
      {
        fields: INITIATIVE_EDIT_FIELDS,
        base: readByChair,
        mine: { ...readByChair, summary: "Formandens" },
      },
    );
    if (second.ok || second.error.kind !== "conflict") throw new Error("Expected a conflict");
    const latest = await secretary.repositories.initiatives.get(added.id);
    await secretary.repositories.initiatives.update({ ...latest, summary: "Anden ændring" });
    const kept = await saveMineOver(
      { ...chair, clock },
      {
        fields: INITIATIVE_EDIT_FIELDS,
        mine: { ...readByChair, summary: "Formandens" },
        stored: second.error.conflict.stored,
      },
    );
    expect(!kept.ok && kept.error.kind).toBe("conflict");
    expect((await secretary.repositories.initiatives.get(added.id)).summary).toBe("Anden ændring");
  });
});
