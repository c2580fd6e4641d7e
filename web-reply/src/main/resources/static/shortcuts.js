// Keyboard shortcuts: j/k select the next/previous ticket of a list, Enter or o opens it, c claims and r replies
// (to the selected ticket on a list, to the ticket shown on its page), / goes to the search box, ? shows the help.
// Keys typed into a box, or held with Ctrl/Alt/Cmd, are left alone. The selection is kept by ticket id, so it
// survives the live updates that redraw a list.
(function () {
  'use strict';
  var main = document.getElementById('live');
  var help = document.getElementById('shortcuts-help');
  if (!main) {
    return;
  }
  var selected = null; // the data-thread of the selected row

  function rows() {
    return Array.prototype.slice.call(main.querySelectorAll('table.tickets tr[data-thread]'));
  }

  function row() {
    return selected === null ? null : main.querySelector('tr[data-thread="' + CSS.escape(selected) + '"]');
  }

  function mark() {
    main.querySelectorAll('tr.selected').forEach(function (r) {
      r.classList.remove('selected');
      r.removeAttribute('aria-selected');
    });
    var current = row();
    if (current) {
      current.classList.add('selected');
      current.setAttribute('aria-selected', 'true');
    }
    main.dataset.selected = current ? selected : '';
  }

  function move(step) {
    var all = rows();
    if (all.length === 0) {
      return;
    }
    var index = all.indexOf(row());
    index = index < 0 ? (step > 0 ? 0 : all.length - 1) : Math.min(all.length - 1, Math.max(0, index + step));
    selected = all[index].dataset.thread;
    mark();
    all[index].scrollIntoView({ block: 'nearest' });
  }

  /** The element to act on: in the selected row on a list, else on the ticket's own page. */
  function target(inRow, onPage) {
    var current = row();
    if (current) {
      return current.querySelector(inRow);
    }
    return rows().length === 0 ? document.querySelector(onPage) : null;
  }

  function typing(element) {
    if (!element) {
      return false;
    }
    var tag = element.tagName;
    return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || element.isContentEditable;
  }

  function showHelp(show) {
    if (!help) {
      return;
    }
    help.hidden = !show;
    if (show) {
      var close = document.getElementById('shortcuts-close');
      if (close) {
        close.focus();
      }
    }
  }

  function click(element) {
    if (element) {
      element.click();
      return true;
    }
    return false;
  }

  document.addEventListener('keydown', function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) {
      return;
    }
    if (e.key === 'Escape' && help && !help.hidden) {
      showHelp(false);
      e.preventDefault();
      return;
    }
    if (typing(e.target)) {
      return;
    }
    var done = true;
    switch (e.key) {
      case 'j': move(1); break;
      case 'k': move(-1); break;
      case 'Enter':
      case 'o': {
        // Enter on a focused link or button is that element's own
        var open = (e.key === 'o' || e.target === document.body) && row() && row().querySelector('td.subject a');
        if (open) {
          location.href = open.href;
        } else {
          done = false;
        }
        break;
      }
      case 'c': done = click(target('button.claim', '#claim')); break;
      case 'r': done = click(target('a.reply, a[href$="/reply"]', '#reply-link')); break;
      case '/': {
        var search = document.querySelector('input[name=q]');
        if (search) {
          search.focus();
          search.select();
        } else {
          done = false;
        }
        break;
      }
      case '?': showHelp(help && help.hidden); break;
      default: done = false;
    }
    if (done) {
      e.preventDefault();
    }
  });

  if (help) {
    help.addEventListener('click', function (e) {
      if (e.target === help || e.target.id === 'shortcuts-close') {
        showHelp(false);
      }
    });
  }
  // live updates replace the list's rows: select the same ticket again in the fresh ones
  new MutationObserver(function () {
    if (selected !== null && row() && !row().classList.contains('selected')) {
      mark();
    }
  }).observe(main, { childList: true, subtree: true });
})();
