/**
 * The rounds page gives the use case the tab's own link to the round: through
 * `useServices().links` (a Teams deep link inside Teams) when the services have it, else the
 * tab's address with the round's hash route. The notice in the committee's channel carries it.
 */
import { describe, expect, it } from "@jest/globals";
import { configure, fireEvent, screen } from "@testing-library/react";

import type { ChannelAddress, ChannelPostRequest } from "../../src/domain/communication.js";
import { idOf, type InitiativeId } from "../../src/domain/ids.js";
import { SETTING_KEYS } from "../../src/domain/strategy.js";
import type { TabLinks } from "../../src/ports/tab-links.js";
import RoundsView from "../../src/ui/prioritization/rounds/RoundsView.js";
import type { AppServices } from "../../src/ui/services.js";
import { anInitiative, aSetting } from "../support/builders.js";
import { me, secretary } from "../support/builders-lifecycle.js";
import { memoryRepositories } from "../support/memory-repositories.js";
import { renderWithProviders } from "./support.js";

configure({ asyncUtilTimeout: 5000 });

const teamsLink = (route: string) =>
  `https://teams.microsoft.com/l/entity/app-1/digistyr?context=${encodeURIComponent(
    JSON.stringify({ subEntityId: route.replace(/^#\//, "") }),
  )}`;

function setup(links: TabLinks | undefined) {
  const { memory, repositories } = memoryRepositories(() => secretary);
  memory.initiatives.seed(
    {
      ...anInitiative({ title: "Chatbot", phase: "Klar til prioritering" }),
      id: idOf<InitiativeId>(1),
    },
    {
      ...anInitiative({ title: "Digital post", phase: "Klar til prioritering" }),
      id: idOf<InitiativeId>(2),
    },
  );
  memory.settings.seed(
    aSetting({ key: SETTING_KEYS.committeeTeamId, value: "team-1" }),
    aSetting({ key: SETTING_KEYS.committeeChannelId, value: "chan-1" }),
  );
  const posts: { channel: ChannelAddress; request: ChannelPostRequest }[] = [];
  const services = {
    currentUser: { me: () => Promise.resolve(me(secretary, "secretary")) },
    repositories,
    clock: { now: () => new Date("2026-03-20T10:00:00Z") },
    channel: {
      post: (channel: ChannelAddress, request: ChannelPostRequest) => {
        posts.push({ channel, request });
        return Promise.resolve({ id: "m1", postedAt: "", webUrl: "https://teams/m1" });
      },
      list: () => Promise.resolve([]),
    },
    ...(links ? { links } : {}),
  } as unknown as AppServices;
  renderWithProviders(<RoundsView id={null} />, { services });
  return { memory, posts };
}

async function openRankingRound() {
  fireEvent.change(await screen.findByRole("textbox", { name: /Navn på runden/ }), {
    target: { value: "Forår" },
  });
  fireEvent.click(screen.getByRole("radio", { name: "Rangordning" }));
  fireEvent.click(screen.getByRole("button", { name: "Åbn runden" }));
  await screen.findByText(/Udvalgets kanal har fået besked med et link til stemmesedlen\.$/);
}

describe("the round notice's link", () => {
  it("is the Teams deep link from the services' links", async () => {
    const { memory, posts } = setup({ to: teamsLink });
    await openRankingRound();
    const [round] = memory.rounds.all();
    const href = teamsLink(`#/prioritering/runder/${round!.id}`);
    expect(posts).toHaveLength(1);
    expect(posts[0]!.request.html).toContain(`<a href="${href}">Afgiv din stemme i Digistyr</a>`);
  });

  it("falls back to the tab's own address with the round's route", async () => {
    const { memory, posts } = setup(undefined);
    await openRankingRound();
    const [round] = memory.rounds.all();
    expect(posts[0]!.request.html).toContain(
      `<a href="${window.location.origin}${window.location.pathname}#/prioritering/runder/${round!.id}">`,
    );
  });
});
