// While a confirmed import runs, post the next chunk as soon as the page shows the progress of the last one.
(function () {
    'use strict';
    var form = document.querySelector('form[data-auto-continue]');
    if (form) { window.setTimeout(function () { form.submit(); }, 300); }
})();
