// The counter kiosk: a tap on a face queues the answer in localStorage under a client-generated id and sends the queue
// to the API; an answer leaves the queue only when the server has it (or refuses it for good), so a dropped network
// delays answers without losing or doubling them. Without this script the page works as plain forms.
(function () {
    'use strict';
    var root = document.getElementById('kiosk');
    if (!root || !window.fetch || !window.localStorage) { return; }

    var KEY = 'cv-kiosk-queue';
    var rate = document.getElementById('kiosk-rate');
    var follow = document.getElementById('kiosk-follow-up');
    var thanks = document.getElementById('kiosk-thanks');
    var note = document.getElementById('kiosk-queue');
    var hasFollowUp = follow.querySelector('fieldset') !== null;
    var resetTimer = null;
    var last = null;
    var flushing = false;

    function uuid() {
        if (window.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
        var b = crypto.getRandomValues(new Uint8Array(16));
        b[6] = (b[6] & 0x0f) | 0x40; b[8] = (b[8] & 0x3f) | 0x80;
        var h = Array.prototype.map.call(b, function (x) { return (x + 0x100).toString(16).slice(1); }).join('');
        return h.slice(0, 8) + '-' + h.slice(8, 12) + '-' + h.slice(12, 16) + '-' + h.slice(16, 20) + '-' + h.slice(20);
    }

    function load() { try { return JSON.parse(localStorage.getItem(KEY)) || []; } catch (e) { return []; } }
    function save(queue) { localStorage.setItem(KEY, JSON.stringify(queue)); }

    function showQueue() {
        var n = load().length;
        note.hidden = n === 0;
        note.textContent = root.dataset.queueText.replace('{0}', n);
    }

    function flush() {
        var queue = load();
        if (flushing || queue.length === 0) { showQueue(); return; }
        flushing = true;
        var item = queue[0];
        fetch(root.dataset.api, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(item) })
            .then(function (response) {
                flushing = false;
                var final = response.ok || (response.status >= 400 && response.status < 500 && response.status !== 408 && response.status !== 429);
                if (final) {
                    save(load().filter(function (x) { return x.clientId !== item.clientId; }));
                    flush();
                } else {
                    showQueue();
                }
            }, function () { flushing = false; showQueue(); });
    }

    function enqueue(answers, replaces) {
        var item = {
            clientId: uuid(), unitCode: root.dataset.unit, fieldCode: root.dataset.field, channel: 'kiosk',
            questionnaireId: Number(root.dataset.questionnaire), answers: answers
        };
        if (replaces) { item.replaces = replaces; }
        var queue = load();
        queue.push(item);
        save(queue);
        flush();
        return item.clientId;
    }

    function show(section) {
        [rate, follow, thanks].forEach(function (s) { s.hidden = s !== section; });
        var focus = section.querySelector('h1, legend, button');
        if (focus) { focus.setAttribute('tabindex', '-1'); focus.focus(); }
    }

    function reset() {
        clearTimeout(resetTimer);
        follow.querySelector('form').reset();
        last = null;
        show(rate);
    }

    function resetAfter(seconds) {
        clearTimeout(resetTimer);
        resetTimer = setTimeout(reset, seconds * 1000);
    }

    var chosen = null;
    rate.querySelectorAll('button[name=Value]').forEach(function (b) {
        b.addEventListener('click', function () { chosen = b.value; });
    });
    rate.querySelector('form').addEventListener('submit', function (event) {
        event.preventDefault();
        var value = Number((event.submitter && event.submitter.value) || chosen);
        if (!value) { return; }
        var overall = { questionId: Number(root.dataset.overall), value: value };
        last = { id: enqueue([overall]), overall: overall };
        if (hasFollowUp) { show(follow); resetAfter(25); } else { show(thanks); resetAfter(5); }
    });

    follow.addEventListener('change', function () { resetAfter(25); });
    follow.querySelector('form').addEventListener('submit', function (event) {
        event.preventDefault();
        var answers = Array.prototype.map.call(follow.querySelectorAll('input[type=radio]:checked'), function (r) {
            return { questionId: Number(r.name.replace(/\D/g, '')), value: Number(r.value) };
        });
        if (last && answers.length > 0) { enqueue([last.overall].concat(answers), last.id); }
        show(thanks);
        resetAfter(5);
    });
    document.getElementById('kiosk-done').addEventListener('click', function (event) {
        event.preventDefault();
        show(thanks);
        resetAfter(5);
    });
    thanks.querySelector('a').addEventListener('click', function (event) { event.preventDefault(); reset(); });

    window.addEventListener('online', flush);
    setInterval(flush, 15000);
    flush();
})();
