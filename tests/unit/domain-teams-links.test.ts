/**
 * The join link the dashboard offers: https on a Teams host (including the links the local
 * emulator hands out), nothing else.
 */
import { isTeamsJoinUrl } from "../../src/domain/teams-links.js";

const emulatorJoinUrl =
  "https://teams.microsoft.com/l/meetup-join/19%3Ameeting_abc%40thread.v2/0?context=%7B%22Tid%22%3A%22t%22%2C%22Oid%22%3A%22o%22%7D";

describe("isTeamsJoinUrl", () => {
  it.each([
    ["a Teams meetup-join link", "https://teams.microsoft.com/l/meetup-join/19%3Ameeting_x/0"],
    ["the local emulator's join link", emulatorJoinUrl],
    ["a Teams subdomain", "https://gov.teams.microsoft.com/l/meetup-join/19%3Ameeting_x/0"],
    ["an upper-case host", "https://Teams.Microsoft.com/l/meetup-join/x"],
    ["surrounding spaces", "  https://teams.microsoft.com/meet/123?p=abc  "],
  ])("accepts %s", (_case, url) => {
    expect(isTeamsJoinUrl(url)).toBe(true);
  });

  it.each([
    ["plain http", "http://teams.microsoft.com/l/meetup-join/x"],
    ["another host", "https://teams.example/l/meetup-join/2"],
    ["a look-alike host", "https://teams.microsoft.com.evil.example/l/meetup-join/x"],
    ["a host merely ending in the name", "https://notteams.microsoft.com/l/x"],
    ["credentials before the host", "https://teams.microsoft.com@evil.example/l/x"],
    ["a user name on the Teams host", "https://user@teams.microsoft.com/l/x"],
    ["an explicit port", "https://teams.microsoft.com:8443/l/x"],
    ["a javascript: URL", "javascript:alert(1)//teams.microsoft.com"],
    ["a relative path", "/l/meetup-join/x"],
    ["an empty string", ""],
    ["not a URL", "Teams-møde"],
  ])("rejects %s", (_case, url) => {
    expect(isTeamsJoinUrl(url)).toBe(false);
  });
});
