/* Explore chart: draws the table of /api/v1/explore with the bundled plotly.min.js.
   The same numbers are in the server-rendered table below the chart, so nothing depends on
   this script; it only adds the picture. No inline script: the page's CSP forbids it. */
(function () {
  "use strict";
  var box = document.getElementById("chart");
  if (!box || typeof window.Plotly === "undefined" || !window.losswatchChart) { return; }

  function columnsOf(table) {
    var index = table.columns[0];
    var series = [];
    for (var i = 1; i < table.columns.length; i++) {
      series.push({ col: table.columns[i], at: i });
    }
    return { index: index, series: series };
  }

  function traces(table) {
    var cols = columnsOf(table);
    var x = table.rows.map(function (r) { return r[0]; });
    return cols.series.map(function (s) {
      var y = table.rows.map(function (r) { return r[s.at]; });
      var isMean = s.col.stat.indexOf("mean") === 0;
      var trace = { x: x, y: y, name: s.col.label, type: "scatter", mode: "lines",
                    connectgaps: false, hovertemplate: "%{x}: %{y:,}<extra>" + s.col.label + "</extra>" };
      if (table.kind === "monthly") { trace.type = "bar"; delete trace.mode; }
      if (table.kind === "daily" && !isMean) { trace.line = { width: 1 }; trace.opacity = 0.45; }
      if (isMean) { trace.line = { width: 2.5 }; }
      return trace;
    });
  }

  function draw(payload) {
    var table = payload.data;
    var layout = {
      margin: { t: 48, r: 16, b: 56, l: 64 },
      legend: { orientation: "h", x: 0, y: 1.02, yanchor: "bottom" },
      xaxis: { title: { text: box.getAttribute("data-x-title") || table.columns[0].label } },
      yaxis: { rangemode: "tozero", separatethousands: true, automargin: true,
               title: { text: box.getAttribute("data-y-title") || "" } },
      separators: box.getAttribute("data-separators") || ".,",
      barmode: "group",
      font: { family: "system-ui, sans-serif" }
    };
    if (box.getAttribute("data-tickformat")) { layout.xaxis.tickformat = box.getAttribute("data-tickformat"); }
    box.textContent = "";
    window.Plotly.newPlot(box, traces(table), layout, { responsive: true, displaylogo: false });
  }

  window.losswatchChart(box, draw);
})();
