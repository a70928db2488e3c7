/** The shell's banner while an adapter waits out throttling before retrying (issue 4 §7). */
import { jest } from "@jest/globals";
import { act, screen } from "@testing-library/react";

import { createRetryNoticeHub } from "../../src/host/retry-notices.js";
import { RetryBanner } from "../../src/ui/shell/RetryBanner.js";
import { aMe, fakeServices, renderWithProviders } from "./support.js";

function renderBanner(language: "da" | "en" = "da") {
  const hub = createRetryNoticeHub();
  const services = {
    ...fakeServices({ me: () => Promise.resolve(aMe("Mads Kjær", ["secretary"])) }),
    retries: hub,
  };
  renderWithProviders(<RetryBanner />, { services, language });
  return hub;
}

afterEach(() => {
  jest.useRealTimers();
});

describe("RetryBanner", () => {
  it("says SharePoint is busy and when it tries again, in a polite live region, then hides", () => {
    jest.useFakeTimers();
    const hub = renderBanner();
    expect(screen.queryByTestId("retry-banner")).toBeNull();
    act(() => hub.notify({ service: "sharepoint", status: 429, waitMs: 4200 }));
    const banner = screen.getByTestId("retry-banner");
    expect(banner.textContent).toBe(
      "SharePoint har travlt og beder os vente. Vi prøver automatisk igen om 5 s — du skal ikke gøre noget.",
    );
    expect(screen.getByRole("status").getAttribute("aria-live")).toBe("polite");
    act(() => jest.advanceTimersByTime(4200 + 1500));
    expect(screen.queryByTestId("retry-banner")).toBeNull();
  });

  it("names Microsoft 365 for Graph and says it is not answering on 503, in English too", () => {
    const hub = renderBanner("en");
    act(() => hub.notify({ service: "graph", status: 503, waitMs: 2000 }));
    expect(screen.getByTestId("retry-banner").textContent).toBe(
      "Microsoft 365 is not answering right now. We will try again automatically in 2 s.",
    );
  });
});
