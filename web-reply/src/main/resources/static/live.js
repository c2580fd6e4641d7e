// Live updates: the server streams ticket events (Server-Sent Events, fed by the event outbox); on each relevant
// event the page fetches itself again and swaps in the fresh content. The browser resumes a dropped stream by
// itself, sending Last-Event-ID, and the server replays what was missed. A reply draft is never touched.
(function () {
  'use strict';
  var main = document.getElementById('live');
  var light = document.getElementById('live-status');
  // every signed-in page follows the stream for the offer banner; pages with data-live also redraw themselves
  if (!main || !window.EventSource || !document.querySelector('meta[name="csrf-token"]')) {
    return;
  }
  var kind = main.dataset.live || '';
  var who = document.querySelector('header a.who');
  var me = who ? who.dataset.member : null;
  var bannerTimer = null;
  var thread = main.dataset.thread;
  var timer = null;

  function swap(fresh) {
    var parts = main.querySelectorAll('[data-live-part]');
    if (parts.length === 0) {
      main.replaceChildren.apply(main, Array.prototype.slice.call(fresh.childNodes));
      return;
    }
    parts.forEach(function (part) {
      var replacement = part.id && fresh.querySelector('#' + CSS.escape(part.id));
      if (replacement) {
        part.replaceWith(replacement);
      }
    });
  }

  function refresh() {
    timer = null;
    fetch(location.href, { credentials: 'same-origin', headers: { 'X-Live-Refresh': '1' } })
      .then(function (response) {
        if (response.redirected && response.url.indexOf('/login') >= 0) {
          location.reload();
          return null;
        }
        return response.ok || response.status === 409 ? response.text() : null;
      })
      .then(function (html) {
        if (!html) {
          return;
        }
        var fresh = new DOMParser().parseFromString(html, 'text/html').getElementById('live');
        if (fresh) {
          swap(fresh);
          main.dataset.refreshed = String(Date.now());
        }
      })
      .catch(function () { /* the next event or reconnect refreshes again */ });
  }

  // the banner of tickets offered to me: fetched again when my offers change, then its clock counts down
  function refreshBanner() {
    bannerTimer = null;
    fetch('/dashboard/offers/banner', { credentials: 'same-origin', headers: { 'X-Live-Refresh': '1' } })
      .then(function (response) { return response.ok && !response.redirected ? response.text() : null; })
      .then(function (html) {
        var banner = document.getElementById('offer-banner');
        if (!html || !banner) {
          return;
        }
        var fresh = new DOMParser().parseFromString(html, 'text/html').getElementById('offer-banner');
        if (fresh) {
          banner.replaceWith(fresh);
          fresh.dataset.refreshed = String(Date.now());
          tick();
        }
      })
      .catch(function () { /* the next event or reconnect fetches it again */ });
  }

  function scheduleBanner() {
    if (bannerTimer === null) {
      bannerTimer = setTimeout(refreshBanner, 50);
    }
  }

  function tick() {
    document.querySelectorAll('#offer-banner [data-expires]').forEach(function (left) {
      var seconds = Math.max(0, Math.floor((Date.parse(left.dataset.expires) - Date.now()) / 1000));
      left.textContent = seconds >= 60 ? Math.floor(seconds / 60) + ' min ' + (seconds % 60) + ' s' : seconds + ' s';
    });
  }
  setInterval(tick, 1000);

  function schedule() {
    if (!kind) {
      return;
    }
    if (timer === null) {
      timer = setTimeout(refresh, 80);
    }
  }

  var source = new EventSource('/dashboard/events');
  var opened = false;
  source.addEventListener('ticket', function (e) {
    var event = JSON.parse(e.data);
    if (kind === 'list' || event.threadId === thread) {
      schedule();
    }
  });
  source.addEventListener('reload', schedule);
  source.addEventListener('offer', function (e) {
    var members = JSON.parse(e.data).members || [];
    if (me && members.indexOf(me) >= 0) {
      scheduleBanner();
    }
  });
  source.addEventListener('member', function () {
    if (kind === 'list') {
      schedule(); // the team page shows availability; the ticket lists redraw harmlessly
    }
  });
  source.onopen = function () {
    if (light) {
      light.classList.add('on');
    }
    if (opened) {
      schedule(); // back after a drop: make sure nothing was missed
      scheduleBanner();
    }
    opened = true;
  };
  source.onerror = function () {
    if (light) {
      light.classList.remove('on');
    }
  };
  window.addEventListener('pagehide', function () { source.close(); });
})();

// The header's availability toggle: a change is sent to the API with the page's CSRF token; on a refusal or a
// network error the select goes back to what it was and says why in its title. (Here, not in a file of its own:
// the dashboard loads one script.)
(function () {
  'use strict';
  var select = document.getElementById('availability');
  var meta = document.querySelector('meta[name="csrf-token"]');
  if (!select || !meta) {
    return;
  }
  var current = select.value;
  select.addEventListener('change', function () {
    var wanted = select.value;
    select.disabled = true;
    fetch('/api/team/me/availability', {
      method: 'PUT',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': meta.content },
      body: JSON.stringify({ availability: wanted })
    }).then(function (response) {
      return response.json().then(function (body) {
        if (!response.ok) {
          throw new Error(body.error || ('HTTP ' + response.status));
        }
        current = body.availability;
        select.className = 'availability ' + current;
        select.dataset.saved = current;
        select.title = 'Your availability: ' + current;
      });
    }).catch(function (error) {
      select.title = 'Not saved: ' + error.message;
    }).then(function () {
      select.value = current;
      select.disabled = false;
    });
  });
})();
