import { type M365, startM365 } from "../../src/emulator/server.js";

export type { M365 };

/** Starts the local Microsoft 365 in-process on a random loopback port (in-memory store). */
export function startLocalM365(options: Parameters<typeof startM365>[0] = {}): Promise<M365> {
  return startM365({ port: 0, ...options });
}

/** The `Authorization` header value the local server accepts for a demo user. */
export function devToken(upn: string): string {
  return `Bearer dev:${upn}`;
}
