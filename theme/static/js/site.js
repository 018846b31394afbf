/* 长辈模式 (elder mode). The switch is a checkbox that CSS alone (:has) turns into large,
   high-contrast text, so it works with JavaScript off. This script remembers the choice across
   pages (localStorage) and mirrors it as the class "elder" on <html>: older engines (WeChat's
   X5 and XWeb, older Chromium) parse no :has(), and site.css states every elder rule for
   html.elder too. It runs right after the checkbox, before the page is drawn, so a remembered
   choice never flashes small text first.
   It also makes a table's scroll box a keyboard stop only while it really scrolls: on phones
   the ledger and the round tables are cards, and their box scrolls nothing. */
/* Scripts run: parts of pages that only work with them (the search form) take their place at
   once, before the page is drawn, so nothing shifts when their own scripts arrive. */
document.documentElement.classList.add("js");
/* A search opened with its query (search.html?q=...): the results' place is kept from the start. */
if (/[?&]q=[^&]/.test(window.location.search)) document.documentElement.classList.add("has-query");

(function () {
  "use strict";
  var KEY = "gongshi-elder";
  var box = document.getElementById("elder");
  if (!box) return;

  function remembered() {
    try {
      box.checked = window.localStorage.getItem(KEY) === "1";
    } catch (e) { /* storage blocked (private mode, file:): the switch still works on each page */ }
  }

  function scrollStops() {
    var boxes = document.querySelectorAll(".table-scroll");
    for (var i = 0; i < boxes.length; i += 1) {
      if (boxes[i].scrollWidth > boxes[i].clientWidth + 1) boxes[i].setAttribute("tabindex", "0");
      else boxes[i].removeAttribute("tabindex");
    }
  }

  function show() {
    document.documentElement.classList.toggle("elder", box.checked);
    scrollStops();
  }

  remembered();
  show();
  box.addEventListener("change", function () {
    show();
    try {
      if (box.checked) window.localStorage.setItem(KEY, "1");
      else window.localStorage.removeItem(KEY);
    } catch (e) { /* as above */ }
  });
  /* back/forward may restore the page, or the checkbox, as it was before the choice changed */
  window.addEventListener("pageshow", function () {
    remembered();
    show();
  });
  document.addEventListener("DOMContentLoaded", scrollStops);
  window.addEventListener("resize", scrollStops);
})();

/* 字号: three steps besides 长辈模式, as the class size-2 / size-3 on <html>, remembered like it.
   Without scripts the buttons stay hidden: the browser's own zoom remains. */
(function () {
  "use strict";
  var KEY = "gongshi-size";
  var group = document.getElementById("size-steps");
  if (!group) return;
  var buttons = group.querySelectorAll("button[data-size]");

  function apply(size) {
    var root = document.documentElement;
    root.classList.remove("size-2", "size-3");
    if (size === "2" || size === "3") root.classList.add("size-" + size);
    for (var i = 0; i < buttons.length; i += 1) {
      buttons[i].setAttribute("aria-pressed", buttons[i].getAttribute("data-size") === (size || "1") ? "true" : "false");
    }
  }

  function stored() {
    try { return window.localStorage.getItem(KEY) || "1"; } catch (e) { return "1"; }
  }

  apply(stored());
  group.hidden = false;
  for (var i = 0; i < buttons.length; i += 1) {
    buttons[i].addEventListener("click", function (event) {
      var size = event.currentTarget.getAttribute("data-size");
      apply(size);
      try {
        if (size === "1") window.localStorage.removeItem(KEY);
        else window.localStorage.setItem(KEY, size);
      } catch (e) { /* storage blocked: this page only */ }
    });
  }
  window.addEventListener("pageshow", function () { apply(stored()); });
})();

/* 语音朗读 on report pages: the browser's speechSynthesis reads the report aloud, paragraph by
   paragraph (long utterances stop after ~15 s in some engines). Where the browser cannot speak,
   the control says so instead of offering a button that does nothing. */
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  var box = document.getElementById("read-aloud");
  if (!box) return;
  var button = box.querySelector(".read-aloud-button");
  var state = box.querySelector(".read-aloud-state");
  var none = box.querySelector(".read-aloud-none");
  box.hidden = false;
  var synth = window.speechSynthesis;
  if (!synth || typeof window.SpeechSynthesisUtterance !== "function") {
    button.hidden = true;
    none.hidden = false;
    return;
  }
  var reading = false;

  function parts() {
    var article = document.querySelector("article.report");
    var nodes = article.querySelectorAll("h1, h2, p, li, caption, tr, dt, dd");
    var texts = [];
    for (var i = 0; i < nodes.length; i += 1) {
      var node = nodes[i];
      if (node.closest("[hidden], .read-aloud, .toc, svg, thead, li li, tr li")) continue;
      if (node.tagName === "LI" && node.closest("tr")) continue;
      var text = (node.innerText || node.textContent || "").replace(/\s+/g, " ").trim();
      if (text) texts.push(text);
    }
    return texts;
  }

  function show(on) {
    reading = on;
    button.setAttribute("aria-pressed", on ? "true" : "false");
    state.textContent = on ? "开" : "关";
  }

  function stop() {
    synth.cancel();
    show(false);
  }

  button.addEventListener("click", function () {
    if (reading) { stop(); return; }
    synth.cancel();
    var texts = parts();
    show(true);
    texts.forEach(function (text, index) {
      var utterance = new window.SpeechSynthesisUtterance(text);
      utterance.lang = "zh-CN";
      if (index === texts.length - 1) utterance.onend = function () { show(false); };
      utterance.onerror = function () { show(false); };
      synth.speak(utterance);
    });
  });
  window.addEventListener("pagehide", stop);
});
