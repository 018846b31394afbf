/* The search page: sends what the reader types to the search worker and lists the
   pages found. Without scripts the page still lists every published unit.
   A pinyin (or other) input method composes a word before it is typed: nothing is searched
   until the composition ends ("shitang" is not a query, 食堂 is). The visible status follows
   every search; the polite live region says the outcome once, when typing has paused. */
(function () {
  "use strict";
  var form = document.getElementById("search-form");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var announcer = document.getElementById("search-announce");
  var none = document.getElementById("search-none");
  var composing = false;
  var announceTimer = null;
  var announced = "";
  if (!form || !status || !list) return;
  var input = form.querySelector("input[type=search]");
  var baseTitle = document.title;
  var latest = 0;
  var timer = null;
  var worker;

  var UNAVAILABLE = "站内搜索暂时无法使用，请在下面的“全部已公示单位”中查找。";

  function say(text) {
    status.textContent = text;
    window.clearTimeout(announceTimer);
    if (!announcer) return;
    announceTimer = window.setTimeout(function () {
      if (text && text !== announced) {
        announced = text;
        announcer.textContent = text;
      }
    }, 1000);
  }

  function fail(message) {
    form.hidden = true;
    document.documentElement.classList.add("no-search");
    list.textContent = "";
    list.setAttribute("aria-busy", "false");
    if (none) none.hidden = true;
    say(message);
  }

  /* The reader gets a Chinese sentence and the unit list; the browser's own (English) error
     text, e.g. a Content-Security-Policy refusal of Pagefind's WebAssembly, goes to the console. */
  function unavailable(detail) {
    if (window.console && console.error) console.error("站内搜索无法使用：", detail);
    fail(UNAVAILABLE);
  }

  if (!window.Worker || location.protocol === "file:") {
    fail("从本地文件打开时无法使用站内搜索，请通过网站访问；也可在下面的“全部已公示单位”中查找。");
    return;
  }
  try {
    worker = new Worker(form.getAttribute("data-worker"), { type: "module" });
  } catch (e) {
    if (window.console && console.error) console.error("站内搜索无法使用：", e);
    fail("您的浏览器不支持站内搜索，请在下面的“全部已公示单位”中查找。");
    return;
  }
  worker.addEventListener("error", function (event) {
    unavailable((event && event.message) || "the search worker did not start");
  });
  form.hidden = false;

  /* Only text and <mark> survive from Pagefind's excerpt; it is parsed in an inert document. */
  function appendText(html, into) {
    var doc = new DOMParser().parseFromString("<p>" + (html || "") + "</p>", "text/html");
    var nodes = doc.body.firstChild ? doc.body.firstChild.childNodes : [];
    for (var i = 0; i < nodes.length; i += 1) {
      var text = nodes[i].textContent.replace(/\u200b/g, "");
      if (nodes[i].nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = text;
        into.appendChild(mark);
      } else {
        into.appendChild(document.createTextNode(text));
      }
    }
  }

  function render(answer) {
    list.textContent = "";
    if (none) none.hidden = true;
    list.setAttribute("aria-busy", "false");
    var query = answer.query.trim();
    document.title = query ? "“" + query + "”的搜索结果 · " + baseTitle : baseTitle;
    if (answer.error) {
      unavailable(answer.error);
      return;
    }
    if (!query) {
      say("");
      return;
    }
    if (!answer.total) {
      /* Units are published in batches: a unit not found may be one published later (延后公示).
         The message says so for every query alike, and never names a unit. */
      if (none) none.hidden = false;
      say("没有找到与“" + query + "”相关的已公示内容。整改情况按批次公示，部分单位延后公示。");
      return;
    }
    say("找到 " + answer.total + " 个相关页面" +
      (answer.total > answer.results.length ? "，显示前 " + answer.results.length + " 个" : "") + "。");
    answer.results.forEach(function (result) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      var title = document.createElement("span"); /* one flex item: the title wraps as text */
      link.href = result.url;
      appendText(result.title || result.url, title);
      link.appendChild(title);
      var excerpt = document.createElement("p");
      excerpt.className = "excerpt";
      appendText(result.excerpt, excerpt);
      /* an excerpt may start on the separator after the table cell before it */
      var first = excerpt.firstChild;
      if (first && first.nodeType === 3) first.nodeValue = first.nodeValue.replace(/^[\s.,;:。，；：]+/, "");
      /* a cut inside the text is marked, as Chinese marks it (the worker says where it cut) */
      if (result.cutStart) excerpt.insertBefore(document.createTextNode("……"), excerpt.firstChild);
      if (result.cutEnd) excerpt.appendChild(document.createTextNode("……"));
      item.appendChild(link);
      item.appendChild(excerpt);
      list.appendChild(item);
    });
  }

  worker.addEventListener("message", function (event) {
    if (event.data.failed) unavailable(event.data.failed);
    else if (event.data.id === latest) render(event.data);
  });

  function run(query) {
    latest += 1;
    list.setAttribute("aria-busy", "true");
    status.textContent = query.trim() ? "正在搜索……" : "";
    window.clearTimeout(announceTimer);
    worker.postMessage({ id: latest, query: query });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    window.clearTimeout(timer);
    var query = input.value;
    history.replaceState(null, "", query.trim() ? "?q=" + encodeURIComponent(query.trim()) : location.pathname);
    run(query);
  });
  function later() {
    window.clearTimeout(timer);
    timer = window.setTimeout(function () { run(input.value); }, 250);
  }
  input.addEventListener("compositionstart", function () {
    composing = true;
    window.clearTimeout(timer);
  });
  input.addEventListener("compositionend", function () {
    composing = false;
    later();
  });
  input.addEventListener("input", function (event) {
    if (composing || event.isComposing) return; /* the IME's letters are not the reader's words */
    later();
  });

  var initial = new URLSearchParams(location.search).get("q");
  if (initial) {
    input.value = initial;
    run(initial);
  }
})();
