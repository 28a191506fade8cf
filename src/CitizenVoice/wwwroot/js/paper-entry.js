// Paper-form entry at typing speed: in a radio group, a digit picks the option with that value and moves on to the
// next question; Enter moves on instead of submitting half a form. Without this script the form works as usual.
(function () {
    'use strict';
    var form = document.querySelector('form[data-quick-entry]');
    if (!form) { return; }

    function groups() {
        var names = [];
        form.querySelectorAll('input[type=radio]').forEach(function (r) {
            if (names.indexOf(r.name) < 0) { names.push(r.name); }
        });
        return names;
    }

    function focusAfter(name) {
        var names = groups();
        var next = names[names.indexOf(name) + 1];
        if (next) {
            var radios = form.querySelectorAll('input[type=radio][name="' + CSS.escape(next) + '"]');
            var checked = Array.prototype.filter.call(radios, function (r) { return r.checked; })[0];
            (checked || radios[0]).focus();
        } else {
            var after = form.querySelector('textarea, button[type=submit]');
            if (after) { after.focus(); }
        }
    }

    // Enter in the unit, field, date and serial boxes moves on too, so the hands stay on the keys until the last answer.
    function focusNextField(from) {
        var fields = Array.prototype.filter.call(form.querySelectorAll('select, input:not([type=hidden]), textarea, button'), function (f) {
            return !(f.type === 'radio' && !f.checked && form.querySelector('input[type=radio][name="' + CSS.escape(f.name) + '"]') !== f);
        });
        var next = fields[fields.indexOf(from) + 1];
        if (next) { next.focus(); }
    }

    form.addEventListener('keydown', function (event) {
        var target = event.target;
        if (event.key === 'Enter' && (target instanceof HTMLSelectElement || (target instanceof HTMLInputElement && target.type !== 'radio'))) {
            event.preventDefault();
            focusNextField(target);
            return;
        }
        if (!(target instanceof HTMLInputElement) || target.type !== 'radio') { return; }
        if (/^[0-9]$/.test(event.key)) {
            var option = form.querySelector('input[type=radio][name="' + CSS.escape(target.name) + '"][value="' + event.key + '"]');
            if (option) {
                event.preventDefault();
                option.checked = true;
                focusAfter(target.name);
            }
        } else if (event.key === 'Enter') {
            event.preventDefault();
            focusAfter(target.name);
        }
    });
})();
