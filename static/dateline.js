// dateline — small enhancements; every page works without them.
(function () {
  "use strict";
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
})();
