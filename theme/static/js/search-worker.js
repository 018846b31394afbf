/* Search worker: runs Pagefind off the page and splits Chinese queries into the
   words the index really holds.

   Why a worker: Pagefind 1.5 re-segments a query with the browser's own (ICU)
   dictionary whenever the page language is Chinese, and ICU disagrees with the
   indexer's jieba (云山街道 is 云 + 山 + 街道 to ICU, 云山 + 街道 in the index;
   党工委 falls apart into characters matching almost every page). A worker has no document,
   so Pagefind sees no page language and searches the terms exactly as we give
   them: words from pagefind/gongshi-words.txt, written by the build from the index shards. */
import * as pagefind from "../../pagefind/site/pagefind.js";

const BUNDLE = new URL("../../pagefind/", import.meta.url);
const SITE = new URL("../../", import.meta.url); // results link here, wherever the site is deployed
const HAN = /[\u3400-\u9fff\uf900-\ufaff]/;
const RUNS = /[\u3400-\u9fff\uf900-\ufaff]+|[^\s\p{P}\p{S}\u3400-\u9fff\uf900-\ufaff]+/gu;
const SHOWN = 20; // results sent back with title and excerpt
const ALTERNATIVES = 8; // longer indexed words tried when a query is inside one

/* The index's own words, each with the shards that hold it (a hexadecimal bit mask over
   pagefind/shards.json). A shard that lacks one of the query's words cannot hold a page with all
   of them, but Pagefind would skip the missing word there and match on the rest: such shards are
   left out of the search. */
class Vocabulary {
  constructor(lines, shards) {
    const entries = lines.map((line) => line.split("\t")).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    this.words = entries.map((e) => e[0]);
    this.masks = new Map(entries);
    this.shards = shards;
    this.longest = this.words.reduce((n, w) => Math.max(n, w.length), 1);
  }

  has(word) {
    return this.masks.has(word);
  }

  first(prefix) {
    let lo = 0;
    let hi = this.words.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.words[mid] < prefix) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /* Some indexed word starts with `prefix` (the query's last piece, still being typed). */
  begins(prefix) {
    const at = this.first(prefix);
    return at < this.words.length && this.words[at].startsWith(prefix);
  }

  containing(piece) {
    return this.words.filter((w) => w !== piece && w.includes(piece)).slice(0, ALTERNATIVES);
  }

  /* Indexes of the shards holding `term`, or a word beginning with it if it is the last piece;
     null when the vocabulary cannot tell (a term that is not Chinese, an unknown character). */
  shardsOf(term, last) {
    let masks = [];
    if (this.masks.has(term)) masks = [this.masks.get(term)];
    else if (last) {
      for (let i = this.first(term); i < this.words.length && this.words[i].startsWith(term); i += 1) {
        masks.push(this.masks.get(this.words[i]));
      }
    }
    if (!masks.length) return null;
    const found = new Set();
    for (const mask of masks) {
      for (let digit = 0; digit < mask.length; digit += 1) {
        const bits = parseInt(mask[mask.length - 1 - digit], 16);
        for (let bit = 0; bit < 4; bit += 1) if (bits & (1 << bit)) found.add(digit * 4 + bit);
      }
    }
    return found;
  }

  /* The names of the shards that may hold every term; null: all of them. */
  allowed(terms) {
    let shards = null;
    terms.forEach((term, i) => {
      if (!HAN.test(term)) return;
      const holding = this.shardsOf(term, i === terms.length - 1);
      if (holding === null) return;
      shards = shards === null ? holding : new Set([...shards].filter((s) => holding.has(s)));
    });
    return shards === null ? null : [...shards].sort((a, b) => a - b).map((s) => this.shards[s]);
  }
}

/* Fewest pieces, each an indexed word; an unknown character alone costs most. */
function splitHan(run, vocab) {
  const n = run.length;
  const cost = new Array(n + 1).fill(Infinity);
  const from = new Array(n + 1).fill(-1);
  cost[0] = 0;
  for (let i = 1; i <= n; i += 1) {
    for (let j = Math.max(0, i - vocab.longest); j < i; j += 1) {
      if (cost[j] === Infinity) continue;
      const piece = run.slice(j, i);
      let step;
      if (vocab.has(piece)) step = 1;
      else if (i === n && vocab.begins(piece)) step = 1.5;
      else if (i - j === 1) step = 4;
      else continue;
      if (cost[j] + step < cost[i]) {
        cost[i] = cost[j] + step;
        from[i] = j;
      }
    }
  }
  const pieces = [];
  for (let i = n; i > 0; i = from[i]) pieces.unshift(run.slice(from[i], i));
  return pieces;
}

export function segment(query, vocab) {
  const runs = query.normalize("NFKC").toLowerCase().match(RUNS) || [];
  return runs.map((run) => ({ run, han: HAN.test(run), terms: HAN.test(run) ? splitHan(run, vocab) : [run] }));
}

/* Pagefind joins the text of neighbouring elements (table cells, list items) with a Latin ". ":
   inside Chinese that becomes 。, or nothing after Chinese punctuation already there. */
const CN_PUNCT = "\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\u2014\u2026\u201c\u201d";
const JOIN = new RegExp(
  `([\u3400-\u9fff\uf900-\ufaff${CN_PUNCT}0-9%])((?:</?mark>)*)\\.\\s+(?=(?:</?mark>)*[\u3400-\u9fff\uf900-\ufaff（“《0-9])`,
  "g",
);
const PUNCT = new RegExp(`[${CN_PUNCT}]`);
const ENDS = /[。！？；]$/;

export function tidy(text) {
  return String(text || "").replace(JOIN, (_, before, tags) => before + tags + (PUNCT.test(before) ? "" : "。"));
}

/* The excerpt in Chinese punctuation, and whether it was cut from the text before or after it
   (the page marks a cut with ……). */
export function excerpt(data) {
  const html = tidy(data.excerpt);
  const plain = html.replace(/<[^>]*>/g, "").trim();
  const content = tidy(data.content).replace(/\s+/g, " ");
  const at = plain ? content.indexOf(plain) : -1;
  if (at < 0) return { excerpt: html, cutStart: false, cutEnd: Boolean(plain) && !ENDS.test(plain) };
  const before = content.slice(0, at).trimEnd();
  return {
    excerpt: html,
    cutStart: before.length > 0 && !ENDS.test(before),
    cutEnd: at + plain.length < content.trimEnd().length && !ENDS.test(plain),
  };
}

let ready = null;
function load() {
  if (!ready) {
    ready = (async () => {
      const text = async (name) => {
        const response = await fetch(new URL(name, BUNDLE));
        if (!response.ok) throw new Error(`${name}: HTTP ${response.status}`);
        return response.text();
      };
      // The index comes in shards (a rebuild re-indexes only what changed): "site" is the
      // primary index, the others are merged into it; each is tagged so a search can skip shards.
      const shards = JSON.parse(await text("shards.json"));
      await pagefind.options({ excerptLength: 36, baseUrl: SITE.pathname, mergeFilter: { shard: "site" } });
      await pagefind.init();
      await pagefind.filters(); // says at once if the engine cannot start (a policy refusing WebAssembly)
      for (const shard of shards.filter((s) => s !== "site")) {
        const path = new URL(`${shard}/`, BUNDLE).pathname;
        await pagefind.mergeIndex(path, { baseUrl: SITE.pathname, mergeFilter: { shard } });
      }
      const lines = (await text("gongshi-words.txt")).split("\n").filter(Boolean);
      return new Vocabulary(lines, shards);
    })();
  }
  return ready;
}

async function find(terms, vocab) {
  const shards = vocab.allowed(terms);
  if (shards !== null && !shards.length) return [];
  const options = shards === null ? {} : { filters: { shard: { any: shards } } };
  const found = await pagefind.search(terms.join(" "), options);
  return found ? found.results : [];
}

const CHECKED = 200; // results read in full when the query holds a piece the index lacks

function squash(text) {
  return String(text || "").normalize("NFKC").toLowerCase().replace(/\s+/g, "");
}

/* The Chinese runs of a query with a piece that is no indexed word: every page found must hold
   each of them as typed (挂号 is 挂 + 号 to the index, and 挂钩 … 号 is no match). */
function unknownPieces(runs, vocab) {
  return runs
    .filter((r) => r.han && r.terms.some((t, i) => !(vocab.has(t) || (i === r.terms.length - 1 && vocab.begins(t)))))
    .map((r) => squash(r.run));
}

async function search(query) {
  const vocab = await load();
  const runs = segment(query, vocab);
  const terms = runs.flatMap((r) => r.terms);
  if (!terms.length) return { terms, total: 0, results: [] };
  let results = await find(terms, vocab);
  if (!results.length) {
    // The query may sit inside a longer indexed word (党工委 in 云山街道党工委): try those words.
    const merged = new Map();
    for (const [k, r] of runs.entries()) {
      if (!r.han) continue;
      const others = runs.filter((_, i) => i !== k).flatMap((o) => o.terms);
      for (const word of vocab.containing(r.run)) {
        for (const hit of await find([word, ...others], vocab)) {
          const seen = merged.get(hit.id);
          if (!seen || seen.score < hit.score) merged.set(hit.id, hit);
        }
      }
    }
    results = [...merged.values()].sort((a, b) => b.score - a.score);
  }
  let datas = null;
  const loose = unknownPieces(runs, vocab);
  if (loose.length && results.length) {
    // Pagefind skips a word it has never indexed and matches the rest: 白石镇党委 would find every
    // page with 党委. A page counts only if it holds each such piece of the query as typed.
    const checked = await Promise.all(results.slice(0, CHECKED).map(async (r) => [r, await r.data()]));
    const kept = checked.filter(([, d]) => {
      const text = squash(d.content);
      return loose.every((piece) => text.includes(piece));
    });
    results = kept.map(([r]) => r);
    datas = kept.map(([, d]) => d);
  }
  const shown = datas ? datas.slice(0, SHOWN) : await Promise.all(results.slice(0, SHOWN).map((r) => r.data()));
  return {
    terms,
    total: results.length,
    results: shown.map((d) => ({ url: d.url, title: d.meta && d.meta.title, ...excerpt(d) })),
  };
}

self.addEventListener("message", async (event) => {
  const { id, query } = event.data;
  const started = performance.now();
  try {
    const answer = await search(String(query || ""));
    self.postMessage({ id, query, ms: Math.round(performance.now() - started), ...answer });
  } catch (error) {
    self.postMessage({ id, query, error: String((error && error.message) || error) });
  }
});
// Warm up (vocabulary and index metadata before the first keystroke), and say at once if the
// engine cannot start, e.g. when a Content-Security-Policy header refuses its WebAssembly.
load().catch((error) => self.postMessage({ failed: String((error && error.message) || error) }));
