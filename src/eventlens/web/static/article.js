/* eventlens article and event pages: highlight toggles, event cards linked to the
 * evidence sentence and to the map. The map points come from a JSON data block that
 * the server wrote with Jinja's tojson filter (HTML-safe). */
(function () {
  "use strict";
  const dataNode = document.getElementById("map-data");
  const points = dataNode ? JSON.parse(dataNode.textContent) : [];
  const svg = document.getElementById("map");
  const map = svg ? new window.EventLensMap(svg, { onSelect: (p) => activate(p.key, false) }) : null;
  const text = document.querySelector(".article-text");

  if (map) map.ready.then(() => map.setPoints(points), () => map.setPoints(points));

  function activate(index, scroll) {
    const key = String(index);
    document.querySelectorAll(".event-card").forEach((card) => {
      card.classList.toggle("active", card.dataset.event === key);
    });
    if (text) {
      let first = null;
      text.querySelectorAll(".hl-evsent").forEach((node) => {
        const on = (node.dataset.events || "").split(" ").includes(key);
        node.classList.toggle("active", on);
        if (on && !first) first = node;
      });
      if (first && scroll) first.scrollIntoView({ block: "center", behavior: "smooth" });
    }
    if (map) map.select(Number(index), true);
    document.body.dataset.activeEvent = key;
  }

  document.querySelectorAll(".event-card").forEach((card) => {
    card.addEventListener("click", (e) => {
      if (e.target.closest("a")) return;
      activate(card.dataset.event, true);
    });
  });

  document.querySelectorAll(".legend input[type=checkbox]").forEach((box) => {
    box.addEventListener("change", () => {
      if (text) text.classList.toggle("hide-" + box.value, !box.checked);
    });
  });

  // A link to a source sentence (#s-OFFSET) selects the first event reported in it.
  const hash = location.hash.match(/^#s-(\d+)$/);
  const card = hash && document.querySelector('.event-card[data-start="' + hash[1] + '"]');
  if (card) activate(card.dataset.event, true);
})();
