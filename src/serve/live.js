// Live reload for `dateline serve`: injected into served pages only, never into built files.
(function () {
  "use strict";
  var overlay = null;
  function show(text) {
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = "dateline-build-error";
      overlay.setAttribute("role", "alert");
      overlay.style.cssText = "position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:2147483647;" +
        "background:#2b0b0b;color:#ffe9e9;font:13px/1.45 ui-monospace,Menlo,Consolas,monospace;padding:14px 18px;" +
        "border-top:4px solid #ff6b6b;box-shadow:0 -6px 24px rgba(0,0,0,.4)";
      document.body.appendChild(overlay);
    }
    overlay.innerHTML = "";
    var title = document.createElement("strong");
    title.textContent = "dateline: the archive could not be rebuilt — the page shows the last good build.";
    var pre = document.createElement("pre");
    pre.style.cssText = "white-space:pre-wrap;margin:.6em 0 0";
    pre.textContent = text;
    overlay.appendChild(title);
    overlay.appendChild(pre);
  }
  var source = new EventSource("/__dateline/events");
  source.addEventListener("reload", function () { location.reload(); });
  source.addEventListener("build-error", function (event) { show(event.data); });
})();
