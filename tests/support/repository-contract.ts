/**
 * The behaviours of the generic `Repository` port (src/ports/repository.ts) as one shared suite,
 * run against every implementation (tests/integration/repository-contract.test.ts): the
 * in-memory fake the UI tests use and the SharePoint repository on the local Microsoft 365. A
 * fake that passes it cannot let a UI test pass on behaviour production does not have.
 *
 * The suite works on initiatives, the richest list (indexed and non-indexed columns, lookups,
 * a multi-valued lookup, Yes/No, texts searched). Every test keeps to its own initiatives by a
 * `where` on an external reference of its own, so the tests share one store.
 */
import { expect, it } from "@jest/globals";

import type { Ref } from "../../src/domain/common.js";
import { StoreError, type StoreErrorKind } from "../../src/domain/errors.js";
import type { AreaId, InitiativeId, Version } from "../../src/domain/ids.js";
import type { Initiative, InitiativeDraft } from "../../src/domain/portfolio.js";
import type { ListQuery, Repository } from "../../src/ports/repository.js";
import { anInitiative } from "./builders.js";

export type InitiativeStore = Repository<Initiative, InitiativeId, InitiativeDraft>;

export interface ContractSubject {
  repo: InitiativeStore;
  /** Three areas, created in this order: Ærø, Bornholm, Als (so their ids and titles sort apart). */
  areas: readonly Ref<AreaId>[];
  /**
   * How many requests the store was sent while `fn` ran; only for stores behind a network
   * (the in-memory one sends nothing by nature).
   */
  requestsDuring?: (fn: () => Promise<unknown>) => Promise<number>;
}

/** The titles of `repositoryContract`'s areas, in the order they are created. */
export const CONTRACT_AREAS = ["Ærø", "Bornholm", "Als"] as const;

let scopes = 0;

/** A fresh external reference: the initiatives of one test. */
function newScope(): string {
  scopes += 1;
  return `KONTRAKT-${scopes}-${Math.random().toString(36).slice(2, 8)}`;
}

async function refusal(promise: Promise<unknown>): Promise<StoreError> {
  const outcome = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (outcome instanceof StoreError) return outcome;
  if (outcome === undefined) throw new Error("expected a StoreError, but it succeeded");
  throw outcome instanceof Error ? outcome : new Error("expected a StoreError");
}

async function refusedWith(promise: Promise<unknown>, kind: StoreErrorKind): Promise<void> {
  expect((await refusal(promise)).kind).toBe(kind);
}

/** Defines the contract's tests; `subject` is called in each test (after the caller's setup). */
export function repositoryContract(subject: () => ContractSubject): void {
  const draftIn = (scope: string, o: Partial<InitiativeDraft> = {}): InitiativeDraft =>
    anInitiative({ externalRef: scope, area: subject().areas[0] ?? null, ...o });

  const listIn = (
    scope: string,
    query: Omit<ListQuery<InitiativeDraft, Initiative>, "where"> & {
      where?: ListQuery<InitiativeDraft, Initiative>["where"];
    } = {},
  ) => subject().repo.list({ ...query, where: { ...query.where, externalRef: scope } });

  const titles = (xs: readonly { title: string }[]) => xs.map((x) => x.title);

  /** Runs `fn` and, for a networked store, expects it to have sent nothing. */
  async function sendsNothing(fn: () => Promise<unknown>): Promise<void> {
    const count = subject().requestsDuring;
    if (count) expect(await count(fn)).toBe(0);
    else await fn();
  }

  it("adds an entity and answers it as stored: the draft's fields, an id, a version and who created it when", async () => {
    const { repo, areas } = subject();
    const scope = newScope();
    const draft = draftIn(scope, { title: "Digital booking", area: areas[1] ?? null, priority: 3 });
    const added = await repo.add(draft);
    expect(added).toMatchObject(draft);
    expect(typeof added.id).toBe("number");
    expect(typeof added.version).toBe("string");
    expect(added.version).not.toBe("");
    expect(added.created).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(added.createdBy).not.toBeNull();
    expect(await repo.get(added.id)).toEqual(added);
  });

  it("answers NotFound for an id that does not exist", async () => {
    await refusedWith(subject().repo.get(987_654 as InitiativeId), "NotFound");
  });

  it("writes every field of an update made on the current version, and answers a new version", async () => {
    const { repo, areas } = subject();
    const added = await repo.add(draftIn(newScope()));
    const version = await repo.update({
      ...added,
      title: "Nyt navn",
      area: areas[2] ?? null,
      phase: "Prioriteret",
      priority: 5,
    });
    expect(version).not.toBe(added.version);
    const read = await repo.get(added.id);
    expect(read).toMatchObject({
      title: "Nyt navn",
      area: areas[2],
      phase: "Prioriteret",
      priority: 5,
      version,
    });
    // The new version is the one to write on next.
    await repo.update({ ...read, title: "Navn igen" });
    expect((await repo.get(added.id)).title).toBe("Navn igen");
  });

  it("refuses an update on a stale version with Conflict and keeps what is stored", async () => {
    const { repo } = subject();
    const added = await repo.add(draftIn(newScope(), { title: "Først" }));
    await repo.update({ ...added, title: "Anden" });
    await refusedWith(repo.update({ ...added, title: "Overskriver" }), "Conflict");
    expect((await repo.get(added.id)).title).toBe("Anden");
  });

  it("answers NotFound for an update of an entity that is gone", async () => {
    const { repo } = subject();
    const added = await repo.add(draftIn(newScope()));
    await repo.remove(added.id, added.version);
    await refusedWith(repo.update({ ...added, title: "Efter sletning" }), "NotFound");
  });

  it("removes an entity on its current version; it is then NotFound", async () => {
    const { repo } = subject();
    const scope = newScope();
    const added = await repo.add(draftIn(scope));
    await repo.remove(added.id, added.version);
    await refusedWith(repo.get(added.id), "NotFound");
    expect(await listIn(scope)).toEqual([]);
  });

  it("refuses a removal on a stale version with Conflict and keeps the entity", async () => {
    const { repo } = subject();
    const added = await repo.add(draftIn(newScope()));
    await repo.update({ ...added, title: "Ændret" });
    await refusedWith(repo.remove(added.id, added.version), "Conflict");
    expect((await repo.get(added.id)).title).toBe("Ændret");
  });

  it("answers NotFound for a removal of an id that does not exist", async () => {
    await refusedWith(subject().repo.remove(987_655 as InitiativeId, '"1"' as Version), "NotFound");
  });

  it.each([
    ["no version", ""],
    ["the wildcard version", "*"],
  ])("refuses an update or removal with %s as Invalid before anything is sent", async (_n, v) => {
    const { repo } = subject();
    const added = await repo.add(draftIn(newScope(), { title: "Uændret" }));
    const version = v as Version;
    await sendsNothing(async () => {
      await refusedWith(repo.update({ ...added, title: "Blindt", version }), "Invalid");
      await refusedWith(repo.remove(added.id, version), "Invalid");
    });
    expect((await repo.get(added.id)).title).toBe("Uændret");
  });

  it("refuses an invalid draft with Invalid, naming the field, before anything is sent", async () => {
    const { repo } = subject();
    const scope = newScope();
    await sendsNothing(async () => {
      const e = await refusal(repo.add(draftIn(scope, { title: "" })));
      expect(e.kind).toBe("Invalid");
      expect(e.details.field).toBe("title");
    });
    expect(await listIn(scope)).toEqual([]);
  });

  it("refuses an invalid update with Invalid before anything is sent and keeps what is stored", async () => {
    const { repo } = subject();
    const added = await repo.add(draftIn(newScope(), { title: "Gyldig" }));
    await sendsNothing(() => refusedWith(repo.update({ ...added, title: "" }), "Invalid"));
    expect((await repo.get(added.id)).title).toBe("Gyldig");
  });

  it("keeps the entities whose property equals a value, or any of several values", async () => {
    const { repo } = subject();
    const scope = newScope();
    for (const [title, phase] of [
      ["A", "Idé"],
      ["B", "Prioriteret"],
      ["C", "Afvist"],
    ] as const) {
      await repo.add(draftIn(scope, { title, phase }));
    }
    expect(titles(await listIn(scope, { where: { phase: "Prioriteret" } }))).toEqual(["B"]);
    expect(titles(await listIn(scope, { where: { phase: ["Idé", "Afvist"] } }))).toEqual([
      "A",
      "C",
    ]);
  });

  it("compares references by id, and keeps an entity whose multi-valued property holds the value", async () => {
    const { repo, areas } = subject();
    const scope = newScope();
    const a = await repo.add(draftIn(scope, { title: "A", area: areas[0] ?? null }));
    const b = await repo.add(draftIn(scope, { title: "B", area: areas[1] ?? null }));
    await repo.add(
      draftIn(scope, {
        title: "C",
        area: areas[1] ?? null,
        requires: [
          { id: a.id, title: a.title },
          { id: b.id, title: b.title },
        ],
      }),
    );
    const area1 = (areas[1] as Ref<AreaId>).id;
    expect(titles(await listIn(scope, { where: { area: area1 } }))).toEqual(["B", "C"]);
    expect(titles(await listIn(scope, { where: { requires: b.id } }))).toEqual(["C"]);
    expect(
      titles(await listIn(scope, { where: { requires: [a.id, 987_656 as InitiativeId] } })),
    ).toEqual(["C"]);
  });

  it("keeps the entities whose property is empty for null: no value, no text, no items", async () => {
    const { repo } = subject();
    const scope = newScope();
    await repo.add(
      draftIn(scope, {
        title: "Tom",
        governance: null,
        expectedBenefits: "",
        requires: [],
      }),
    );
    const full = await repo.add(
      draftIn(scope, {
        title: "Udfyldt",
        governance: "Styregruppe",
        expectedBenefits: "Færre sager",
      }),
    );
    await repo.add(
      draftIn(scope, { title: "Forudsætter", requires: [{ id: full.id, title: full.title }] }),
    );
    expect(titles(await listIn(scope, { where: { governance: null } }))).toEqual([
      "Tom",
      "Forudsætter",
    ]);
    expect(titles(await listIn(scope, { where: { expectedBenefits: null } }))).toEqual([
      "Tom",
      "Forudsætter",
    ]);
    expect(titles(await listIn(scope, { where: { requires: null } }))).toEqual(["Tom", "Udfyldt"]);
  });

  it("filters on Yes/No and on properties with no index alike", async () => {
    const { repo } = subject();
    const scope = newScope();
    await repo.add(draftIn(scope, { title: "Lovkrav", mandatory: true, priorityScore: 7 }));
    await repo.add(draftIn(scope, { title: "Frivilligt", mandatory: false, priorityScore: 7 }));
    await repo.add(draftIn(scope, { title: "Andet", mandatory: false, priorityScore: 2 }));
    expect(titles(await listIn(scope, { where: { mandatory: false } }))).toEqual([
      "Frivilligt",
      "Andet",
    ]);
    expect(titles(await listIn(scope, { where: { priorityScore: 7, mandatory: true } }))).toEqual([
      "Lovkrav",
    ]);
  });

  it("searches every word, case-insensitively, in the title and the main texts", async () => {
    const { repo } = subject();
    const scope = newScope();
    await repo.add(draftIn(scope, { title: "Digital booking", summary: "Lokaler" }));
    await repo.add(draftIn(scope, { title: "Lokaler", summary: "Booking af mødelokaler" }));
    await repo.add(draftIn(scope, { title: "Robot", need: "Mange manuelle bookinger" }));
    await repo.add(draftIn(scope, { title: "Andet", summary: "Intet at finde" }));
    expect(titles(await listIn(scope, { search: "BOOKING" }))).toEqual([
      "Digital booking",
      "Lokaler",
      "Robot",
    ]);
    expect(titles(await listIn(scope, { search: "booking  lokaler" }))).toEqual([
      "Digital booking",
      "Lokaler",
    ]);
    expect(titles(await listIn(scope, { search: "robot lokaler" }))).toEqual([]);
  });

  it("answers in the order of creation unless asked otherwise", async () => {
    const { repo } = subject();
    const scope = newScope();
    for (const title of ["Charlie", "Alfa", "Bravo"]) await repo.add(draftIn(scope, { title }));
    expect(titles(await listIn(scope))).toEqual(["Charlie", "Alfa", "Bravo"]);
  });

  it("sorts text in Danish order, references by title, empty values last either way", async () => {
    const { repo, areas } = subject();
    const scope = newScope();
    const [aero, bornholm, als] = areas;
    for (const [title, area, priority] of [
      ["Åbning", als, 2],
      ["Zebra", aero, null],
      ["Æble", bornholm, 1],
      ["Anden", aero, 3],
      ["Øst", bornholm, 2],
    ] as const) {
      await repo.add(draftIn(scope, { title, area: area ?? null, priority }));
    }
    expect(titles(await listIn(scope, { orderBy: [{ field: "title" }] }))).toEqual([
      "Anden",
      "Zebra",
      "Æble",
      "Øst",
      "Åbning",
    ]);
    expect(
      titles(await listIn(scope, { orderBy: [{ field: "title", descending: true }] })),
    ).toEqual(["Åbning", "Øst", "Æble", "Zebra", "Anden"]);
    // Als < Bornholm < Ærø by title, not by id (Ærø was created first); ties in creation order.
    expect(titles(await listIn(scope, { orderBy: [{ field: "area" }] }))).toEqual([
      "Åbning",
      "Æble",
      "Øst",
      "Zebra",
      "Anden",
    ]);
    expect(
      titles(
        await listIn(scope, {
          orderBy: [{ field: "priority", descending: true }, { field: "title" }],
        }),
      ),
    ).toEqual(["Anden", "Øst", "Åbning", "Æble", "Zebra"]);
  });

  it("keeps the first entities after filtering and sorting for a limit", async () => {
    const { repo } = subject();
    const scope = newScope();
    for (const [title, phase] of [
      ["D", "Idé"],
      ["B", "Idé"],
      ["A", "Afvist"],
      ["C", "Idé"],
    ] as const) {
      await repo.add(draftIn(scope, { title, phase }));
    }
    expect(
      titles(
        await listIn(scope, { where: { phase: "Idé" }, orderBy: [{ field: "title" }], limit: 2 }),
      ),
    ).toEqual(["B", "C"]);
  });

  it("reports how many items it has read while it reads", async () => {
    const { repo } = subject();
    const scope = newScope();
    for (const title of ["A", "B"]) await repo.add(draftIn(scope, { title }));
    const progress: number[] = [];
    const found = await listIn(scope, { onProgress: ({ read }) => progress.push(read) });
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)).toBeGreaterThanOrEqual(found.length);
  });

  it("adds many drafts and answers one part per draft, in order", async () => {
    const { repo } = subject();
    const scope = newScope();
    const parts = await repo.addMany(["A", "B", "C"].map((title) => draftIn(scope, { title })));
    expect(parts.map((p) => p.ok && p.value.title)).toEqual(["A", "B", "C"]);
    const stored = await listIn(scope);
    expect(titles(stored)).toEqual(["A", "B", "C"]);
    expect(parts.map((p) => p.ok && p.value.id)).toEqual(stored.map((s) => s.id));
    expect(parts.map((p) => p.ok && p.value.version)).toEqual(stored.map((s) => s.version));
  });

  it("refuses a batch with one invalid draft as a whole, before anything is sent", async () => {
    const { repo } = subject();
    const scope = newScope();
    await sendsNothing(() =>
      refusedWith(
        repo.addMany([draftIn(scope, { title: "Gyldig" }), draftIn(scope, { title: "" })]),
        "Invalid",
      ),
    );
    expect(await listIn(scope)).toEqual([]);
  });

  it("writes each part of a batched update on its own: a stale part is a Conflict, the others are written", async () => {
    const { repo } = subject();
    const scope = newScope();
    const a = await repo.add(draftIn(scope, { title: "A" }));
    const b = await repo.add(draftIn(scope, { title: "B" }));
    const c = await repo.add(draftIn(scope, { title: "C" }));
    await repo.update({ ...b, title: "B ændret af en anden" });
    const parts = await repo.updateMany([
      { ...a, title: "A2" },
      { ...b, title: "B2" },
      { ...c, title: "C2" },
    ]);
    expect(parts.map((p) => p.ok)).toEqual([true, false, true]);
    const stale = parts[1];
    expect(stale && !stale.ok && stale.error.kind).toBe("Conflict");
    const stored = await listIn(scope);
    expect(titles(stored)).toEqual(["A2", "B ændret af en anden", "C2"]);
    expect(parts[0]?.ok && parts[0].value).toBe(stored[0]?.version);
  });

  it("refuses a batched update with one invalid entity as a whole, before anything is sent", async () => {
    const { repo } = subject();
    const scope = newScope();
    const a = await repo.add(draftIn(scope, { title: "A" }));
    const b = await repo.add(draftIn(scope, { title: "B" }));
    await sendsNothing(() =>
      refusedWith(
        repo.updateMany([
          { ...a, title: "A2" },
          { ...b, title: "" },
        ]),
        "Invalid",
      ),
    );
    expect(titles(await listIn(scope))).toEqual(["A", "B"]);
  });

  it("removes each part of a batch on its own: a stale part is a Conflict, a missing one NotFound", async () => {
    const { repo } = subject();
    const scope = newScope();
    const a = await repo.add(draftIn(scope, { title: "A" }));
    const b = await repo.add(draftIn(scope, { title: "B" }));
    const c = await repo.add(draftIn(scope, { title: "C" }));
    await repo.update({ ...b, title: "B2" });
    const parts = await repo.removeMany([
      { id: a.id, version: a.version },
      { id: b.id, version: b.version },
      { id: 987_657 as InitiativeId, version: c.version },
      { id: c.id, version: c.version },
    ]);
    expect(parts.map((p) => (p.ok ? "ok" : p.error.kind))).toEqual([
      "ok",
      "Conflict",
      "NotFound",
      "ok",
    ]);
    expect(titles(await listIn(scope))).toEqual(["B2"]);
  });
}
