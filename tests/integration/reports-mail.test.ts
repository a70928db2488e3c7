/**
 * A report's workbook through Graph's sendMail on the local Microsoft 365: the GraphMailer sends
 * it as a fileAttachment and it lands in the outbox with its bytes; Graph's 4 MB limit on the
 * request (https://learn.microsoft.com/graph/outlook-large-attachments) answers 413 above it,
 * which the adapter maps to Invalid, and nothing is sent.
 */
import { createGraphAdapters } from "../../src/adapters/graph/index.js";
import { isStoreError } from "../../src/domain/errors.js";
import { GRAPH_SENDMAIL_MAX_BYTES, sendMailRequestBytes } from "../../src/domain/reports.js";
import { SENDMAIL_MAX_BYTES } from "../../src/emulator/graph/mail.js";
import { devTokenProvider } from "../../src/host/dev-token.js";
import { devToken, type M365, startLocalM365 } from "../support/m365.js";

let m365: M365;
let secretary: string;

beforeAll(async () => {
  m365 = await startLocalM365();
  [, , secretary = ""] = m365.users;
});
afterAll(() => m365.close());
beforeEach(() => fetch(`${m365.origin}/_admin/outbox`, { method: "DELETE" }));

interface OutboxEntry {
  subject: string;
  attachments: { name: string; contentType: string; size: number; contentBytes: string }[];
}

async function outbox(): Promise<OutboxEntry[]> {
  const res = await fetch(`${m365.origin}/_admin/outbox`);
  return ((await res.json()) as { value: OutboxEntry[] }).value;
}

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

function bytes(n: number): Uint8Array {
  const b = new Uint8Array(n);
  for (let k = 0; k < n; k += 1) b[k] = (k * 31) % 256;
  return b;
}

function mail(size: number) {
  return {
    to: ["direktoerforum@demokommune.dk"],
    subject: "Porteføljeplan – status",
    html: "<p>Se vedhæftede.</p>",
    attachments: [{ name: "porteføljeplan.xlsx", contentType: XLSX, bytes: bytes(size) }],
  };
}

it("the emulator's limit is the domain's: 4 MB", () => {
  expect(SENDMAIL_MAX_BYTES).toBe(GRAPH_SENDMAIL_MAX_BYTES);
});

it("sends the workbook as a file attachment that arrives with its bytes", async () => {
  const { mailer } = createGraphAdapters({
    baseUrl: m365.graph,
    tokens: devTokenProvider(secretary),
  });
  const message = mail(20_000);
  await mailer.send(message);
  const sent = await outbox();
  expect(sent).toHaveLength(1);
  expect(sent[0]!.attachments).toHaveLength(1);
  const [a] = sent[0]!.attachments;
  expect(a).toMatchObject({ name: "porteføljeplan.xlsx", contentType: XLSX, size: 20_000 });
  expect(new Uint8Array(Buffer.from(a!.contentBytes, "base64"))).toEqual(
    message.attachments[0]!.bytes,
  );
});

it("takes a mail just under the limit", async () => {
  const { mailer } = createGraphAdapters({
    baseUrl: m365.graph,
    tokens: devTokenProvider(secretary),
  });
  const message = mail(3_000_000);
  expect(sendMailRequestBytes(message)).toBeLessThan(GRAPH_SENDMAIL_MAX_BYTES);
  await mailer.send(message);
  expect(await outbox()).toHaveLength(1);
});

it("refuses a mail over the limit as Invalid, and sends nothing", async () => {
  const { mailer } = createGraphAdapters({
    baseUrl: m365.graph,
    tokens: devTokenProvider(secretary),
  });
  const message = mail(3_200_000);
  expect(sendMailRequestBytes(message)).toBeGreaterThan(GRAPH_SENDMAIL_MAX_BYTES);
  const error = await mailer.send(message).then(
    () => null,
    (e: unknown) => e,
  );
  expect(isStoreError(error, "Invalid")).toBe(true);
  expect(await outbox()).toEqual([]);
});

it("answers a sendMail request over 4 MB with 413", async () => {
  const content = "A".repeat(SENDMAIL_MAX_BYTES);
  const res = await fetch(`${m365.graph}/me/sendMail`, {
    method: "POST",
    headers: { Authorization: devToken(secretary), "Content-Type": "application/json" },
    body: JSON.stringify({
      message: {
        subject: "Stor",
        toRecipients: [{ emailAddress: { address: "df@demokommune.dk" } }],
        attachments: [
          {
            "@odata.type": "#microsoft.graph.fileAttachment",
            name: "x.bin",
            contentBytes: content,
          },
        ],
      },
    }),
  });
  expect(res.status).toBe(413);
  expect(((await res.json()) as { error: { code: string } }).error.code).toBe(
    "RequestEntityTooLarge",
  );
});

it.each([
  [
    "an attachment that is not a file attachment",
    { "@odata.type": "#microsoft.graph.itemAttachment", name: "x" },
  ],
  [
    "an attachment without a name",
    { "@odata.type": "#microsoft.graph.fileAttachment", contentBytes: "QQ==" },
  ],
  [
    "bytes that are not base64",
    { "@odata.type": "#microsoft.graph.fileAttachment", name: "x", contentBytes: "%%%" },
  ],
])("answers %s with 400", async (_, attachment) => {
  const res = await fetch(`${m365.graph}/me/sendMail`, {
    method: "POST",
    headers: { Authorization: devToken(secretary), "Content-Type": "application/json" },
    body: JSON.stringify({
      message: {
        subject: "x",
        toRecipients: [{ emailAddress: { address: "df@demokommune.dk" } }],
        attachments: [attachment],
      },
    }),
  });
  expect(res.status).toBe(400);
  expect(await outbox()).toEqual([]);
});
