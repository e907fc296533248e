/* PlatformValidation report and dashboard script. The content is server-rendered; this only enhances it:
   focus and expand on in-page navigation, arrow keys in the matrix, check filters, expand/collapse all, and on
   the live dashboard, swapping in sections the server sends over server-sent events (or polling). */
(function () {
  'use strict';
  var doc = document;
  doc.documentElement.classList.add('js');
  var toggled = {};          // details id -> open, as the user left it (kept across live updates)
  var filter = { outcome: '', profile: '', text: '' };
  var lastHtml = {};

  function byId(id) { return id ? doc.getElementById(id) : null; }

  function focusable(el) {
    return /^(A|BUTTON|INPUT|SELECT|TEXTAREA|SUMMARY)$/.test(el.tagName) || el.hasAttribute('tabindex');
  }

  /* Shows the element a fragment points at: opens the details around it (and an app's diagnostics), clears a
     filter that hides it, and moves keyboard focus there. */
  function reveal(id) {
    var el = byId(id);
    if (!el) { return; }
    for (var p = el.parentElement; p; p = p.parentElement) {
      if (p.tagName === 'DETAILS' && !p.open) { p.open = true; }
    }
    if (el.classList.contains('app')) {
      el.querySelectorAll('details.diag').forEach(function (d) { d.open = true; });
    }
    if (el.tagName === 'TR' && el.hidden) { setFilter({ outcome: '', profile: '', text: '' }); }
    if (!focusable(el)) { el.setAttribute('tabindex', '-1'); }
    el.focus();
  }

  doc.addEventListener('click', function (e) {
    var a = e.target.closest ? e.target.closest('a[href^="#"]') : null;
    if (!a) { return; }
    var id = decodeURIComponent(a.getAttribute('href').slice(1));
    if (!byId(id)) { return; }
    // Let the browser update the URL and scroll, then reveal and focus (also when the hash did not change).
    setTimeout(function () { reveal(id); }, 0);
  });
  window.addEventListener('hashchange', function () { reveal(decodeURIComponent(location.hash.slice(1))); });

  doc.addEventListener('toggle', function (e) {
    var d = e.target;
    if (d.tagName === 'DETAILS' && d.id) { toggled[d.id] = d.open; }
  }, true);

  /* The matrix as a grid: one cell in the tab order, arrow keys (and Home/End) move between cells. */
  function enhanceGrid() {
    var table = doc.querySelector('table[data-grid]');
    if (!table || table.dataset.enhanced) { return; }
    table.dataset.enhanced = 'true';
    var cells = Array.prototype.slice.call(table.querySelectorAll('a.cell'));
    if (!cells.length) { return; }
    var active = doc.activeElement && cells.indexOf(doc.activeElement) >= 0 ? doc.activeElement : null;
    var start = active || cells.filter(function (c) { return c.dataset.outcome === 'failed'; })[0] || cells[0];
    cells.forEach(function (c) { c.setAttribute('tabindex', c === start ? '0' : '-1'); });
    var hint = doc.querySelector('#matrix [data-js-only]');
    if (hint) { hint.hidden = false; }
    table.addEventListener('keydown', function (e) {
      var cell = e.target.closest ? e.target.closest('a.cell') : null;
      if (!cell) { return; }
      var m = /^cell-(\d+)-(\d+)$/.exec(cell.id);
      if (!m) { return; }
      var r = +m[1], c = +m[2], next = null;
      var rows = +table.dataset.rows, cols = +table.dataset.cols;
      function at(rr, cc) { return byId('cell-' + rr + '-' + cc); }
      function walk(dr, dc) {
        for (var rr = r + dr, cc = c + dc; rr >= 0 && rr < rows && cc >= 0 && cc < cols; rr += dr, cc += dc) {
          var x = at(rr, cc);
          if (x) { return x; }
        }
        return null;
      }
      switch (e.key) {
        case 'ArrowRight': next = walk(0, 1); break;
        case 'ArrowLeft': next = walk(0, -1); break;
        case 'ArrowDown': next = walk(1, 0); break;
        case 'ArrowUp': next = walk(-1, 0); break;
        case 'Home': for (var i = 0; i < cols && !next; i++) { next = at(r, i); } break;
        case 'End': for (var j = cols - 1; j >= 0 && !next; j--) { next = at(r, j); } break;
        default: return;
      }
      e.preventDefault();
      if (next) {
        cell.setAttribute('tabindex', '-1');
        next.setAttribute('tabindex', '0');
        next.focus();
      }
    });
  }

  /* Filters over the checks table: outcome, profile and free text. */
  function setFilter(f) {
    filter = f;
    var table = doc.querySelector('table[data-filterable]');
    if (!table) { return; }
    var rows = table.tBodies[0].rows, shown = 0, text = filter.text.toLowerCase();
    for (var i = 0; i < rows.length; i++) {
      var row = rows[i];
      var ok = (!filter.outcome || row.dataset.outcome === filter.outcome) &&
        (!filter.profile || row.dataset.profile === filter.profile) &&
        (!text || row.textContent.toLowerCase().indexOf(text) >= 0);
      row.hidden = !ok;
      if (ok) { shown++; }
    }
    var out = doc.getElementById('checks-count');
    if (out) { out.textContent = 'Showing ' + shown + ' of ' + rows.length + ' checks'; }
    var form = doc.getElementById('checks-filters');
    if (form) {
      form.elements.outcome.value = filter.outcome;
      form.elements.profile.value = filter.profile;
      if (form.elements.text.value !== filter.text) { form.elements.text.value = filter.text; }
    }
  }

  function enhanceFilters() {
    var table = doc.querySelector('table[data-filterable]');
    if (!table || table.dataset.enhanced) { return; }
    table.dataset.enhanced = 'true';
    var profiles = [];
    Array.prototype.forEach.call(table.tBodies[0].rows, function (r) {
      if (profiles.indexOf(r.dataset.profile) < 0) { profiles.push(r.dataset.profile); }
    });
    var form = doc.createElement('form');
    form.id = 'checks-filters';
    form.className = 'filters';
    form.setAttribute('role', 'search');
    form.setAttribute('aria-label', 'Filter the checks');
    form.addEventListener('submit', function (e) { e.preventDefault(); });
    form.innerHTML =
      '<label>Outcome<select name="outcome" id="checks-outcome"><option value="">all</option><option value="failed">✖ failed</option>' +
      '<option value="passed">✔ passed</option><option value="skipped">⊘ skipped</option></select></label>' +
      '<label>Profile<select name="profile" id="checks-profile"><option value="">all</option></select></label>' +
      '<label>Text<input name="text" id="checks-text" type="search" placeholder="app, message…"></label>' +
      '<output id="checks-count" aria-live="polite"></output>';
    profiles.forEach(function (p) {
      var o = doc.createElement('option');
      o.value = p; o.textContent = p;
      form.elements.profile.appendChild(o);
    });
    form.addEventListener('input', function () {
      setFilter({ outcome: form.elements.outcome.value, profile: form.elements.profile.value, text: form.elements.text.value });
    });
    var wrap = table.closest('.scroll') || table;
    wrap.parentNode.insertBefore(form, wrap);
    setFilter(filter);
  }

  /* Expand or collapse every diagnostics panel of the failing apps. */
  function enhanceApps() {
    var section = byId('apps');
    if (!section || section.dataset.enhanced || !section.querySelector('article.app')) { return; }
    section.dataset.enhanced = 'true';
    var tools = doc.createElement('div');
    tools.className = 'tools';
    [['Expand all diagnostics', true], ['Collapse all diagnostics', false]].forEach(function (spec) {
      var b = doc.createElement('button');
      b.type = 'button';
      b.textContent = spec[0];
      b.addEventListener('click', function () {
        section.querySelectorAll('details.diag').forEach(function (d) { d.open = spec[1]; toggled[d.id] = spec[1]; });
      });
      tools.appendChild(b);
    });
    var h = section.querySelector('h2');
    h.parentNode.insertBefore(tools, h.nextSibling);
  }

  function enhance() {
    enhanceGrid();
    enhanceFilters();
    enhanceApps();
  }

  /* What has focus, as a key that finds the same control in a freshly rendered section. */
  function focusKey(el) {
    if (!el || el === doc.body) { return null; }
    if (el.id) { return { id: el.id }; }
    if (el.tagName === 'SUMMARY' && el.parentElement && el.parentElement.id) { return { summaryOf: el.parentElement.id }; }
    var section = el.closest ? el.closest('section[id], nav[id]') : null;
    if (el.tagName === 'A' && section) { return { section: section.id, href: el.getAttribute('href') }; }
    return null;
  }

  function findByKey(key) {
    if (!key) { return null; }
    if (key.id) { return byId(key.id); }
    if (key.summaryOf) { var d = byId(key.summaryOf); return d ? d.querySelector('summary') : null; }
    var s = byId(key.section);
    if (!s) { return null; }
    var links = s.querySelectorAll('a[href]');
    for (var i = 0; i < links.length; i++) {
      if (links[i].getAttribute('href') === key.href) { return links[i]; }
    }
    return null;
  }

  /* Live dashboard: swap the sections that changed; keep focus, the user's open/closed panels and the filters. */
  function apply(view) {
    var focused = focusKey(doc.activeElement);
    var changed = false;
    Object.keys(view.sections).forEach(function (id) {
      var html = view.sections[id];
      if (lastHtml[id] === html) { return; }
      lastHtml[id] = html;
      var old = byId(id);
      if (!old) { return; }
      var t = doc.createElement('template');
      t.innerHTML = html;
      var fresh = t.content.firstElementChild;
      if (!fresh) { return; }
      fresh.querySelectorAll('details[id]').forEach(function (d) {
        if (Object.prototype.hasOwnProperty.call(toggled, d.id)) { d.open = toggled[d.id]; }
      });
      old.replaceWith(fresh);
      changed = true;
    });
    if (changed) {
      enhance();
      var f = findByKey(focused);
      if (f && doc.activeElement !== f) { f.focus({ preventScroll: true }); }
    }
    var status = byId('live-status');
    if (status && status.textContent !== view.status) { status.textContent = view.status; }
    doc.body.dataset.version = String(view.version);
    doc.body.dataset.finished = view.finished ? 'true' : 'false';
  }

  function live(endpoint) {
    var polling = null;
    function poll() {
      fetch(endpoint, { cache: 'no-store' }).then(function (r) { return r.json(); }).then(function (v) {
        apply(v);
        if (v.finished && polling) { clearInterval(polling); }
      }).catch(function () { /* the AppHost may have stopped; keep what is shown */ });
    }
    if (!window.EventSource) {
      polling = setInterval(poll, 2000);
      poll();
      return;
    }
    var source = new EventSource(endpoint + '/stream');
    source.addEventListener('view', function (e) {
      var v = JSON.parse(e.data);
      apply(v);
      if (v.finished) { source.close(); }
    });
    source.onerror = function () {
      if (source.readyState === EventSource.CLOSED && !polling) { polling = setInterval(poll, 2000); }
    };
  }

  doc.querySelectorAll('section[id]').forEach(function (s) { lastHtml[s.id] = null; });
  enhance();
  if (location.hash) { reveal(decodeURIComponent(location.hash.slice(1))); }
  if (doc.body.dataset.live) { live(doc.body.dataset.live); }
}());
