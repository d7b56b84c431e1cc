// folio serve: live reload and error overlay. Injected into the pages the
// preview server sends, never into a built site. Problem text is only ever
// set with textContent.
(function (build) {
  "use strict";
  var scrollKey = "folio-serve:scroll:" + location.pathname;
  var overlay = null;
  var focusBefore = null;

  function restoreScroll() {
    var saved = null;
    try {
      saved = sessionStorage.getItem(scrollKey);
      sessionStorage.removeItem(scrollKey);
    } catch (e) {}
    if (!saved) return;
    var pos = JSON.parse(saved);
    var restore = function () { window.scrollTo(pos[0], pos[1]); };
    if (document.readyState === "complete") restore();
    else window.addEventListener("load", restore, { once: true });
  }

  function reload() {
    try {
      sessionStorage.setItem(scrollKey, JSON.stringify([window.scrollX, window.scrollY]));
    } catch (e) {}
    location.reload();
  }

  // Each stylesheet is replaced by a copy with a cache-busting query; the
  // old one goes once the new one has loaded, so the page never flashes
  // unstyled.
  function swapStylesheets() {
    var links = document.querySelectorAll('link[rel~="stylesheet"]');
    Array.prototype.forEach.call(links, function (old) {
      var url = new URL(old.href, location.href);
      if (url.origin !== location.origin) return;
      url.searchParams.set("folio-reload", String(Date.now()));
      var fresh = old.cloneNode(false);
      fresh.href = url.href;
      var done = function () { old.remove(); };
      fresh.addEventListener("load", done, { once: true });
      fresh.addEventListener("error", done, { once: true });
      old.after(fresh);
    });
  }

  function el(tag, text, css) {
    var e = document.createElement(tag);
    if (text) e.textContent = text;
    if (css) e.style.cssText = css;
    return e;
  }

  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }

  function hideProblems() {
    if (!overlay) return;
    overlay.remove();
    overlay = null;
    if (focusBefore && document.contains(focusBefore)) focusBefore.focus();
    focusBefore = null;
  }

  // important marks every declaration !important: inline important
  // declarations beat any rule of the page's own stylesheets.
  function important(css) {
    return css.split(";").filter(Boolean).map(function (d) { return d + " !important"; }).join(";");
  }

  // The overlay is an opaque panel whose contents live in a shadow root, so
  // that no stylesheet of the page (a theme override that styles every li,
  // hides buttons or fades body *) reaches them: readable over any page.
  function showProblems(msg) {
    hideProblems();
    var host = el("div", "", important("all:initial;display:block;position:fixed;top:0;right:0;bottom:0;left:0;" +
      "z-index:2147483647;opacity:1;visibility:visible;transform:none;filter:none;margin:0;padding:0;" +
      "background:#18181b;color:#f4f4f5"));
    host.id = "folio-serve-problems";
    var root = host.attachShadow ? host.attachShadow({ mode: "open" }) : host;
    var box = el("div", "", "position:absolute;top:0;right:0;bottom:0;left:0;overflow:auto;box-sizing:border-box;" +
      "padding:2rem;margin:0;text-align:left;background:#18181b;color:#f4f4f5;font:15px/1.55 system-ui,sans-serif");
    box.setAttribute("role", "alertdialog");
    box.setAttribute("aria-labelledby", "folio-serve-problems-title");
    box.setAttribute("aria-describedby", "folio-serve-problems-list");
    var counts = plural(msg.errors, "error");
    if (msg.warnings) counts += ", " + plural(msg.warnings, "warning");
    var title = el("h2", "The site has " + counts, "margin:0 0 .5rem;font:700 1.4rem/1.3 system-ui,sans-serif;color:#fca5a5");
    title.id = "folio-serve-problems-title";
    var note = el("p", "These pages are the last version that built. Fix the file and save: " +
      "this page updates by itself. The terminal running folio serve shows the same list.", "margin:0 0 1rem;max-width:48rem");
    var close = el("button", "Close", "font:inherit;margin:0 0 1.5rem;padding:.35rem 1rem;border:2px solid #f4f4f5;" +
      "border-radius:4px;background:#f4f4f5;color:#18181b;cursor:pointer");
    close.type = "button";
    close.addEventListener("click", hideProblems);
    var list = el("ul", "", "list-style:none;margin:0;padding:0;font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace");
    list.id = "folio-serve-problems-list";
    (msg.problems || []).forEach(function (p) {
      var warning = p.indexOf(": warning: ") >= 0;
      list.appendChild(el("li", p, "margin:0 0 .75rem;padding:.4rem .75rem;white-space:pre-wrap;overflow-wrap:anywhere;" +
        "color:#f4f4f5;background:#27272a;border-left:4px solid " + (warning ? "#fcd34d" : "#f87171")));
    });
    box.addEventListener("keydown", function (e) { if (e.key === "Escape") hideProblems(); });
    box.append(title, note, close, list);
    root.appendChild(box);
    focusBefore = document.activeElement;
    // On the root element, outside body: a page that fades, blurs or
    // transforms its body does not reach the panel.
    document.documentElement.appendChild(host);
    overlay = host;
    close.focus({ preventScroll: true });
  }

  // Only visible pages hold a connection: browsers allow a handful of
  // HTTP/1.1 connections per host, and each open tab would take one. A page
  // shown again reconnects, and its hello says whether it missed a change.
  var source = null;

  function connect() {
    if (source || document.visibilityState === "hidden") return;
    var es = new EventSource("/_folio/events");
    source = es;
    function on(name, handle) {
      es.addEventListener(name, function (e) {
        // A failed connection fires a plain "error" Event without data.
        if (typeof e.data !== "string") return;
        handle(JSON.parse(e.data));
      });
    }
    on("hello", function (m) {
      if (m.build !== build) return reload(); // restarted, or a change was missed
      if (m.problems && m.problems.length) showProblems(m); else hideProblems();
    });
    on("reload", function (m) { if (m.build !== build) reload(); });
    on("css", function (m) { build = m.build; swapStylesheets(); });
    on("error", function (m) { if (m.build !== build) reload(); else showProblems(m); });
    on("ok", function () { hideProblems(); reload(); });
    es.addEventListener("error", function () {
      // EventSource retries by itself unless the server answered with an
      // error; then start again after a while.
      if (es.readyState === EventSource.CLOSED && source === es) {
        source = null;
        setTimeout(connect, 2000);
      }
    });
  }

  function disconnect() {
    if (source) source.close();
    source = null;
  }

  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") disconnect(); else connect();
  });

  restoreScroll();
  connect();
})(FOLIO_BUILD);
