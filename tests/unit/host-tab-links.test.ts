import { routeFromSubEntityId, subEntityIdForRoute } from "../../src/host/deep-link.js";
import { createTabLinks } from "../../src/host/tab-links.js";

describe("tab links", () => {
  it("outside Teams links to the tab's address with the hash route", () => {
    const links = createTabLinks({ tabUrl: "https://digistyr.example/#/overblik" });
    expect(links.to("#/prioritering/runder/7")).toBe(
      "https://digistyr.example/#/prioritering/runder/7",
    );
  });

  it("with the Teams app id it is a Teams deep link whose subEntityId opens the same route", () => {
    const links = createTabLinks({
      tabUrl: "https://digistyr.example/",
      teamsAppId: "0d6a3c1e-1111-2222-3333-444455556666",
    });
    const link = new URL(links.to("#/moeder/12/referat"));
    expect(link.origin).toBe("https://teams.microsoft.com");
    expect(link.pathname).toBe("/l/entity/0d6a3c1e-1111-2222-3333-444455556666/digistyr");
    expect(link.searchParams.get("webUrl")).toBe("https://digistyr.example/#/moeder/12/referat");
    const context = JSON.parse(link.searchParams.get("context") ?? "{}") as {
      subEntityId: string;
    };
    expect(context.subEntityId).toBe("moeder/12/referat");
    expect(routeFromSubEntityId(context.subEntityId)).toBe("#/moeder/12/referat");
  });

  it("a sub-entity id opens any route the tab knows, and nothing else", () => {
    expect(routeFromSubEntityId("42")).toBe("#/initiativ/42");
    expect(routeFromSubEntityId("prioritering/runder/7")).toBe("#/prioritering/runder/7");
    expect(routeFromSubEntityId("moeder/beslutninger")).toBe("#/moeder/beslutninger");
    expect(routeFromSubEntityId("moeder/3")).toBe("#/moeder/3");
    expect(routeFromSubEntityId("ukendt/sted")).toBeUndefined();
    expect(routeFromSubEntityId("javascript:alert(1)")).toBeUndefined();
    expect(subEntityIdForRoute("#/moeder/3/")).toBe("moeder/3");
  });
});
