/**
 * Batched writes through PnPjs batching (`sp.batched()`): one `$batch` request carries many
 * parts, writes in changesets; SharePoint answers each part on its own and one failing part
 * fails only itself (PLATFORM.md; ../shared/reference/wire/batchtest-output.txt).
 *
 * Throttling of the whole `$batch` request is retried by the fetch behaviour (SharePoint then
 * carried out none of its parts). A part can be throttled on its own, and PnPjs does not retry
 * parts: parts that fail Throttled (429) or Unavailable (503) are sent again in a follow-up
 * batch after the longest wait SharePoint asked for among them; parts that succeeded, or failed
 * for any other reason, are never sent again. The rounds share one budget of waiting time
 * (src/adapters/retry-policy.ts); a part still throttled when it is spent keeps its error.
 * https://learn.microsoft.com/sharepoint/dev/general-development/how-to-avoid-getting-throttled-or-blocked-in-sharepoint-online
 */
import type { IWeb } from "@pnp/sp/webs/types.js";

import { StoreError } from "../../domain/errors.js";
import type { PartResult } from "../../ports/repository.js";
import { RetryBudget } from "../retry-policy.js";
import { type ErrorContext, toStoreError } from "./errors.js";
import type { SpSite } from "./sp.js";

/** SharePoint Online accepts at most 100 operations per changeset; stay well within it. */
export const BATCH_PARTS = 100;

export type BatchOp<T> = (batchedWeb: IWeb) => Promise<T>;

function isRetryablePart(e: StoreError): boolean {
  return e.kind === "Throttled" || (e.kind === "Unavailable" && e.details.status === 503);
}

/**
 * Runs `ops` in batches of at most `BATCH_PARTS` and returns one result per op, in order.
 * `context(i)` names part i for error messages.
 */
export async function runBatch<T>(
  site: SpSite,
  ops: readonly BatchOp<T>[],
  context: (index: number) => ErrorContext = () => ({}),
): Promise<PartResult<T>[]> {
  const budget = new RetryBudget(site.retry);
  const results: (PartResult<T> | undefined)[] = new Array<PartResult<T> | undefined>(ops.length);
  let pending = ops.map((_, i) => i);
  while (pending.length > 0) {
    const throttled: { index: number; outcome: PartResult<T>; status: number }[] = [];
    let retryAfter: number | undefined;
    for (let start = 0; start < pending.length; start += BATCH_PARTS) {
      const chunk = pending.slice(start, start + BATCH_PARTS);
      const [batched, execute] = site.batched(BATCH_PARTS);
      // Every part must be registered with the batch before execute() is called.
      const settled = chunk.map((i) =>
        (ops[i] as BatchOp<T>)(batched).then(
          (value): PartResult<T> => ({ ok: true, value }),
          async (e: unknown): Promise<PartResult<T>> => ({
            ok: false,
            error: await toStoreError(e, context(i)),
          }),
        ),
      );
      try {
        await execute();
      } catch (e) {
        // The $batch request itself failed (after the fetch behaviour's own retries): every
        // part of this chunk failed the same way. The parts' own promises never settle then,
        // so they are not awaited.
        const error = await toStoreError(e, { what: "Samlet skrivning" });
        for (const i of chunk) results[i] = { ok: false, error };
        continue;
      }
      const outcomes = await Promise.all(settled);
      outcomes.forEach((outcome, k) => {
        const i = chunk[k] as number;
        results[i] = outcome;
        if (!outcome.ok && isRetryablePart(outcome.error)) {
          throttled.push({ index: i, outcome, status: outcome.error.details.status ?? 429 });
          const ra = outcome.error.details.retryAfter;
          if (ra !== undefined) retryAfter = Math.max(retryAfter ?? 0, ra * 1000);
        }
      });
    }
    if (throttled.length === 0) break;
    // The longest Retry-After among the throttled parts; back-off when none gave one.
    const waitMs = budget.next(retryAfter);
    if (waitMs === undefined) break;
    await budget.wait(
      throttled.some((t) => t.status === 429) ? 429 : 503,
      waitMs,
      throttled.length,
    );
    pending = throttled.map((t) => t.index);
  }
  return results.map(
    (r) => r ?? { ok: false, error: new StoreError("Unavailable", "Delen blev ikke udført.") },
  );
}
