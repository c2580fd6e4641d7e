// The reply box's saved replies: choosing one inserts its text at the cursor (or replaces the selection), then the
// choice resets so the same one can be inserted again. No framework; the text comes from the option's data-text.
(function () {
  'use strict';
  var select = document.getElementById('saved-reply');
  if (!select) {
    return;
  }
  var box = document.getElementById(select.dataset.insertInto);
  select.addEventListener('change', function () {
    var option = select.options[select.selectedIndex];
    var text = option && option.dataset.text;
    if (!box || !text || box.readOnly) {
      select.value = '';
      return;
    }
    var start = box.selectionStart, end = box.selectionEnd;
    box.setRangeText(text, start, end, 'end');
    box.dispatchEvent(new Event('input', { bubbles: true }));
    select.value = '';
    box.focus();
  });
})();
