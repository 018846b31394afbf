/* The search page: sends what the reader types to the search worker and lists the
   pages found. Without scripts the page still lists every published unit. */
(function () {
  "use strict";
  var form = document.getElementById("search-form");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  if (!form || !status || !list) return;
  var input = form.querySelector("input[type=search]");
  var baseTitle = document.title;
  var latest = 0;
  var timer = null;
  var worker;

  var UNAVAILABLE = "站内搜索暂时无法使用，请在下面的“全部已公示单位”中查找。";

  function fail(message) {
    form.hidden = true;
    list.textContent = "";
    list.setAttribute("aria-busy", "false");
    status.textContent = message;
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
    list.setAttribute("aria-busy", "false");
    var query = answer.query.trim();
    document.title = query ? "“" + query + "”的搜索结果 · " + baseTitle : baseTitle;
    if (answer.error) {
      unavailable(answer.error);
      return;
    }
    if (!query) {
      status.textContent = "";
      return;
    }
    if (!answer.total) {
      status.textContent = "没有找到与“" + query + "”相关的内容。请换一个词，或在下面的单位列表中查找。";
      return;
    }
    status.textContent = "找到 " + answer.total + " 个相关页面" +
      (answer.total > answer.results.length ? "，显示前 " + answer.results.length + " 个" : "") + "。";
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
    worker.postMessage({ id: latest, query: query });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    window.clearTimeout(timer);
    var query = input.value;
    history.replaceState(null, "", query.trim() ? "?q=" + encodeURIComponent(query.trim()) : location.pathname);
    run(query);
  });
  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(function () { run(input.value); }, 250);
  });

  var initial = new URLSearchParams(location.search).get("q");
  if (initial) {
    input.value = initial;
    run(initial);
  }
})();
