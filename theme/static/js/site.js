/* 长辈模式 (elder mode). The switch is a checkbox that CSS alone (:has) turns into large,
   high-contrast text, so it works with scripts off. This script remembers the choice
   across pages and mirrors it as a class on <html> for browsers without :has(). It runs
   right after the checkbox, before the page is drawn, so a remembered choice never
   flashes small text first. */
(function () {
  "use strict";
  var KEY = "gongshi-elder";
  var box = document.getElementById("elder");
  if (!box) return;
  function show() {
    document.documentElement.classList.toggle("elder", box.checked);
  }
  try {
    if (window.localStorage.getItem(KEY) === "1") box.checked = true;
  } catch (e) { /* storage blocked (private mode, file:): the switch still works on each page */ }
  show();
  box.addEventListener("change", function () {
    show();
    try {
      if (box.checked) window.localStorage.setItem(KEY, "1");
      else window.localStorage.removeItem(KEY);
    } catch (e) { /* as above */ }
  });
  window.addEventListener("pageshow", show); /* back/forward may restore the checkbox */
})();
