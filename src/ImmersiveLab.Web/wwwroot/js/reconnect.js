// What a learner sees when the connection to the lab drops (a network blip, the app restarting): a banner, retries
// that never give up, and, when the server answers but no longer knows this page's circuit (it restarted), a reload
// onto the same URL — the same lab and step, with the learner's saved edits (and unsaved ones from the browser's
// drafts) and progress. Started from App.razor with Blazor.start.
const RETRY_FAST_MS = 1000;
const RETRY_SLOW_MS = 3000;

export const reconnectionOptions = {
  maxRetries: 100000, // never show "failed": a classroom's network comes back, and the app restarts
  retryIntervalMilliseconds: (previousAttempts) => previousAttempts < 10 ? RETRY_FAST_MS : RETRY_SLOW_MS,
};

// While the connection is lost, a click would go nowhere (Blazor cannot send it): the lab is greyed out and takes no
// input until the connection is back, so a learner waits for the banner instead of clicking Run into the void.
const LOST = new Set(["show", "retrying", "failed", "rejected", "resume-failed"]);

function holdInput(lost) {
  const content = document.querySelector(".mud-main-content");
  if (content) content.inert = lost;
  document.documentElement.classList.toggle("il-connection-lost", lost);
}

export function watchReconnects() {
  const banner = document.getElementById("components-reconnect-modal");
  if (!banner) return;
  banner.addEventListener("components-reconnect-state-changed", (event) => {
    const state = event.detail?.state;
    banner.dataset.state = state ?? "hidden";
    holdInput(LOST.has(state));
    if (state === "rejected" || state === "resume-failed") reloadSoon(banner);
    else if (state === "failed") keepTrying(banner);
  });
}

function reloadSoon(banner) {
  banner.dataset.state = "reloading";
  holdInput(true);
  // Let the editors' last keystrokes reach the browser's drafts first.
  setTimeout(() => location.reload(), 100);
}

// Blazor gave up (only if its retries ran out): try on our own until the server answers.
function keepTrying(banner) {
  const attempt = async () => {
    try {
      if (await Blazor.reconnect()) return;
      reloadSoon(banner);
    } catch {
      setTimeout(attempt, RETRY_SLOW_MS);
    }
  };
  setTimeout(attempt, RETRY_SLOW_MS);
}
