/**
 * How the demo seed picks up where an earlier run stopped: a step finds what is stored by a
 * natural key and writes only what is missing, is run again (from its read) after a passing
 * failure only, and runs again only once every parallel write of its attempt has settled.
 */
import { StoreError } from "../../src/domain/errors.js";
import type { PartResult } from "../../src/ports/repository.js";
import {
  ensureOnce,
  instantKey,
  isPassing,
  oneByOne,
  settleAll,
  sharedRead,
  step,
} from "../../src/seed/reconcile.js";

interface Item {
  id: number;
  title: string;
}

/** A list in memory whose writes can fail or lose their answers. */
function list(titles: string[] = []) {
  const items: Item[] = titles.map((title, i) => ({ id: i + 1, title }));
  return {
    items,
    read: () => Promise.resolve([...items]),
    add: (d: { title: string }): Item => {
      const item = { id: items.length + 1, title: d.title };
      items.push(item);
      return item;
    },
  };
}

const ok = <T>(value: T): PartResult<T> => ({ ok: true, value });
const byTitle = (x: { title: string }) => x.title;
const noWait = { sleep: () => Promise.resolve() };

describe("isPassing", () => {
  it.each([
    ["throttled", new StoreError("Throttled", "429"), true],
    ["unavailable", new StoreError("Unavailable", "503"), true],
    ["a lost answer", new TypeError("fetch failed"), true],
    ["a reset connection", new TypeError("read ECONNRESET"), true],
    ["refused", new StoreError("Forbidden", "403"), false],
    ["invalid", new StoreError("Invalid", "400"), false],
    ["a fault in the seed", new Error("Demo-data mangler x"), false],
  ])("%s → %s", (_, e, passing) => {
    expect(isPassing(e)).toBe(passing);
  });
});

describe("ensureOnce", () => {
  it("writes only the drafts whose key is not stored, and gives the items in the drafts' order", async () => {
    const l = list(["b"]);
    const written: string[][] = [];
    const done = await ensureOnce({
      list: "L",
      what: "Ting",
      read: l.read,
      keyOf: byTitle,
      drafts: [{ title: "a" }, { title: "b" }, { title: "c" }],
      draftKey: byTitle,
      write: (m) => {
        written.push(m.map(byTitle));
        return Promise.resolve(m.map((d) => ok(l.add(d))));
      },
    });
    expect(written).toEqual([["a", "c"]]);
    expect(done.items.map(byTitle)).toEqual(["a", "b", "c"]);
    expect(done).toMatchObject({ list: "L", found: 1, written: 2 });
  });

  it("writes nothing when everything is stored, and keeps the first of a doubled key", async () => {
    const l = list(["a", "a"]);
    let writes = 0;
    const write = () => {
      writes += 1;
      return Promise.resolve([]);
    };
    const done = await ensureOnce({
      list: "L",
      what: "Ting",
      read: l.read,
      keyOf: byTitle,
      drafts: [{ title: "a" }],
      draftKey: byTitle,
      write,
    });
    expect(writes).toBe(0);
    expect(done.items).toEqual([{ id: 1, title: "a" }]);
  });

  it("refuses drafts that share a key", async () => {
    await expect(
      ensureOnce({
        list: "L",
        what: "Ting",
        read: list().read,
        keyOf: byTitle,
        drafts: [{ title: "a" }, { title: "a" }],
        draftKey: byTitle,
        write: () => Promise.resolve([]),
      }),
    ).rejects.toThrow(/samme nøgle/);
  });

  it("throws a failed part's passing failure as it is, and names any other", async () => {
    const run = (error: StoreError) =>
      ensureOnce({
        list: "L",
        what: "Ting",
        read: list().read,
        keyOf: byTitle,
        drafts: [{ title: "a" }],
        draftKey: byTitle,
        write: () => Promise.resolve([{ ok: false as const, error }]),
      });
    const throttled = new StoreError("Throttled", "429");
    await expect(run(throttled)).rejects.toBe(throttled);
    await expect(run(new StoreError("Invalid", "bad"))).rejects.toThrow(
      "Ting nr. 1 kunne ikke gemmes: bad",
    );
  });
});

describe("step", () => {
  it("runs again from its read after a lost answer, and the write that got through is not repeated", async () => {
    const l = list();
    let lose = true;
    const repeats: number[] = [];
    const done = await step(
      "Ting",
      () =>
        ensureOnce({
          list: "L",
          what: "Ting",
          read: l.read,
          keyOf: byTitle,
          drafts: [{ title: "a" }, { title: "b" }],
          draftKey: byTitle,
          write: (m) => {
            const results = m.map((d) => ok(l.add(d)));
            if (lose) {
              lose = false;
              return Promise.reject(new TypeError("fetch failed"));
            }
            return Promise.resolve(results);
          },
        }),
      { ...noWait, onRepeat: (_, attempt) => repeats.push(attempt) },
    );
    expect(l.items.map(byTitle)).toEqual(["a", "b"]);
    expect(done).toMatchObject({ found: 2, written: 0 });
    expect(repeats).toEqual([1]);
  });

  it("does not run again after a failure that is not passing", async () => {
    let runs = 0;
    const refused = new StoreError("Forbidden", "403");
    await expect(
      step(
        "Ting",
        () => {
          runs += 1;
          return Promise.reject(refused);
        },
        noWait,
      ),
    ).rejects.toBe(refused);
    expect(runs).toBe(1);
  });

  it("gives up after its attempts, with the last failure", async () => {
    let runs = 0;
    await expect(
      step(
        "Ting",
        () => {
          runs += 1;
          return Promise.reject(new StoreError("Throttled", `429 #${runs}`));
        },
        { ...noWait, attempts: 3 },
      ),
    ).rejects.toThrow("429 #3");
    expect(runs).toBe(3);
  });
});

describe("settleAll", () => {
  it("fails with the first failure only once every promise has settled", async () => {
    const order: string[] = [];
    let finish!: () => void;
    const slow = new Promise<string>((resolve) => {
      finish = () => {
        order.push("slow done");
        resolve("slow");
      };
    });
    const settling = settleAll([
      Promise.reject(new TypeError("fetch failed")),
      slow,
      Promise.reject(new Error("second")),
    ]).catch((e: Error) => {
      order.push(`failed: ${e.message}`);
    });
    await Promise.resolve();
    order.push("still waiting");
    finish();
    await settling;
    expect(order).toEqual(["still waiting", "slow done", "failed: fetch failed"]);
  });

  it("gives the values in order when all succeed", async () => {
    await expect(settleAll([Promise.resolve(1), Promise.resolve(2)])).resolves.toEqual([1, 2]);
  });
});

describe("sharedRead", () => {
  it("shares the first read between steps and reads afresh when a step runs again", async () => {
    let reads = 0;
    const reader = sharedRead(() => Promise.resolve((reads += 1)));
    const a = reader();
    const b = reader();
    expect([await a(), await b()]).toEqual([1, 1]);
    expect(await a()).toBe(2);
    expect(reads).toBe(2);
  });
});

describe("oneByOne", () => {
  it("writes in order and gives a refused write as a failed part", async () => {
    const refused = new StoreError("Invalid", "bad");
    const results = await oneByOne(["a", "b"], (d) =>
      d === "a" ? Promise.reject(refused) : Promise.resolve(d),
    );
    expect(results).toEqual([{ ok: false, error: refused }, ok("b")]);
  });

  it("stops at a failure that is not the store's (a lost answer)", async () => {
    const seen: string[] = [];
    await expect(
      oneByOne(["a", "b"], (d) => {
        seen.push(d);
        return Promise.reject(new TypeError("fetch failed"));
      }),
    ).rejects.toThrow("fetch failed");
    expect(seen).toEqual(["a"]);
  });
});

describe("instantKey", () => {
  it.each([
    ["2026-05-12T10:00:00Z", String(Date.parse("2026-05-12T10:00:00Z"))],
    ["2026-05-12T10:00:00.000Z", String(Date.parse("2026-05-12T10:00:00Z"))],
    ["not a date", "not a date"],
    [null, ""],
  ])("%s → %s", (iso, key) => {
    expect(instantKey(iso)).toBe(key);
  });
});
