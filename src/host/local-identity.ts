/**
 * Local mode: who the user pretends to be. The demo identities come from the runtime config
 * (read by the tab server from the local Microsoft 365's site users and groups); the choice is
 * remembered in the browser's storage and can be changed. The adapters send the chosen user's
 * `dev:<upn>` token, which the local Microsoft 365 accepts, so the server (not the UI) decides
 * what that user may do.
 */
import type { TokenProvider } from "../ports/auth.js";
import { devTokenProvider } from "./dev-token.js";
import type { DemoIdentity } from "./runtime-config.js";

export const IDENTITY_STORAGE_KEY = "digistyr.localIdentity";

export type KeyValueStorage = Pick<Storage, "getItem" | "setItem" | "removeItem">;

export class NoIdentityChosenError extends Error {
  override readonly name = "NoIdentityChosenError";
  constructor() {
    super("No demo identity has been chosen yet");
  }
}

export class LocalIdentity {
  private chosen: DemoIdentity | undefined;
  private readonly listeners = new Set<(user: DemoIdentity | undefined) => void>();

  constructor(
    readonly users: readonly DemoIdentity[],
    private readonly storage: KeyValueStorage | undefined,
    /** A login hint from the (local) Teams host picks the identity without asking. */
    loginHint?: string,
  ) {
    const wanted = loginHint ?? storage?.getItem(IDENTITY_STORAGE_KEY) ?? undefined;
    this.chosen = wanted ? this.find(wanted) : undefined;
    if (loginHint && this.chosen) storage?.setItem(IDENTITY_STORAGE_KEY, this.chosen.upn);
  }

  current(): DemoIdentity | undefined {
    return this.chosen;
  }

  /** Chooses a demo user by UPN (case-insensitive); returns false for an unknown UPN. */
  choose(upn: string): boolean {
    const user = this.find(upn);
    if (!user) return false;
    this.chosen = user;
    this.storage?.setItem(IDENTITY_STORAGE_KEY, user.upn);
    this.emit();
    return true;
  }

  /** Forgets the choice, so the picker is shown again. */
  clear(): void {
    this.chosen = undefined;
    this.storage?.removeItem(IDENTITY_STORAGE_KEY);
    this.emit();
  }

  subscribe(listener: (user: DemoIdentity | undefined) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** The token provider the adapters use: always the currently chosen user's `dev:<upn>`. */
  tokenProvider(): TokenProvider {
    return {
      getToken: (audience) => {
        const user = this.chosen;
        if (!user) return Promise.reject(new NoIdentityChosenError());
        return devTokenProvider(user.upn).getToken(audience);
      },
    };
  }

  private find(upn: string): DemoIdentity | undefined {
    const wanted = upn.trim().toLowerCase();
    return this.users.find((u) => u.upn.toLowerCase() === wanted);
  }

  private emit(): void {
    for (const l of this.listeners) l(this.chosen);
  }
}
