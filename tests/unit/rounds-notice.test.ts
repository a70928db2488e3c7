/**
 * The round notice and the reminder mail are built with SafeHtml: the Teams deep link to the
 * round's ballot is in the posted HTML, a typed `<script>` in a round or candidate title is
 * escaped, and a link that is not https (or local mode's localhost) is left out as a link.
 */
import type { ChannelAddress, ChannelPostRequest } from "../../src/domain/communication.js";
import type { RoundId } from "../../src/domain/ids.js";
import type { RoundDraft } from "../../src/domain/prioritization.js";
import { SETTING_KEYS } from "../../src/domain/strategy.js";
import type { ChannelPoster } from "../../src/ports/channel.js";
import { ballotReminderMail, openRound, roundNoticeHtml } from "../../src/use-cases/rounds.js";
import { aRef, aRound, aSetting } from "../support/builders.js";
import { aClock, me, member, secretary } from "../support/builders-lifecycle.js";
import { memoryRepositories } from "../support/memory-repositories.js";
import { accepted } from "../support/outcome.js";

const deepLink = (id: RoundId) =>
  `https://teams.microsoft.com/l/entity/app-id/digistyr?context=${encodeURIComponent(
    JSON.stringify({ subEntityId: `#/prioritering/runder/${id}` }),
  )}`;

const evil = `Forår <script>alert("x")</script>`;

function draft(): Omit<RoundDraft, "state"> {
  const { state: _s, ...rest } = aRound({
    title: evil,
    candidates: [aRef(1, `Chatbot <img src=x onerror=alert(1)>`), aRef(2, "Digital post")],
  });
  return rest;
}

describe("the round notice in the committee's channel", () => {
  it("holds the Teams deep link to the ballot and escapes a typed <script> in the title", async () => {
    const user = me(secretary, "secretary");
    const { memory, repositories } = memoryRepositories(() => user.person);
    memory.settings.seed(
      aSetting({ key: SETTING_KEYS.committeeTeamId, value: "team-1" }),
      aSetting({ key: SETTING_KEYS.committeeChannelId, value: "chan-1" }),
    );
    const posts: { channel: ChannelAddress; request: ChannelPostRequest }[] = [];
    const channel: ChannelPoster = {
      post: (c, request) => {
        posts.push({ channel: c, request });
        return Promise.resolve({ id: "m1" as never, postedAt: "", webUrl: "https://teams/m1" });
      },
      list: () => Promise.resolve([]),
    };
    const { round, notice } = await accepted(
      openRound(
        {
          repositories,
          currentUser: { me: () => Promise.resolve(user) },
          clock: aClock("2026-03-05T10:00:00Z"),
          channel,
        },
        draft(),
        { link: deepLink, closesText: "15. marts 2026" },
      ),
    );
    expect(notice.kind).toBe("posted");
    const html = posts[0]!.request.html;
    // The deep link, attribute-escaped (& and " would be &amp; and &quot;).
    const href = deepLink(round.id).replace(/&/g, "&amp;").replace(/"/g, "&quot;");
    expect(html).toContain(`<a href="${href}">Afgiv din stemme i Digistyr</a>`);
    expect(html).toContain(encodeURIComponent(`#/prioritering/runder/${round.id}`));
    expect(html).not.toContain("<script");
    expect(html).toContain("Forår &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(html).not.toContain("<img");
    expect(html).toContain("<li>Chatbot &lt;img src=x onerror=alert(1)&gt;</li>");
    expect(html).toContain("Runden lukker 15. marts 2026.");
  });

  it("writes a non-https link as text, never as a link", () => {
    const round = { ...aRound({ title: "R" }), id: 7 as RoundId };
    const html = roundNoticeHtml(round as never, "javascript:alert(1)", null);
    expect(html).not.toContain("<a ");
    expect(html).not.toContain("javascript:");
    expect(
      roundNoticeHtml(round as never, "http://localhost:5173/#/prioritering/runder/7", null),
    ).toContain(`<a href="http://localhost:5173/#/prioritering/runder/7">`);
  });
});

describe("the reminder mail", () => {
  it("holds the deep link and escapes the member's name and the round title", () => {
    const round = { ...aRound({ title: evil }), id: 7 as RoundId };
    const mail = ballotReminderMail({ ...member, name: "Ida <b>Berg</b>" }, round as never, {
      link: deepLink(7 as RoundId),
      closesText: null,
      senderName: "Sekretariatet",
    });
    expect(mail.html).toContain(
      `href="${deepLink(7 as RoundId)
        .replace(/&/g, "&amp;")
        .replace(/"/g, "&quot;")}"`,
    );
    expect(mail.html).toContain("Kære Ida &lt;b&gt;Berg&lt;/b&gt;");
    expect(mail.html).not.toContain("<script");
    expect(mail.html).toContain("Venlig hilsen<br>Sekretariatet");
  });
});
