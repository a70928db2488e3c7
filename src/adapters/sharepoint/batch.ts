/**
 * Batched writes through PnPjs batching (`sp.batched()`): one `$batch` request carries many
 * parts, writes in changesets; SharePoint answers each part on its own and one failing part
 * fails only itself (PLATFORM.md; ../shared/reference/wire/batchtest-output.txt).
 *
 * Throttling of the whole `$batch` request is retried by the fetch behaviour. A part can be
 * throttled on its own, and PnPjs does not retry parts: parts that fail Throttled (429) or
 * Unavailable (503) are sent again in a follow-up batch after the wait SharePoint asked for;
 * parts that succeeded are never repeated.
 */
import type { IWeb } from "@pnp/sp/webs/types.js";

import { StoreError } from "../../domain/errors.js";
import type { PartResult } from "../../ports/repository.js";
import { type ErrorContext, toStoreError } from "./errors.js";
import { backoffMs, type SpSite } from "./sp.js";

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
  const retry = site.retry;
  const results: (PartResult<T> | undefined)[] = new Array<PartResult<T> | undefined>(ops.length);
  let pending = ops.map((_, i) => i);
  for (let attempt = 0; pending.length > 0; attempt += 1) {
    const retryNext: number[] = [];
    let wait = 0;
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
        if (!outcome.ok && isRetryablePart(outcome.error) && attempt < retry.retries) {
          retryNext.push(i);
          const ra = outcome.error.details.retryAfter;
          wait = Math.max(
            wait,
            backoffMs(ra === undefined ? null : String(ra), attempt + 1, retry),
          );
        } else {
          results[i] = outcome;
        }
      });
    }
    pending = retryNext;
    if (pending.length > 0) {
      retry.onRetry({ status: 429, waitMs: wait, attempt });
      await retry.sleep(wait);
    }
  }
  return results.map(
    (r) => r ?? { ok: false, error: new StoreError("Unavailable", "Delen blev ikke udført.") },
  );
}
