// folio-charts.js draws the charts folio generated, with ECharts, as SVG:
// crisp in print, and text that can be selected.
//
// It draws only what folio itself wrote: each chart's option is the JSON
// data block <script type="application/json" class="chart-option"> right
// after the chart's canvas (div.chart-canvas) inside its figure.chart, or
// after the div.chart-scroll holding the canvas of a chart too wide for a
// phone.
// Markdown cannot produce a <script> element, so no author can hand this
// loader an option; and no option may carry HTML or a link either way
// (see clean), since ECharts puts tooltip formatter strings into the page
// as HTML and opens title links with window.open. Nothing is read from
// data-* attributes, which authors could once write.
(function () {
  "use strict";
  // Each chart drawn: its ECharts instance, and its heights (see heightAt).
  var charts = [];

  // A chart this wide or narrower is drawn in its phone layout (the media
  // query folio writes in its option: phoneQuery in chart/option.go).
  var phoneWidth = 520;
  // The key of an option's height in its phone layout, where that layout
  // needs another than the page reserves (chart.PhoneHeightKey).
  var phoneHeightKey = "folioPhoneHeight";

  // heightAt is the height to draw a chart at, width pixels wide: its phone
  // height where it has one and the width is a phone's, or the height the
  // page reserved for it.
  function heightAt(entry, width) {
    return entry.phoneHeight > 0 && width <= phoneWidth ? entry.phoneHeight : entry.height;
  }

  // Options ECharts turns into HTML, styles or navigation: a formatter
  // string inside a tooltip (legend and series tooltips too) is HTML, and
  // so is the data view of the toolbox; links are opened on click.
  var dropAnywhere = { link: true, sublink: true, toolbox: true, extraCssText: true, appendToBody: true, appendTo: true, className: true };
  var dropInTooltip = { formatter: true };

  // clean removes from an option, in place, everything that could carry
  // HTML or a link: folio writes none of it. inTooltip is set below a
  // "tooltip" key.
  function clean(value, inTooltip) {
    if (Array.isArray(value)) {
      for (var i = 0; i < value.length; i++) {
        clean(value[i], inTooltip);
      }
      return;
    }
    if (value === null || typeof value !== "object") {
      return;
    }
    for (var key in value) {
      if (!Object.prototype.hasOwnProperty.call(value, key)) {
        continue;
      }
      if (dropAnywhere[key] || (inTooltip && dropInTooltip[key])) {
        delete value[key];
        continue;
      }
      clean(value[key], inTooltip || key === "tooltip");
    }
  }

  // A chart that cannot be drawn gives its place to its data table, so
  // the page never shows an empty box.
  function showTable(el) {
    el.hidden = true;
    var box = el.parentElement;
    if (box.classList.contains("chart-scroll")) {
      box.hidden = true;
      // Nothing left to scroll: the line that says it scrolls goes too.
      var hint = box.previousElementSibling;
      if (hint && hint.classList.contains("chart-scroll-hint")) {
        hint.hidden = true;
      }
    }
    var details = el.closest("figure").querySelector("details.chart-data");
    if (details) {
      details.open = true;
    }
  }

  function draw() {
    var blocks = document.querySelectorAll('figure.chart > script.chart-option[type="application/json"]');
    for (var i = 0; i < blocks.length; i++) {
      var block = blocks[i];
      var el = block.previousElementSibling;
      if (el && el.classList.contains("chart-scroll")) {
        el = el.firstElementChild;
      }
      if (!el || !el.classList.contains("chart-canvas")) {
        continue;
      }
      if (typeof echarts === "undefined") {
        el.setAttribute("data-chart-error", "ECharts did not load");
        showTable(el);
        continue;
      }
      try {
        var entry = { source: block.textContent, height: parseInt(el.style.height, 10) || 300 };
        var option = parseOption(entry);
        // The words shown in the box when this script does not run.
        var notDrawn = el.querySelector(".chart-not-drawn");
        if (notDrawn) {
          el.removeChild(notDrawn);
        }
        el.style.height = heightAt(entry, el.clientWidth) + "px";
        var chart = echarts.init(el, null, { renderer: "svg" });
        chart.setOption(option);
        entry.phone = chart.getWidth() <= phoneWidth;
        fit(chart);
        el.setAttribute("data-chart-drawn", "true");
        entry.chart = chart;
        charts.push(entry);
      } catch (err) {
        el.setAttribute("data-chart-error", String(err));
        showTable(el);
        if (window.console) {
          console.error("folio: chart " + el.id + " could not be drawn:", err);
        }
      }
    }
  }

  // parseOption reads a chart's option from its JSON, cleaned, and takes
  // its phone height (phoneHeightKey) into entry.
  function parseOption(entry) {
    var option = JSON.parse(entry.source);
    clean(option, false);
    entry.phoneHeight = Number(option[phoneHeightKey]) || 0;
    delete option[phoneHeightKey];
    return option;
  }

  // layoutFor draws the chart anew, from its option, when its width has
  // crossed phoneWidth since it was last laid out. ECharts applies a
  // media query's option when it comes to match, but does not take it
  // back when it stops (an option has no default for it to go back to):
  // a phone turned sideways, or the board printed from a phone, kept the
  // phone's layout in the desktop's height.
  function layoutFor(entry) {
    var phone = entry.chart.getWidth() <= phoneWidth;
    if (phone !== entry.phone) {
      entry.phone = phone;
      entry.chart.setOption(parseOption(entry), true);
    }
  }

  // fit gives a drawing a viewBox of its own size, so CSS can scale it to
  // its box: on paper (folio.css), a drawing is never cut off, whatever
  // width the screen drew it at.
  function fit(chart) {
    var svg = chart.getDom().querySelector("svg");
    if (svg) {
      svg.setAttribute("viewBox", "0 0 " + chart.getWidth() + " " + chart.getHeight());
    }
  }

  // resize redraws every chart at its box's width, on screen only: a
  // browser counts the printed pages before a redraw could apply, so in
  // print the drawings keep their proportions and scale to the paper.
  function resize() {
    if (window.matchMedia && window.matchMedia("print").matches) {
      return;
    }
    for (var i = 0; i < charts.length; i++) {
      var chart = charts[i].chart, dom = chart.getDom();
      dom.style.height = heightAt(charts[i], dom.clientWidth) + "px";
      chart.resize({ width: "auto", height: "auto" });
      layoutFor(charts[i]);
      fit(chart);
    }
  }

  var minPaperHeight = 240;

  // forPaper redraws, before printing, the charts for which the theme
  // fixes the width drawn at (the CSS custom property --draw-width on the
  // canvas; --draw-height, a factor, draws bars closer together): print
  // scales each drawing to the paper (folio.css), so the printed pages
  // are the same whatever the window printed from. On screen charts keep
  // their box's width, where the mouse finds what it points at.
  function forPaper(entry) {
    var chart = entry.chart, dom = chart.getDom(), style = getComputedStyle(dom);
    var width = parseFloat(style.getPropertyValue("--draw-width"));
    if (!(width > 0)) {
      return;
    }
    // The factor draws the bars closer; the legend, axes and labels keep
    // their size, so a chart of a few bars keeps its height (up to
    // minPaperHeight) and a taller one is not drawn shorter than that.
    var drawn = heightAt(entry, width);
    var onPaper = Math.max(drawn * (parseFloat(style.getPropertyValue("--draw-height")) || 1), Math.min(drawn, minPaperHeight));
    chart.resize({ width: width, height: Math.round(onPaper) });
    layoutFor(entry);
    // Print lays the page out at once, with no animation frame to draw in.
    chart.getZr().refreshImmediately();
    fit(chart);
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
    for (var j = 0; j < charts.length; j++) {
      forPaper(charts[j]);
    }
  }
  function afterPrint() {
    while (opened.length) {
      opened.pop().open = false;
    }
    resize();
  }

  window.addEventListener("resize", resize);
  // Back on screen after printing, redraw at the screen's sizes.
  if (window.matchMedia) {
    var print = window.matchMedia("print");
    if (print.addEventListener) {
      print.addEventListener("change", resize);
    }
  }
  window.addEventListener("beforeprint", beforePrint);
  window.addEventListener("afterprint", afterPrint);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
