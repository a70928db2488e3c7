/** Which Danish/English message an error gets: the UI switches on the StoreError kind. */
import { isStoreError } from "../domain/errors.js";

export function errorMessageKey(e: unknown): string {
  return isStoreError(e) ? `errors.${e.kind}` : "errors.Unknown";
}
