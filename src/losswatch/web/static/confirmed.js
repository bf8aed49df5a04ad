/* Claimed vs confirmed chart: the General Staff's and Oryx's running totals, the ratio under
   them, from /api/v1/confirmed/{category}. The table below the chart has the same numbers, so
   nothing depends on this script. No inline script: the page's CSP forbids it. */
(function () {
  "use strict";
  var box = document.getElementById("confirmed-chart");
  if (!box || typeof window.Plotly === "undefined" || !window.losswatchChart) { return; }

  function line(points, field, name, axis) {
    return {
      x: points.map(function (p) { return p.date; }),
      y: points.map(function (p) { return p[field]; }),
      name: name, type: "scatter", mode: "lines", yaxis: axis, connectgaps: false,
      hovertemplate: "%{x}: %{y:,}<extra>" + name + "</extra>"
    };
  }

  function draw(payload) {
    var points = payload.data.points;
    var traces = [
      line(points, "claimed", box.getAttribute("data-claimed"), "y"),
      line(points, "confirmed", box.getAttribute("data-confirmed"), "y"),
      line(points, "ratio", box.getAttribute("data-ratio"), "y2")
    ];
    var layout = {
      margin: { t: 48, r: 16, b: 48, l: 64 },
      legend: { orientation: "h", x: 0, y: 1.02, yanchor: "bottom" },
      yaxis: { domain: [0.38, 1], rangemode: "tozero", separatethousands: true },
      yaxis2: { domain: [0, 0.28], rangemode: "tozero", title: { text: box.getAttribute("data-ratio") } },
      font: { family: "system-ui, sans-serif" }
    };
    box.textContent = "";
    window.Plotly.newPlot(box, traces, layout, { responsive: true, displaylogo: false });
  }

  window.losswatchChart(box, draw);
})();
