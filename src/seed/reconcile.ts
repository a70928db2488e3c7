/**
 * How the demo seed picks up where an earlier run stopped: every step reads what is already
 * stored, finds each item it means to write by a natural key (a title, a key, the meeting and
 * sort order of an agenda point, ...), and writes only what is missing. A run killed at any
 * moment, or a write whose answer was lost on the way (the server may have carried it out), is
 * completed by running the step again, with nothing written twice.
 *
 * A step that failed on something passing (throttling beyond the adapters' own budget of
 * waiting, no answer, 503) is run again from its read; any other failure (refused, invalid) is
 * a fault in the seed and stops it.
 */
import { isStoreError } from "../domain/errors.js";
import type { PartResult } from "../ports/repository.js";

/** What the seed found already stored and what it wrote, per list (internal list names). */
export class SeedTally {
  readonly found: Record<string, number> = {};
  readonly written: Record<string, number> = {};

  /** Tallies what a step found and wrote, once the step succeeded. */
  add(e: { list: string; found: number; written: number }): void {
    this.note(e.list, e.found, e.written);
  }

  note(list: string, found: number, written: number): void {
    this.found[list] = (this.found[list] ?? 0) + found;
    this.written[list] = (this.written[list] ?? 0) + written;
  }

  /** Items of the demo data per list: found plus written. */
  counts(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const list of new Set([...Object.keys(this.found), ...Object.keys(this.written)])) {
      out[list] = (this.found[list] ?? 0) + (this.written[list] ?? 0);
    }
    return out;
  }

  /** Everything written so far, summed over the lists. */
  totalWritten(): number {
    return Object.values(this.written).reduce((a, n) => a + n, 0);
  }

  /** Everything found so far, summed over the lists. */
  totalFound(): number {
    return Object.values(this.found).reduce((a, n) => a + n, 0);
  }
}

/** A failure that says nothing about the seed's data: the step is run again from its read. */
export function isPassing(e: unknown): boolean {
  if (isStoreError(e, "Throttled") || isStoreError(e, "Unavailable")) return true;
  const message = e instanceof Error ? e.message : "";
  return (
    e instanceof TypeError &&
    /fetch failed|ECONNREFUSED|ECONNRESET|ETIMEDOUT|socket hang up|terminated/i.test(message)
  );
}

export interface StepOptions {
  /** How often a step is run in all before its failure stands (default 8). */
  attempts?: number;
  /** How to wait between runs of a step (default a timer of 0.5 s times the attempt). */
  sleep?: (ms: number) => Promise<void>;
  /** Told when a step is run again. */
  onRepeat?: (label: string, attempt: number, error: unknown) => void;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Runs `run` (which must read before it writes), again after a passing failure. */
export async function step<T>(
  label: string,
  run: () => Promise<T>,
  options: StepOptions = {},
): Promise<T> {
  const attempts = options.attempts ?? 8;
  const sleep = options.sleep ?? realSleep;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await run();
    } catch (e) {
      if (attempt >= attempts || !isPassing(e)) throw e;
      options.onRepeat?.(label, attempt, e);
      await sleep(500 * attempt);
    }
  }
}

/**
 * Like `Promise.all`, but settles every promise before it fails (with the first failure): a
 * step whose parallel writes failed is run again only once none of them is still under way, so
 * its read sees every write that got through, and none is written twice.
 */
export async function settleAll<T>(promises: readonly Promise<T>[]): Promise<T[]> {
  const settled = await Promise.allSettled(promises);
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === "rejected");
  if (failed) throw failed.reason;
  return settled.map((s) => (s as PromiseFulfilledResult<T>).value);
}

/** One list's part of the demo data: what to write, how to recognise it, and how to write it. */
export interface EnsureSpec<T, D> {
  /** The internal list name, for the tally. */
  list: string;
  /** What one item is called in an error ("Tiltag"). */
  what: string;
  /** Reads what is stored now (what this writer can see of the list). */
  read: () => Promise<readonly T[]>;
  /** The natural key of a stored item. */
  keyOf: (item: T) => string;
  /** Every item of the demo data for this list and writer. */
  drafts: readonly D[];
  /** The natural key of a draft: the same as `keyOf` of the item it becomes. */
  draftKey: (draft: D) => string;
  /** Writes the missing drafts, one result per draft in order. */
  write: (missing: readonly D[]) => Promise<readonly PartResult<T>[]>;
}

/** What `ensureOnce` found and wrote. */
export interface Ensured<T> {
  /** The stored items, in the order of the drafts. */
  items: T[];
  list: string;
  found: number;
  written: number;
}

/**
 * Makes the stored items match `drafts` by natural key (one read, then one write of what is
 * missing). A failed part throws, naming the list; run it inside `step` so a passing failure is
 * read again and completed, and tally it once the step succeeded.
 */
export async function ensureOnce<T, D>(spec: EnsureSpec<T, D>): Promise<Ensured<T>> {
  const keys = spec.drafts.map(spec.draftKey);
  if (new Set(keys).size !== keys.length) {
    throw new Error(`Demo-data: to ${spec.what.toLowerCase()} har samme nøgle`);
  }
  const stored = new Map<string, T>();
  for (const item of await spec.read()) {
    const key = spec.keyOf(item);
    // The first one written is the one: a later copy (written by hand) is left alone.
    if (!stored.has(key)) stored.set(key, item);
  }
  const missing = spec.drafts.filter((_, i) => !stored.has(keys[i] as string));
  if (missing.length > 0) {
    const results = await spec.write(missing);
    results.forEach((r, i) => {
      if (!r.ok) throw partError(spec.what, i, r.error);
      stored.set(spec.draftKey(missing[i] as D), r.value);
    });
  }
  return {
    items: keys.map((k) => stored.get(k) as T),
    list: spec.list,
    found: spec.drafts.length - missing.length,
    written: missing.length,
  };
}

/** The failure of one part, keeping a passing failure recognisable for `step`. */
function partError(what: string, index: number, error: Error): Error {
  if (isPassing(error)) return error;
  return new Error(`${what} nr. ${index + 1} kunne ikke gemmes: ${error.message}`, {
    cause: error,
  });
}

/**
 * One read shared by the first runs of several steps that read the same list (each step gets
 * its own reader from the returned function); a step that is run again reads afresh.
 */
export function sharedRead<T>(read: () => Promise<T>): () => () => Promise<T> {
  let shared: Promise<T> | undefined;
  return () => {
    let used = false;
    return () => {
      if (used) return read();
      used = true;
      return (shared ??= read());
    };
  };
}

/** One write as a part result, for writers that write one item at a time. */
export async function asPart<T>(write: () => Promise<T>): Promise<PartResult<T>> {
  try {
    return { ok: true, value: await write() };
  } catch (e) {
    if (isStoreError(e)) return { ok: false, error: e };
    throw e;
  }
}

/** Writes one at a time, in order (each writer's own items, where order matters). */
export async function oneByOne<T, D>(
  drafts: readonly D[],
  write: (draft: D) => Promise<T>,
): Promise<PartResult<T>[]> {
  const out: PartResult<T>[] = [];
  for (const d of drafts) out.push(await asPart(() => write(d)));
  return out;
}

/** A date as a key part: the instant, whatever text form the store gave it back in. */
export function instantKey(iso: string | null | undefined): string {
  if (!iso) return "";
  const t = Date.parse(iso);
  return Number.isNaN(t) ? iso : String(t);
}
