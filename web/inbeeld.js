// inbeeld: charts drawn with uPlot from the tables under them (the table is
// the source and stays for screen readers and for browsers without
// JavaScript), a focus fix after htmx swaps, reading in the SWV's own
// list (the file is sent to the API as JSON), and loading a dataset. No inline scripts (CSP).
(function () {
  'use strict';
  var COLORS = ['#154273', '#a4262c', '#2b6a1e', '#8a4500', '#7a4f9a', '#0b6e7a', '#535353', '#b0005b'];

  function num(td) {
    var v = td.getAttribute('data-v');
    return v === null || v === '' ? null : Number(v);
  }

  function readTable(table) {
    // A column whose head says data-no-chart (a verdict, not a number) stays in the table only.
    var heads = table.tHead.rows[0].cells, rows = table.tBodies[0].rows;
    var labels = [], series = [], cols = [];
    for (var c = 1; c < heads.length; c++) {
      if (heads[c].hasAttribute('data-no-chart')) continue;
      series.push({ name: heads[c].textContent.trim(), values: [] });
      cols.push(c);
    }
    for (var r = 0; r < rows.length; r++) {
      labels.push(rows[r].cells[0].textContent.trim());
      for (var k = 0; k < cols.length; k++) {
        var cell = rows[r].cells[cols[k]];
        series[k].values.push(cell ? num(cell) : null);
      }
    }
    return { labels: labels, series: series };
  }

  function width(el) {
    return Math.max(320, Math.min(el.parentNode.clientWidth || 800, 960));
  }

  function axisLabels(labels) {
    return function (u, splits) {
      return splits.map(function (i) { return Number.isInteger(i) && labels[i] !== undefined ? labels[i] : ''; });
    };
  }

  function lineChart(el, data) {
    var xs = data.labels.map(function (_, i) { return i; });
    var opts = {
      width: width(el), height: 300,
      scales: { x: { time: false } },
      axes: [{ values: axisLabels(data.labels), incrs: [1, 2, 3, 6], rotate: 0 }, {}],
      series: [{ label: 'Ijkmoment', value: function (u, i) { return i == null ? '' : data.labels[i]; } }],
      legend: { show: true }
    };
    data.series.forEach(function (s, i) {
      opts.series.push({ label: s.name, stroke: COLORS[i % COLORS.length], width: 2, spanGaps: false,
        points: { show: true, size: 6 } });
    });
    return new uPlot(opts, [xs].concat(data.series.map(function (s) { return s.values; })), el);
  }

  function barChart(el, data) {
    var xs = data.labels.map(function (_, i) { return i; });
    var values = data.series[0].values;
    var opts = {
      width: width(el), height: Math.max(260, 40 + 0 * values.length),
      scales: { x: { time: false, range: [-0.6, xs.length - 0.4] }, y: { range: function (u, min, max) { return [0, (max || 1) * 1.1]; } } },
      axes: [{ values: axisLabels(data.labels), incrs: [1], size: 60, rotate: xs.length > 6 ? -30 : 0 }, {}],
      series: [{ label: 'Gebied', value: function (u, i) { return i == null ? '' : data.labels[i]; } },
        { label: data.series[0].name, fill: '#154273', stroke: '#154273',
          paths: uPlot.paths.bars({ size: [0.6, 80] }), points: { show: false } }]
    };
    return new uPlot(opts, [xs, values], el);
  }

  function drawCharts(root) {
    if (typeof uPlot === 'undefined') return;
    var tables = root.querySelectorAll('table.ib-chart-data[data-chart]');
    tables.forEach(function (table) {
      var figure = table.closest('figure');
      var el = figure && figure.querySelector('.ib-chart');
      if (!el || el.getAttribute('data-drawn')) return;
      var data = readTable(table);
      if (!data.labels.length || !data.series.length) return;
      el.setAttribute('data-drawn', '1');
      if (table.getAttribute('data-chart') === 'bar') barChart(el, data);
      else lineChart(el, data);
    });
  }

  // The SWV's own list (form[data-eigen-lijst]): the chosen file goes to
  // POST /api/tafels/eigen with the form's CSRF token (a CSV file as text, an
  // XLSX workbook in base64); then to the list, or the server's message in
  // the form's alert.
  function ownList(form) {
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      var file = form.querySelector('input[type=file]').files[0];
      var alert = form.querySelector('[role=alert]');
      var say = function (msg) { alert.textContent = msg; alert.className = 'utrecht-alert utrecht-alert--error ib-alert'; };
      if (!file) { say('Kies een bestand.'); return; }
      var xlsx = /\.xlsx$/i.test(file.name);
      var reader = new FileReader();
      reader.onload = function () {
        var body = { bestand: { naam: file.name } };
        if (xlsx) {
          var bytes = new Uint8Array(reader.result), bin = '';
          for (var i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
          body.bestand.inhoud = window.btoa(bin);
          body.bestand.codering = 'base64';
        } else {
          body.bestand.inhoud = String(reader.result).replace(/^\uFEFF/, '');
        }
        var peil = form.querySelector('input[name=peildatum]');
        if (peil && peil.value) body.peildatum = peil.value;
        fetch('/api/tafels/eigen', { method: 'POST', credentials: 'same-origin',
          headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': form.querySelector('input[name=csrf_token]').value },
          body: JSON.stringify(body) })
          .then(function (res) { return res.json().then(function (j) { return { ok: res.ok, j: j }; }); })
          .then(function (a) {
            if (a.ok) window.location.assign('/tafel/' + a.j.id + '?gedaan=ingelezen');
            else say(a.j.fout || 'Het inlezen is mislukt.');
          }, function () { say('Het inlezen is mislukt: geen verbinding met de server.'); });
      };
      reader.onerror = function () { say('Het bestand is niet te lezen.'); };
      if (xlsx) reader.readAsArrayBuffer(file); else reader.readAsText(file);
    });
  }

  // Loading a dataset (form[data-upload], issue 14): the chosen CSV files go
  // to POST /api/datasets as multipart/form-data with the form's CSRF token,
  // the bytes sent shown as they go; then to the job's page, which shows the
  // rows read while the import runs, and its result and warnings.
  function upload(form) {
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      var files = form.querySelector('input[type=file]').files;
      var alert = form.querySelector('[data-upload-error]');
      var bar = form.querySelector('progress'), pct = form.querySelector('[data-upload-percent]');
      var say = function (msg) { alert.textContent = msg; alert.className = 'utrecht-alert utrecht-alert--error ib-alert'; };
      if (!files.length) { say('Kies de CSV-bestanden.'); return; }
      var data = new FormData();
      for (var i = 0; i < files.length; i++) data.append(files[i].name, files[i], files[i].name);
      var xhr = new XMLHttpRequest();
      xhr.open('POST', '/api/datasets');
      xhr.setRequestHeader('X-CSRF-Token', form.querySelector('input[name=csrf_token]').value);
      xhr.upload.onprogress = function (p) {
        if (!p.lengthComputable) return;
        var v = Math.round(100 * p.loaded / p.total);
        bar.value = v;
        pct.textContent = v + '%';
      };
      xhr.onload = function () {
        var j = null;
        try { j = JSON.parse(xhr.responseText); } catch (err) { j = null; }
        if (xhr.status === 202 && j) window.location.assign('/beheer/datasets/' + j.taak);
        else say((j && j.fout) || 'Het laden is mislukt.');
      };
      xhr.onerror = function () { say('Het laden is mislukt: geen verbinding met de server.'); };
      xhr.send(data);
    });
  }

  // A filter form (form[data-drop-empty]) leaves its empty fields out of the
  // address: the server refuses an empty value for a filter it declares.
  function dropEmpty(form) {
    form.addEventListener('submit', function () {
      Array.prototype.forEach.call(form.elements, function (el) {
        if (el.name && el.value === '') el.disabled = true;
      });
    });
  }
  window.addEventListener('pageshow', function () {
    document.querySelectorAll('form[data-drop-empty] [disabled]').forEach(function (el) { el.disabled = false; });
  });

  document.addEventListener('DOMContentLoaded', function () {
    drawCharts(document);
    document.querySelectorAll('form[data-drop-empty]').forEach(dropEmpty);
    document.querySelectorAll('form[data-eigen-lijst]').forEach(ownList);
    document.querySelectorAll('form[data-upload]').forEach(upload);
  });
  // htmx leaves error answers unswapped: show the server's (escaped) message.
  document.addEventListener('htmx:responseError', function (e) {
    var t = e.detail.target, xhr = e.detail.xhr;
    if (t && xhr && /text\/html/.test(xhr.getResponseHeader('Content-Type') || '')) t.innerHTML = xhr.responseText;
  });
  document.addEventListener('htmx:afterSettle', function (e) {
    drawCharts(e.target);
    var busy = e.target.closest && e.target.closest('[aria-busy]');
    if (busy) busy.removeAttribute('aria-busy');
  });
})();
