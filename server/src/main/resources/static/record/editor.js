// The CVE record editor's live check (no third-party code). As the member types, the record text
// is sent to the check endpoint (debounced); the findings and both previews are redrawn from the
// JSON answer with textContent only, never as HTML. Without this script the Check button does the
// same on the server.
(function () {
  'use strict';
  var DELAY_MS = 400;
  var NO_PREVIEW = 'No preview: the record does not build yet.';

  function init() {
    var form = document.getElementById('record-form');
    var yaml = document.getElementById('yaml');
    if (!form || !yaml) {
      return;
    }
    var strict = document.getElementById('strict');
    var status = document.getElementById('check-status');
    var url = form.getAttribute('data-check-url');
    var csrfHeader = form.getAttribute('data-csrf-header');
    var csrfInput = form.querySelector('input[name="_csrf"]');
    var cve = form.querySelector('input[name="cve"]').value;
    var timer = null;
    var sent = 0;
    var shown = 0;

    function schedule() {
      if (timer !== null) {
        window.clearTimeout(timer);
      }
      status.textContent = 'Checking…';
      timer = window.setTimeout(check, DELAY_MS);
    }

    function check() {
      timer = null;
      var seq = ++sent;
      var headers = { 'Content-Type': 'application/json', 'Accept': 'application/json' };
      if (csrfHeader && csrfInput) {
        headers[csrfHeader] = csrfInput.value;
      }
      fetch(url, {
        method: 'POST',
        credentials: 'same-origin',
        headers: headers,
        body: JSON.stringify({ cve: cve, yaml: yaml.value, strict: !!(strict && strict.checked) })
      }).then(function (response) {
        return response.json().then(function (body) {
          return { ok: response.ok, body: body };
        });
      }).then(function (answer) {
        if (seq < shown) {
          return; // an older answer arriving after a newer one
        }
        shown = seq;
        if (!answer.ok) {
          status.textContent = 'Could not check: ' + (answer.body.error || 'the server refused.');
          return;
        }
        render(answer.body);
      }).catch(function () {
        if (seq >= shown) {
          status.textContent = 'Could not check: no answer from the server. Use the Check button.';
        }
      });
    }

    function render(result) {
      status.textContent = result.summary;
      fill(document.getElementById('errors'), result.errors || []);
      fill(document.getElementById('warnings'), result.warnings || []);
      document.getElementById('preview-json').textContent = result.cveJson || NO_PREVIEW;
      document.getElementById('preview-announcement').textContent =
        result.announcement || NO_PREVIEW;
      form.setAttribute('data-checked', String(sent));
    }

    function fill(list, findings) {
      while (list.firstChild) {
        list.removeChild(list.firstChild);
      }
      findings.forEach(function (f) {
        var li = document.createElement('li');
        li.className = 'finding ' + f.severity;
        var where = document.createElement('a');
        where.className = 'where';
        where.href = '#yaml';
        where.setAttribute('data-line', String(f.line));
        where.setAttribute('data-column', String(f.column));
        where.textContent = f.line + ':' + f.column;
        li.appendChild(where);
        li.appendChild(document.createTextNode(' '));
        li.appendChild(span('severity', f.severity, 'span'));
        li.appendChild(document.createTextNode(' '));
        li.appendChild(span('rule', f.rule, 'code'));
        li.appendChild(document.createTextNode(' '));
        li.appendChild(span('message', f.message, 'span'));
        list.appendChild(li);
      });
    }

    function span(cls, text, tag) {
      var e = document.createElement(tag);
      e.className = cls;
      e.textContent = text;
      return e;
    }

    // A finding's place: put the caret there.
    document.addEventListener('click', function (event) {
      var target = event.target;
      if (!(target instanceof Element) || !target.matches('a.where[data-line]')) {
        return;
      }
      event.preventDefault();
      var line = parseInt(target.getAttribute('data-line'), 10);
      var column = parseInt(target.getAttribute('data-column'), 10);
      var lines = yaml.value.split('\n');
      var offset = 0;
      for (var i = 0; i < line - 1 && i < lines.length; i++) {
        offset += lines[i].length + 1;
      }
      offset += Math.max(0, column - 1);
      yaml.focus();
      yaml.setSelectionRange(offset, offset);
    });

    yaml.addEventListener('input', schedule);
    if (strict) {
      strict.addEventListener('change', schedule);
    }
    form.setAttribute('data-live', 'on');
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
})();
