// folio-charts.js draws every chart of a page with ECharts. Each chart's
// option is JSON in the data-chart-option attribute of its container, so
// no page carries inline script. Charts draw as SVG: crisp in print and
// text that can be selected.
(function () {
  "use strict";
  var charts = [];

  function draw() {
    if (typeof echarts === "undefined") {
      return;
    }
    var nodes = document.querySelectorAll("[data-chart-option]");
    for (var i = 0; i < nodes.length; i++) {
      var el = nodes[i];
      try {
        var option = JSON.parse(el.getAttribute("data-chart-option"));
        var chart = echarts.init(el, null, { renderer: "svg" });
        chart.setOption(option);
        el.setAttribute("data-chart-drawn", "true");
        charts.push(chart);
      } catch (err) {
        el.setAttribute("data-chart-error", String(err));
        if (window.console) {
          console.error("folio: chart " + el.id + " could not be drawn:", err);
        }
      }
    }
  }

  function resize() {
    for (var i = 0; i < charts.length; i++) {
      charts[i].resize();
    }
  }

  // Printed pages cannot be clicked: open every data table for print and
  // close again those that were closed.
  var opened = [];
  function beforePrint() {
    var details = document.querySelectorAll("details.chart-data:not([open])");
    for (var i = 0; i < details.length; i++) {
      details[i].open = true;
      opened.push(details[i]);
    }
    resize();
  }
  function afterPrint() {
    while (opened.length) {
      opened.pop().open = false;
    }
    resize();
  }

  window.addEventListener("resize", resize);
  window.addEventListener("beforeprint", beforePrint);
  window.addEventListener("afterprint", afterPrint);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
