import type { MailAttachment, MailMessage } from "../../domain/communication.js";
import { StoreError } from "../../domain/errors.js";
import type { Mailer } from "../../ports/mail.js";
import type { GraphHttp } from "./graph-http.js";

/**
 * Mailer on `POST /me/sendMail` (Mail.Send), which answers 202 with no body
 * (https://learn.microsoft.com/graph/api/user-sendmail).
 */

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

export class GraphMailer implements Mailer {
  constructor(private readonly http: GraphHttp) {}

  async send(message: MailMessage): Promise<void> {
    const to = message.to.map((a) => a.trim()).filter(Boolean);
    const cc = (message.cc ?? []).map((a) => a.trim()).filter(Boolean);
    if (to.length === 0) {
      throw new StoreError("Invalid", "Mailen skal have mindst én modtager.", { field: "to" });
    }
    const bad = [...to, ...cc].find((a) => !EMAIL.test(a));
    if (bad) throw new StoreError("Invalid", `Ugyldig e-mailadresse: ${bad}`, { field: "to" });
    if (!message.subject.trim()) {
      throw new StoreError("Invalid", "Mailen skal have et emne.", { field: "subject" });
    }
    const recipients = (list: string[]) => list.map((address) => ({ emailAddress: { address } }));
    await this.http.post("/me/sendMail", {
      message: {
        subject: message.subject,
        body: { contentType: "HTML", content: message.html },
        toRecipients: recipients(to),
        ...(cc.length ? { ccRecipients: recipients(cc) } : {}),
        ...(message.attachments?.length
          ? { attachments: message.attachments.map(fileAttachment) }
          : {}),
      },
      saveToSentItems: message.saveToSentItems ?? true,
    });
  }
}

/**
 * A file as a Graph fileAttachment: its bytes in base64 in `contentBytes`
 * (https://learn.microsoft.com/graph/api/resources/fileattachment).
 */
function fileAttachment(a: MailAttachment) {
  return {
    "@odata.type": "#microsoft.graph.fileAttachment",
    name: a.name,
    contentType: a.contentType,
    contentBytes: base64Of(a.bytes),
  };
}

/** Base64 of bytes, in Node and in the browser (btoa on chunks small enough for apply). */
export function base64Of(bytes: Uint8Array): string {
  let binary = "";
  const chunk = 0x8000;
  for (let k = 0; k < bytes.length; k += chunk) {
    binary += String.fromCharCode(...bytes.subarray(k, k + chunk));
  }
  return btoa(binary);
}
