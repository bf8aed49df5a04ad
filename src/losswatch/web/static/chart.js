/* What the dashboard's charts share: fetch the JSON a chart's box names (data-src) and hand it
   to the page's draw function; on failure say so in the chart's place, in the page's language
   (data-error; the server-rendered table below has the same numbers). No inline script: the
   page's CSP forbids it. */
window.losswatchChart = function (box, draw) {
  "use strict";
  fetch(box.getAttribute("data-src"), { headers: { Accept: "application/json" } })
    .then(function (r) {
      if (!r.ok) { throw new Error("HTTP " + r.status); }
      return r.json();
    })
    .then(draw)
    .catch(function (err) {
      var p = document.createElement("p");
      p.className = "nojs";
      p.textContent = (box.getAttribute("data-error") || "Chart unavailable.") + " (" + err.message + ")";
      box.textContent = "";
      box.appendChild(p);
    });
};
