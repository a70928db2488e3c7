/**
 * The local Microsoft 365's HTTP front door over raw sockets: the token is checked before a body
 * is read (a request without one is answered even when its body never ends), bodies over the
 * limit get 413 (declared up front or counted while streaming), `Expect: 100-continue` is
 * honoured only after the checks, and only loopback `Host` names are answered (DNS rebinding).
 */
import { connect, type Socket } from "node:net";

import { devToken, type M365, startLocalM365 } from "../support/m365.js";

const LIMIT = 4096;

let m365: M365;
let user: string;

beforeAll(async () => {
  m365 = await startLocalM365({ maxBodyBytes: LIMIT });
  [, user = ""] = m365.users;
});
afterAll(() => m365.close());

interface Exchange {
  /** Everything the server sent. */
  text: string;
  /** The status of the (last) final response. */
  status: number;
  /** Bytes of body the client had written when the server closed the connection. */
  sent: number;
}

function statusOf(text: string): number {
  const finals = [...text.matchAll(/^HTTP\/1\.1 (\d{3})/gm)]
    .map((m) => Number(m[1]))
    .filter((s) => s >= 200);
  return finals.at(-1) ?? 0;
}

/**
 * Sends `head` (request line and headers, without the blank line) and resolves once the server
 * has closed the connection. With `forever`, a chunked body follows that never ends (a 1 KB chunk
 * every few milliseconds, never the last chunk). Without it the request asks the server to close
 * after answering (`Connection: close`), unless `keepAlive`: then only the server's own decision
 * to close ends the exchange.
 */
function exchange(
  head: string,
  options: { forever?: boolean; keepAlive?: boolean } = {},
): Promise<Exchange> {
  return new Promise((resolve) => {
    const socket: Socket = connect(m365.port, "127.0.0.1");
    let text = "";
    let sent = 0;
    let timer: NodeJS.Timeout | undefined;
    const chunk = `400\r\n${"x".repeat(1024)}\r\n`;
    socket.on("data", (d: Buffer) => (text += d.toString("latin1")));
    // Writing on after the server closed may fail (EPIPE, ECONNRESET): what it answered counts.
    socket.on("error", () => undefined);
    socket.on("close", () => {
      if (timer) clearInterval(timer);
      resolve({ text, status: statusOf(text), sent });
    });
    socket.on("connect", () => {
      const close = options.forever || options.keepAlive ? "" : "\r\nConnection: close";
      socket.write(`${head}${close}\r\n\r\n`);
      if (options.forever) {
        timer = setInterval(() => {
          if (socket.writable) {
            socket.write(chunk);
            sent += 1024;
          }
        }, 2);
      }
    });
  });
}

function host(): string {
  return `127.0.0.1:${m365.port}`;
}

describe("local Microsoft 365: authentication before the body", () => {
  test.each([
    ["Graph", "/v1.0/me/sendMail", "InvalidAuthenticationToken"],
    ["SharePoint", "/sites/digistyr/_api/web/lists", "Invalid or missing bearer token"],
  ])(
    "%s: a request without a token whose body never ends is answered 401 and the connection closed",
    async (_name, path, marker) => {
      const x = await exchange(
        `POST ${path} HTTP/1.1\r\nHost: ${host()}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked`,
        { forever: true },
      );
      expect(x.status).toBe(401);
      expect(x.text).toContain(marker);
      expect(x.text).toMatch(/^connection: close$/im);
    },
  );

  test("an unknown token with a declared body of 10 GB is answered 401 without waiting for a byte of it", async () => {
    const x = await exchange(
      `POST /v1.0/me/events HTTP/1.1\r\nHost: ${host()}\r\nAuthorization: Bearer dev:nobody@example.com\r\nContent-Type: application/json\r\nContent-Length: 10737418240`,
      { keepAlive: true },
    );
    expect(x.status).toBe(401);
    expect(x.text).toMatch(/^connection: close$/im);
  });

  test("Expect: 100-continue without a token gets 401 and no invitation to send the body", async () => {
    const x = await exchange(
      `POST /v1.0/me/sendMail HTTP/1.1\r\nHost: ${host()}\r\nContent-Type: application/json\r\nContent-Length: 100\r\nExpect: 100-continue`,
      { keepAlive: true },
    );
    expect(x.text).not.toMatch(/^HTTP\/1\.1 100/m);
    expect(x.status).toBe(401);
  });

  test("Expect: 100-continue with a valid token is invited, and the body then sent is handled", async () => {
    const body = JSON.stringify({
      message: { subject: "Hej", toRecipients: [{ emailAddress: { address: user } }] },
    });
    const text = await new Promise<string>((resolve) => {
      const socket = connect(m365.port, "127.0.0.1");
      let got = "";
      socket.on("data", (d: Buffer) => {
        got += d.toString("utf8");
        if (/^HTTP\/1\.1 100 Continue\r\n\r\n$/.test(got)) socket.write(body);
        if (/^HTTP\/1\.1 202/m.test(got)) socket.end();
      });
      socket.on("close", () => resolve(got));
      socket.write(
        `POST /v1.0/me/sendMail HTTP/1.1\r\nHost: ${host()}\r\nAuthorization: ${devToken(user)}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nExpect: 100-continue\r\n\r\n`,
      );
    });
    expect(text).toMatch(/^HTTP\/1\.1 100 Continue\r\n\r\nHTTP\/1\.1 202 /);
  });
});

describe("local Microsoft 365: body size", () => {
  test("a declared Content-Length over the limit is 413 before any of the body is sent", async () => {
    const x = await exchange(
      `POST /v1.0/me/sendMail HTTP/1.1\r\nHost: ${host()}\r\nAuthorization: ${devToken(user)}\r\nContent-Type: application/json\r\nContent-Length: ${LIMIT + 1}`,
      { keepAlive: true },
    );
    expect(x.status).toBe(413);
    expect(x.text).toContain('"code":"RequestEntityTooLarge"');
    expect(x.text).toMatch(/^connection: close$/im);
  });

  test("a chunked body that grows past the limit is 413 while it streams, and the rest is not read", async () => {
    const x = await exchange(
      `POST /sites/digistyr/_api/web/lists HTTP/1.1\r\nHost: ${host()}\r\nAuthorization: ${devToken(user)}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked`,
      { forever: true },
    );
    expect(x.status).toBe(413);
    expect(x.text).toContain("odata.error");
    expect(x.sent).toBeGreaterThan(LIMIT);
  });

  test("a body within the limit is read and handled", async () => {
    const res = await fetch(`${m365.graph}/me/sendMail`, {
      method: "POST",
      headers: { Authorization: devToken(user), "Content-Type": "application/json" },
      body: JSON.stringify({
        message: {
          subject: "Inden for grænsen",
          body: { contentType: "text", content: "x".repeat(LIMIT / 2) },
          toRecipients: [{ emailAddress: { address: user } }],
        },
      }),
    });
    expect(res.status).toBe(202);
  });

  test("the admin routes are held to the same limit", async () => {
    const x = await exchange(
      `POST /_admin/faults HTTP/1.1\r\nHost: ${host()}\r\nContent-Type: application/json\r\nContent-Length: ${LIMIT * 10}`,
      { keepAlive: true },
    );
    expect(x.status).toBe(413);
  });
});

describe("local Microsoft 365: only loopback Host names (DNS rebinding)", () => {
  test.each([
    "attacker.example",
    "attacker.example:80",
    `127.0.0.1.nip.io:${String(4242)}`,
    "localhost.attacker.example",
    "192.168.1.20:8080",
  ])(
    "Host %s is refused 421 on Graph, SharePoint and the admin routes, before the token",
    async (name) => {
      for (const [path, auth] of [
        ["/v1.0/me", `\r\nAuthorization: ${devToken(user)}`],
        ["/v1.0/me", ""],
        ["/sites/digistyr/_api/web", `\r\nAuthorization: ${devToken(user)}`],
        ["/_admin/outbox", ""],
      ] as const) {
        const x = await exchange(`GET ${path} HTTP/1.1\r\nHost: ${name}${auth}`);
        expect({ path, status: x.status }).toEqual({ path, status: 421 });
        expect(x.text).not.toContain("Birgitte");
      }
    },
  );

  test.each(["localhost", "LOCALHOST", "127.0.0.1", "[::1]"])(
    "Host %s (with or without a port) is answered",
    async (name) => {
      for (const h of [name, `${name}:${m365.port}`]) {
        const x = await exchange(`GET /_admin/health HTTP/1.1\r\nHost: ${h}`);
        expect({ h, status: x.status }).toEqual({ h, status: 200 });
      }
      const me = await exchange(
        `GET /v1.0/me HTTP/1.1\r\nHost: ${name}:${m365.port}\r\nAuthorization: ${devToken(user)}`,
      );
      expect(me.status).toBe(200);
    },
  );

  test("an absolute-form target naming another host is refused even with a loopback Host header", async () => {
    const x = await exchange(
      `GET http://attacker.example/_admin/outbox HTTP/1.1\r\nHost: ${host()}`,
    );
    expect(x.status).toBe(421);
  });

  test("a request without a Host header is 400", async () => {
    const x = await exchange("GET /_admin/health HTTP/1.0");
    expect(x.status).toBe(400);
  });
});

describe("local Microsoft 365: admin routes keep their rules", () => {
  test("health answers, and a web page (Origin) is refused 403", async () => {
    expect((await fetch(`${m365.origin}/_admin/health`)).status).toBe(200);
    const fromPage = await fetch(`${m365.origin}/_admin/faults`, {
      method: "POST",
      headers: { Origin: "http://localhost:4300", "Content-Type": "application/json" },
      body: JSON.stringify({ throttle: 1 }),
    });
    expect(fromPage.status).toBe(403);
    const faults = (await (await fetch(`${m365.origin}/_admin/faults`)).json()) as {
      config: { throttle: number };
    };
    expect(faults.config.throttle).toBe(0);
  });
});
