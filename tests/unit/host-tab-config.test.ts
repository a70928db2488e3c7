/**
 * The channel tab's configuration (host side): which page load is the configuration page, and
 * the configuration Teams stores, derived from where the page is served.
 */
import { channelTabConfig, isConfigMode } from "../../src/host/tab-config.js";

describe("the configuration page is recognised by ?mode=config", () => {
  test.each([
    ["?mode=config", true],
    ["?mode=config&foo=1", true],
    ["?foo=1&mode=config", true],
    ["", false],
    ["?mode=content", false],
    ["?mode=CONFIG", false],
  ])("%j → %s", (search, expected) => {
    expect(isConfigMode(search)).toBe(expected);
  });
});

describe("the channel tab's configuration", () => {
  test.each([
    ["https://digistyr.kommune.dk", "/", "https://digistyr.kommune.dk/"],
    ["https://kommune.dk", "/apps/digistyr/", "https://kommune.dk/apps/digistyr/"],
    ["http://localhost:4300", "/", "http://localhost:4300/"],
  ])("served from %s%s, the tab's content and website URL is %s", (origin, pathname, url) => {
    expect(channelTabConfig({ origin, pathname })).toEqual({
      contentUrl: url,
      websiteUrl: url,
      entityId: "digistyr",
      suggestedDisplayName: "Digistyr",
    });
  });
});
