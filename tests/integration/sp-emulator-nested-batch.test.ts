/**
 * SharePoint does not nest batches: a part of a `$batch` that is itself a `$batch` answers 400,
 * and only that part; the batch's other parts still run
 * (https://learn.microsoft.com/sharepoint/dev/sp-add-ins/make-batch-requests-with-the-rest-apis).
 */
import { devToken, type M365, startLocalM365 } from "../support/m365.js";

let m365: M365;

beforeAll(async () => {
  m365 = await startLocalM365();
});
afterAll(() => m365.close());

/** A `$batch` body (LF line endings, as PnPjs writes) of GET parts and one nested batch part. */
function outerBatch(nestedPath: string): string {
  const site = m365.sharepoint;
  const inner = [
    "--batch_inner",
    "Content-Type: application/http",
    "Content-Transfer-Encoding: binary",
    "",
    `GET ${site}/_api/web?$select=Title HTTP/1.1`,
    "Accept: application/json",
    "",
    "--batch_inner--",
    "",
  ].join("\n");
  return [
    "--batch_outer",
    "Content-Type: application/http",
    "Content-Transfer-Encoding: binary",
    "",
    `GET ${site}/_api/web?$select=Title HTTP/1.1`,
    "Accept: application/json",
    "",
    "--batch_outer",
    "Content-Type: application/http",
    "Content-Transfer-Encoding: binary",
    "",
    `POST ${site}${nestedPath} HTTP/1.1`,
    "Accept: application/json",
    "Content-Type: multipart/mixed; boundary=batch_inner",
    "",
    inner,
    "--batch_outer",
    "Content-Type: application/http",
    "Content-Transfer-Encoding: binary",
    "",
    `GET ${site}/_api/web?$select=Title HTTP/1.1`,
    "Accept: application/json",
    "",
    "--batch_outer--",
    "",
  ].join("\n");
}

describe("local SharePoint $batch: no nested batches", () => {
  test.each([["/_api/$batch"], ["/_api/%24batch"], ["/_API/$BATCH"]])(
    "a part that is itself a batch (%s) answers 400, the other parts 200",
    async (path) => {
      const res = await fetch(`${m365.sharepoint}/_api/$batch`, {
        method: "POST",
        headers: {
          Authorization: devToken(m365.users[0]!),
          "Content-Type": "multipart/mixed; boundary=batch_outer",
          Accept: "application/json",
        },
        body: outerBatch(path),
      });
      expect(res.status).toBe(200);
      const text = await res.text();
      const statuses = [...text.matchAll(/^HTTP\/1\.1 (\d{3}) /gm)].map((m) => Number(m[1]));
      expect(statuses).toEqual([200, 400, 200]);
      // Three parts and the closing delimiter: no nested multipart answer inside the 400 part.
      expect(text.match(/--batchresponse_/g)).toHaveLength(4);
      expect(text).toContain("odata.error");
    },
  );
});
