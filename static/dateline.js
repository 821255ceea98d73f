// dateline — small enhancements; every page works without them.
(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.add("js");

  // Opened straight from disk (file://), folder links would show a directory listing:
  // point them at the folder's index.html instead.
  if (location.protocol === "file:") {
    document.addEventListener("click", function (event) {
      var link = event.target.closest && event.target.closest("a[href]");
      if (!link) return;
      var href = link.getAttribute("href");
      if (/^[a-z]+:/i.test(href) || href.charAt(0) === "#") return;
      var hash = "";
      var i = href.indexOf("#");
      if (i >= 0) { hash = href.slice(i); href = href.slice(0, i); }
      if (href === "" || href.slice(-1) === "/") {
        event.preventDefault();
        location.href = href + "index.html" + hash;
      }
    });
    document.addEventListener("submit", function (event) {
      var form = event.target;
      var action = form.getAttribute("action") || "";
      if (action.slice(-1) === "/") {
        event.preventDefault();
        var data = new URLSearchParams(new FormData(form)).toString();
        location.href = action + "index.html" + (data ? "?" + data : "");
      }
    });
  }

  // Search reads its index with fetch(), which browsers refuse to pages opened from disk (and
  // Chromium will not even run the search page's module script there): say so, and what works.
  var searchStatus = location.protocol === "file:" && document.getElementById("search-status");
  if (searchStatus) {
    var home = document.querySelector('link[rel="home"]');
    var archive = document.createElement("a");
    archive.href = new URL("archive/index.html", home ? home.href : location.href).href;
    archive.textContent = "browse the archive by date";
    searchStatus.classList.add("search-offline");
    searchStatus.replaceChildren(
      "Search cannot work on pages opened from disk: the browser does not let them read the search index. " +
        "Serve the archive instead, with dateline serve or any static web server run in the archive’s folder " +
        "(for example python3 -m http.server), and open the address it prints. Meanwhile you can ",
      archive,
      " or by index."
    );
  }

  // Archivists' notes: in the margin on wide screens, revealed by their numbered button on
  // narrow ones. The button always says whether its note is shown.
  var wide = window.matchMedia("(min-width: 78rem)");
  function note(button) { return document.getElementById(button.getAttribute("aria-controls")); }
  function sync() {
    document.querySelectorAll(".note-toggle").forEach(function (button) {
      var n = note(button);
      if (!n) return;
      button.setAttribute("aria-expanded", wide.matches || n.classList.contains("open") ? "true" : "false");
    });
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".note-toggle");
    if (!button) return;
    var n = note(button);
    if (!n) return;
    var open = !n.classList.contains("open");
    n.classList.toggle("open", open);
    button.setAttribute("aria-expanded", wide.matches || open ? "true" : "false");
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var n = event.target.closest && event.target.closest(".note");
    var button = event.target.closest && event.target.closest(".note-toggle");
    if (button) n = note(button);
    if (n && n.classList.contains("open")) {
      n.classList.remove("open");
      var b = document.querySelector('[aria-controls="' + n.id + '"]');
      if (b) { b.setAttribute("aria-expanded", wide.matches ? "true" : "false"); b.focus(); }
    }
  });
  if (wide.addEventListener) wide.addEventListener("change", sync);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", sync); else sync();
})();
