// The unit picker (Features/Shared/_UnitPicker.cshtml): shows the search box above a unit select and narrows the
// select's options as the person types. Matching ignores diacritics and case ("van tung" finds "Công an xã Vân Tùng")
// and the "Công an" that begins every name, and a district's name finds its communes. The select stays the control
// that is posted and read by screen readers; without this script it is a plain grouped list.
(function () {
    'use strict';

    function fold(text) {
        return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase()
            .replace(/\bcong an\b/g, ' ').replace(/\s+/g, ' ').trim();
    }

    function wire(root) {
        var select = root.querySelector('select');
        var box = root.querySelector('.unit-picker-search');
        var input = box && box.querySelector('input');
        var count = box && box.querySelector('[aria-live]');
        if (!select || !input) { return; }

        // Every option once, with the text it is matched against: its name and its district's.
        var all = [];
        Array.prototype.forEach.call(select.children, function (child) {
            if (child.tagName === 'OPTGROUP') {
                var items = Array.prototype.slice.call(child.children);
                all.push({ group: child, options: items.map(function (o) { return { el: o, key: fold(o.text + ' ' + child.label + ' ' + o.value) }; }) });
            } else {
                all.push({ group: null, options: [{ el: child, key: '', always: child.value === '' }] });
            }
        });

        function filter() {
            var words = fold(input.value).split(' ').filter(function (w) { return w.length > 0; });
            var selected = select.value;
            var first = null;
            var found = 0;
            var keepSelected = false;
            select.textContent = '';
            all.forEach(function (entry) {
                var matches = entry.options.filter(function (o) {
                    return o.always || words.every(function (w) { return o.key.indexOf(w) >= 0; });
                });
                if (matches.length === 0) { return; }
                var parent = select;
                if (entry.group) {
                    entry.group.textContent = '';
                    select.appendChild(entry.group);
                    parent = entry.group;
                }
                matches.forEach(function (o) {
                    parent.appendChild(o.el);
                    if (o.always) { return; }
                    found++;
                    if (first === null) { first = o.el; }
                    if (o.el.value === selected) { keepSelected = true; }
                });
            });
            if (keepSelected) {
                select.value = selected;
            } else if (words.length > 0 && first !== null && !select.multiple) {
                // The first match is chosen so that typing a name and pressing Enter picks that unit.
                select.value = first.value;
                select.dispatchEvent(new Event('change', { bubbles: true }));
            }
            if (count) { count.textContent = words.length > 0 ? (count.getAttribute('data-found-text') + ' ' + found) : ''; }
        }

        // A large tree's picker holds only some units (see _UnitPicker.cshtml): the others are asked for as one
        // types, and the matches are offered first, in a group of their own.
        var searchUrl = root.getAttribute('data-search-url');
        var byCode = root.getAttribute('data-by-code') === 'true';
        var results = document.createElement('optgroup');
        results.label = root.getAttribute('data-results-text') || '';
        var timer = null;

        function search() {
            var typed = input.value;
            if (fold(typed) === '') { return; }
            fetch(searchUrl + '?q=' + encodeURIComponent(typed), { headers: { Accept: 'application/json' } })
                .then(function (r) { return r.ok ? r.json() : []; })
                .then(function (units) {
                    if (input.value !== typed) { return; } // a later search is on its way
                    var present = {};
                    Array.prototype.forEach.call(select.options, function (o) { present[o.value] = true; });
                    results.textContent = '';
                    units.forEach(function (u) {
                        var value = byCode ? u.code : String(u.id);
                        if (present[value]) { return; }
                        results.appendChild(new Option(u.group ? u.name + ' — ' + u.group : u.name, value));
                    });
                    if (results.children.length === 0) { return; }
                    var before = Array.prototype.find.call(select.children, function (c) { return c.tagName === 'OPTGROUP'; }) || null;
                    select.insertBefore(results, before);
                    // Nothing listed matched: the first unit found is chosen, as typing a listed name chooses it.
                    if (select.value === '') {
                        select.value = results.children[0].value;
                        select.dispatchEvent(new Event('change', { bubbles: true }));
                    }
                    if (count) {
                        var found = Array.prototype.filter.call(select.options, function (o) { return o.value !== ''; }).length;
                        count.textContent = count.getAttribute('data-found-text') + ' ' + found;
                    }
                })
                .catch(function () { /* the units already listed stay */ });
        }

        input.addEventListener('input', function () {
            filter();
            if (searchUrl) {
                clearTimeout(timer);
                timer = setTimeout(search, 200);
            }
        });
        input.addEventListener('keydown', function (e) {
            // Enter keeps the chosen match instead of sending the form half-filled; the arrow keys move into the list.
            if (e.key === 'Enter') { e.preventDefault(); select.focus(); }
            if (e.key === 'ArrowDown') { e.preventDefault(); select.focus(); }
            if (e.key === 'Escape' && input.value !== '') { e.preventDefault(); input.value = ''; filter(); }
        });
        box.hidden = false;
    }

    function start() { Array.prototype.forEach.call(document.querySelectorAll('[data-unit-picker]'), wire); }
    if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', start); } else { start(); }
}());
