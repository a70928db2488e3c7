// The browser harness itself: the accessibility audit finds real violations (so "zero serious
// or critical" in the journeys means something), works under a strict Content-Security-Policy,
// pages cannot reach beyond loopback, and screenshots land where CI collects them.
import { existsSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

import {
  axeViolations,
  type Browser,
  describeViolations,
  launchBrowser,
  openPage,
  saveScreenshot,
  type TestPage,
} from "../support/browser.js";

const PAGES: Record<string, string> = {
  "/good.html": `<!doctype html><html lang="da"><head><title>Godt</title></head><body>
    <main><h1>Overblik</h1><button type="button">Gem</button>
    <img src="/logo.svg" alt="Kommunens logo"></main></body></html>`,
  "/bad.html": `<!doctype html><html lang="da"><head><title>Dårligt</title></head><body>
    <main><h1>Overblik</h1><button type="button"></button><img src="/logo.svg">
    <p style="color:#bbb;background:#fff">Svag tekst</p></main></body></html>`,
  "/external.html": `<!doctype html><html lang="da"><head><title>Ud</title>
    <script src="https://cdn.example.org/x.js"></script></head><body><main><h1>Ud</h1></main></body></html>`,
  "/logo.svg": `<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>`,
};

let server: Server;
let origin: string;
let browser: Browser | undefined;
const pages: TestPage[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const body = PAGES[req.url ?? ""];
    if (body === undefined) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, {
      "Content-Type": req.url?.endsWith(".svg") ? "image/svg+xml" : "text/html; charset=utf-8",
      // Like the tab's own policy: no inline scripts, inline styles allowed (Fluent UI needs them).
      "Content-Security-Policy":
        "default-src 'self'; script-src 'self' https://cdn.example.org; style-src 'self' 'unsafe-inline'",
    });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const p of pages) await p.close().catch(() => undefined);
  await browser?.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

async function open(path: string): Promise<TestPage> {
  const p = await openPage(browser!);
  pages.push(p);
  await p.page.goto(`${origin}${path}`);
  return p;
}

it("axe reports no serious or critical violations on an accessible page", async () => {
  const { page } = await open("/good.html");
  expect(describeViolations(await axeViolations(page))).toEqual([]);
});

it("axe reports the unnamed button, the image without alt text and the weak contrast", async () => {
  const { page } = await open("/bad.html");
  const ids = (await axeViolations(page)).map((v) => v.id).sort();
  expect(ids).toEqual(["button-name", "color-contrast", "image-alt"]);
});

it("a page cannot reach beyond loopback: the request is aborted and recorded", async () => {
  const { record } = await open("/external.html");
  expect(record.blocked).toEqual(["https://cdn.example.org/x.js"]);
});

it("screenshots are saved under test-results/screenshots", async () => {
  const { page } = await open("/good.html");
  const path = await saveScreenshot(page, "harness-good-page");
  try {
    expect(path).toMatch(/test-results[/\\]screenshots[/\\]harness-good-page\.png$/);
    expect(readFileSync(path).subarray(1, 4).toString("ascii")).toBe("PNG");
  } finally {
    rmSync(path, { force: true });
  }
  expect(existsSync(path)).toBe(false);
});
