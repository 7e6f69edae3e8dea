/* eventlens page helpers shared by the map, the timeline and the dashboard. */
(function () {
  "use strict";
  const SVG_NS = "http://www.w3.org/2000/svg";

  // An SVG element with attributes and, optionally, text (always via textContent).
  function svg(name, attrs, text) {
    const node = document.createElementNS(SVG_NS, name);
    Object.entries(attrs || {}).forEach(([k, v]) => node.setAttribute(k, String(v)));
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // A chart element reachable by Tab that acts on click, Enter or Space.
  function pressable(node, label, action) {
    node.setAttribute("tabindex", "0");
    node.setAttribute("role", "button");
    node.setAttribute("aria-label", label);
    node.addEventListener("click", action);
    node.addEventListener("keydown", (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); action(); } });
  }

  window.EventLensUI = { svg: svg, pressable: pressable };
})();
