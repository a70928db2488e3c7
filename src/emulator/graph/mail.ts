import type { ApiDeps } from "../api.js";
import type { HttpResponse } from "../http.js";
import { sql } from "../store.js";
import { fail, type GraphRequest, isRecord, jsonBody, str } from "./context.js";

/**
 * The largest sendMail request Graph takes: a message with its attachments must keep the request
 * under 4 MB; a larger file must be attached through an upload session on a draft
 * (https://learn.microsoft.com/graph/outlook-large-attachments; the 413 answer:
 * https://learn.microsoft.com/graph/errors).
 */
export const SENDMAIL_MAX_BYTES = 4 * 1024 * 1024;

/**
 * `POST /me/sendMail`: Graph answers 202 Accepted with no body
 * (https://learn.microsoft.com/graph/api/user-sendmail). Nothing leaves this machine: what was
 * sent lands in a local outbox that tests and the demo read at `GET /_admin/outbox`.
 */
export class Outbox {
  constructor(private readonly deps: ApiDeps) {
    deps.db.exec(`
      CREATE TABLE IF NOT EXISTS graph_outbox (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        data TEXT NOT NULL
      );
    `);
  }

  /** What was sent, oldest first (newest last). */
  all(): unknown[] {
    const rows = sql(this.deps.db, "SELECT data FROM graph_outbox ORDER BY seq").all() as {
      data: string;
    }[];
    return rows.map((r) => JSON.parse(r.data) as unknown);
  }

  clear(): void {
    this.deps.db.exec("DELETE FROM graph_outbox");
  }

  /** `POST /me/sendMail` and `POST /users/{me}/sendMail`. */
  send(req: GraphRequest): HttpResponse {
    if (req.body.length > SENDMAIL_MAX_BYTES) {
      fail(
        413,
        "RequestEntityTooLarge",
        `The request is larger than ${SENDMAIL_MAX_BYTES} bytes. Attach large files with an upload session.`,
      );
    }
    const input = jsonBody(req);
    const message = input.message ?? input.Message;
    if (!isRecord(message))
      fail(400, "ErrorInvalidRequest", "The 'message' parameter is required.");
    const to = recipients(message.toRecipients, "toRecipients");
    const cc = recipients(message.ccRecipients, "ccRecipients");
    const bcc = recipients(message.bccRecipients, "bccRecipients");
    if (to.length + cc.length + bcc.length === 0) {
      fail(
        400,
        "ErrorInvalidRecipients",
        "At least one recipient is not valid., Recipient is missing.",
      );
    }
    const body = isRecord(message.body) ? message.body : { contentType: "text", content: "" };
    const contentType = (str(body.contentType) ?? "text").toLowerCase();
    if (contentType !== "html" && contentType !== "text") {
      fail(
        400,
        "RequestBodyRead",
        `Cannot convert the literal '${contentType}' to the expected type 'microsoft.graph.bodyType'.`,
      );
    }
    const entry = {
      id: crypto.randomUUID(),
      sentDateTime: this.deps.now().toISOString(),
      from: { emailAddress: { name: req.user.displayName, address: req.user.upn } },
      subject: str(message.subject) ?? "",
      body: { contentType, content: str(body.content) ?? "" },
      toRecipients: to,
      ccRecipients: cc,
      bccRecipients: bcc,
      importance: str(message.importance) ?? "normal",
      attachments: fileAttachments(message.attachments),
      saveToSentItems: input.saveToSentItems !== false,
    };
    sql(this.deps.db, "INSERT INTO graph_outbox (data) VALUES (?)").run(JSON.stringify(entry));
    return { status: 202 };
  }
}

function recipients(
  v: unknown,
  name: string,
): { emailAddress: { name?: string; address: string } }[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v))
    fail(400, "ErrorInvalidRequest", `'${name}' must be an array of recipients.`);
  return v.map((r) => {
    const address =
      isRecord(r) && isRecord(r.emailAddress) ? str(r.emailAddress.address)?.trim() : undefined;
    if (!address || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(address)) {
      fail(
        400,
        "ErrorInvalidRecipients",
        `At least one recipient is not valid., Recipient '${address ?? ""}' is not resolved.`,
      );
    }
    const display = isRecord(r) && isRecord(r.emailAddress) ? str(r.emailAddress.name) : undefined;
    return { emailAddress: display ? { name: display, address } : { address } };
  });
}

/**
 * The message's attachments: each a `#microsoft.graph.fileAttachment` with a name and its bytes
 * in base64 (https://learn.microsoft.com/graph/api/resources/fileattachment); anything else is a
 * 400. The outbox keeps each with its decoded size.
 */
function fileAttachments(
  v: unknown,
): { name: string; contentType: string; size: number; contentBytes: string }[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) fail(400, "ErrorInvalidRequest", "'attachments' must be an array.");
  return v.map((a) => {
    if (!isRecord(a) || a["@odata.type"] !== "#microsoft.graph.fileAttachment") {
      fail(400, "ErrorInvalidRequest", "Only '#microsoft.graph.fileAttachment' is supported.");
    }
    const name = str(a.name)?.trim();
    if (!name) fail(400, "ErrorInvalidRequest", "The attachment's 'name' is required.");
    const contentBytes = str(a.contentBytes) ?? "";
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(contentBytes) || contentBytes.length % 4 !== 0) {
      fail(400, "ErrorInvalidRequest", "The attachment's 'contentBytes' is not valid base64.");
    }
    return {
      name,
      contentType: str(a.contentType) ?? "application/octet-stream",
      size: Buffer.from(contentBytes, "base64").length,
      contentBytes,
    };
  });
}
