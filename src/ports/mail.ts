/**
 * Mail from the signed-in user (status reports to Direktørforum).
 *
 * Errors: `StoreError`; an invalid address is `Invalid`.
 */
import type { MailMessage } from "../domain/communication.js";

export interface Mailer {
  /** Sends the mail; resolves once the service has accepted it. */
  send(message: MailMessage): Promise<void>;
}
