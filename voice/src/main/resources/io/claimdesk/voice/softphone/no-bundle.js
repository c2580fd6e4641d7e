// Served instead of the softphone bundle by a build made without npm: the header's phone widget says so.
(function () {
  'use strict';
  var message = 'Phone off: this claimdesk was built without npm, which the softphone needs';
  function show() {
    var widget = document.getElementById('phone-widget');
    if (widget) {
      widget.textContent = '📞 Phone off';
      widget.title = message;
      widget.className = 'phone-widget off';
    }
  }
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', show);
  } else {
    show();
  }
})();
