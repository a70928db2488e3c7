/**
 * The local Microsoft 365's random faults can be made repeatable with a seed, so a test (or a
 * chaos run) that meets throttling can be run again with exactly the same faults.
 */
import { Faults, parseFaults, seededRandom, toFaultConfig } from "../../src/emulator/faults.js";

/** Which of `n` requests a fault configuration answers with a fault (their statuses). */
function faultsOver(faults: Faults, n: number): (number | null)[] {
  return Array.from(
    { length: n },
    (_, i) => faults.pick(`/r/${i}`, "GET", "sharepoint")?.status ?? null,
  );
}

describe("seeded faults", () => {
  test("the same seed gives the same faults for the same requests", () => {
    const config = { throttle: 0.3, unavailable: 0.1, latency: 0, retryAfter: 0, seed: 7 };
    const a = faultsOver(new Faults({ ...config }), 200);
    const b = faultsOver(new Faults({ ...config }), 200);
    expect(a).toEqual(b);
    expect(a.filter((s) => s === 429).length).toBeGreaterThan(30);
    expect(a.filter((s) => s === 503).length).toBeGreaterThan(5);
  });

  test("another seed gives other faults", () => {
    const config = { throttle: 0.3, unavailable: 0, latency: 0, retryAfter: 0 };
    expect(faultsOver(new Faults({ ...config, seed: 1 }), 100)).not.toEqual(
      faultsOver(new Faults({ ...config, seed: 2 }), 100),
    );
  });

  test("setting a configuration with a seed starts its sequence afresh", () => {
    const config = { throttle: 0.5, unavailable: 0, latency: 0, retryAfter: 1, seed: 42 };
    const faults = new Faults({ ...config });
    const first = faultsOver(faults, 50);
    faults.config = { ...config };
    expect(faultsOver(faults, 50)).toEqual(first);
  });

  test("the generator stays within 0 ≤ x < 1 and spreads evenly", () => {
    const random = seededRandom(123);
    const xs = Array.from({ length: 10_000 }, random);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean).toBeGreaterThan(0.48);
    expect(mean).toBeLessThan(0.52);
  });

  test("the seed is read from --faults and from the admin endpoint's body", () => {
    expect(parseFaults("throttle=0.3,seed=9")).toMatchObject({ throttle: 0.3, seed: 9 });
    expect(toFaultConfig({ throttle: 0.3, seed: 9 })).toMatchObject({ throttle: 0.3, seed: 9 });
    expect(toFaultConfig({ seed: -1 })).toBe("seed must be a number, 0 or more");
    expect(() => parseFaults("sed=1")).toThrow(/Unknown fault "sed"/);
  });
});
