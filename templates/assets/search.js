/*
 * gongshi: search without a server.  Reads search.xml (written by
 * gongshi: one <r u s d> per record with <t>itle, su<m>mary, tags <k>,
 * <b>ody as plain text) and finds every record that contains all the
 * words typed, Chinese substrings included.  Title hits rank first.
 * No dependencies; the page works without it (the form then only lists
 * the sections and tags).
 */
(function () {
  'use strict';
  var form = document.getElementById('search-form');
  if (!form || !window.XMLHttpRequest) return;
  var input = form.querySelector('input[type=search]');
  var status = document.getElementById('search-status');
  var list = document.getElementById('search-results');
  var indexUrl = form.getAttribute('data-index');
  var records = null, waiting = false, timer = 0, MAX = 50;
  var WEEK = ['日', '一', '二', '三', '四', '五', '六'];

  /* Full-width letters and digits as ASCII, lower case, no white space:
   * "１３９ ０000" finds "13900". */
  function norm(s) {
    s = s || '';
    if (s.normalize) s = s.normalize('NFKC');
    return s.toLowerCase().replace(/\s+/g, '');
  }

  function text(el, tag) {
    var n = el.getElementsByTagName(tag)[0];
    return n ? n.textContent : '';
  }

  /* The index may come in parts: search.xml, then the file its root's
   * "next" attribute names, and so on. */
  function load(done) {
    var acc = [];
    loadPart(indexUrl, acc, function () {
      records = acc;
      done();
    });
  }

  function loadPart(url, acc, done) {
    var x = new XMLHttpRequest();
    x.open('GET', url);
    x.onload = function () {
      var doc = x.status === 200 || x.status === 0 ? x.responseXML : null;
      var base = x.responseURL || new URL(url, location.href).href;
      var rs, i, r, next;
      if (!doc) {
        status.textContent = '搜索索引读取失败，请稍后再试，或按下面的栏目查找。';
        return;
      }
      rs = doc.getElementsByTagName('r');
      for (i = 0; i < rs.length; i++) {
        r = {
          url: new URL(rs[i].getAttribute('u'), base).href,
          section: rs[i].getAttribute('s') || '',
          date: rs[i].getAttribute('d') || '',
          title: text(rs[i], 't'),
          summary: text(rs[i], 'm'),
          tags: text(rs[i], 'k'),
          body: text(rs[i], 'b')
        };
        r.nt = norm(r.title);
        r.nm = norm(r.summary);
        r.nk = norm(r.tags);
        r.nb = norm(r.body);
        acc.push(r);
      }
      next = doc.documentElement.getAttribute('next');
      if (next) loadPart(new URL(next, base).href, acc, done);
      else done();
    };
    x.onerror = function () {
      status.textContent = '搜索索引读取失败，请检查网络后再试，或按下面的栏目查找。';
    };
    x.send();
  }

  function fullDate(iso) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso), d;
    if (!m) return iso;
    d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
    return +m[1] + '年' + +m[2] + '月' + +m[3] + '日（星期' + WEEK[d.getUTCDay()] + '）';
  }

  /* A piece of the summary or body around the first hit. */
  function snippet(r, words) {
    var i, k, src, at, start;
    for (i = 0; i < words.length; i++)
      if (r.nm.indexOf(words[i]) >= 0) return r.summary;
    src = r.body;
    for (i = 0; i < words.length; i++) {
      at = src.toLowerCase().indexOf(words[i]);
      if (at >= 0) {
        start = Math.max(0, at - 20);
        k = src.slice(start, start + 70);
        return (start > 0 ? '…' : '') + k + (start + 70 < src.length ? '…' : '');
      }
    }
    return r.summary;
  }

  function show(q) {
    var words = q.split(/\s+/).map(norm).filter(Boolean);
    var hits = [], i, j, r, score, w, li, a, p, shown;
    while (list.firstChild) list.removeChild(list.firstChild);
    if (!words.length) {
      status.textContent = '请输入要找的字词。';
      return;
    }
    for (i = 0; i < records.length; i++) {
      r = records[i];
      score = 0;
      for (j = 0; j < words.length; j++) {
        w = words[j];
        if (r.nt.indexOf(w) >= 0) score += 1000;
        else if (r.nk.indexOf(w) >= 0) score += 100;
        else if (r.nm.indexOf(w) >= 0) score += 10;
        else if (r.nb.indexOf(w) >= 0) score += 1;
        else { score = 0; break; }
      }
      if (score) hits.push({ r: r, score: score, i: i });
    }
    /* Title hits first; then newest first (the index is newest first). */
    hits.sort(function (x, y) { return y.score - x.score || x.i - y.i; });
    shown = Math.min(hits.length, MAX);
    for (i = 0; i < shown; i++) {
      r = hits[i].r;
      li = document.createElement('li');
      li.className = 'item';
      a = document.createElement('a');
      a.className = 'title';
      a.href = r.url;
      a.textContent = r.title;
      li.appendChild(a);
      p = document.createElement('p');
      p.className = 'meta';
      p.textContent = r.section + ' · ' + fullDate(r.date);
      li.appendChild(p);
      p = document.createElement('p');
      p.className = 'summary';
      p.textContent = snippet(r, words);
      li.appendChild(p);
      list.appendChild(li);
    }
    if (!hits.length)
      status.textContent = '没有找到含有“' + q + '”的内容。可以少输几个字再试，或按下面的栏目查找。';
    else
      status.textContent = '找到 ' + hits.length + ' 条含有“' + q + '”的内容' +
        (hits.length > shown ? '，先列出最相关的 ' + shown + ' 条' : '') + '：';
  }

  function run() {
    var q = input.value.trim();
    if (records) { show(q); return; }
    if (waiting) return;
    waiting = true;
    status.textContent = '正在查找……';
    load(function () { show(input.value.trim()); });
  }

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    if (window.history && history.replaceState)
      history.replaceState(null, '', '?q=' + encodeURIComponent(input.value.trim()));
    run();
  });
  input.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(run, 200);
  });
  /* search/?q=停水: from the home page's box, or the back button. */
  var m = /[?&]q=([^&]*)/.exec(location.search);
  if (m) {
    try { input.value = decodeURIComponent(m[1].replace(/\+/g, ' ')); } catch (e) { input.value = ''; }
    if (input.value.trim()) run();
  }
})();
