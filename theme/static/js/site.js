/* 长辈模式 (elder mode). The switch is a checkbox that CSS alone (:has) turns into large,
   high-contrast text, so it works with JavaScript off. This script remembers the choice across
   pages (localStorage) and mirrors it as the class "elder" on <html>: older engines (WeChat's
   X5 and XWeb, older Chromium) parse no :has(), and site.css states every elder rule for
   html.elder too. It runs right after the checkbox, before the page is drawn, so a remembered
   choice never flashes small text first.
   It also makes a table's scroll box a keyboard stop only while it really scrolls: on phones
   the ledger and the round tables are cards, and their box scrolls nothing. */
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
