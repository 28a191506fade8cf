// The idle warning for signed-in staff. Any activity (a key, a click, a touch, scrolling) starts the idle period
// again; after the configured idle time without activity a dialog counts down, and letting it run out signs the
// user out. While the person works on a page without loading another, a keep-alive post extends the server's
// session: only after activity, and at most once per keep-alive interval (shared by the tabs of the browser), so a
// page left open does not keep a session alive and an active person does not post on every key.
(function () {
    'use strict';
    var dialog = document.getElementById('idle-dialog');
    if (!dialog) { return; }
    var idleMs = parseInt(dialog.dataset.idleSeconds, 10) * 1000;
    var warningMs = parseInt(dialog.dataset.warningSeconds, 10) * 1000;
    var keepAliveMs = parseFloat(dialog.dataset.keepaliveSeconds) * 1000;
    var countdown = document.getElementById('idle-countdown');
    var keepButton = document.getElementById('idle-keep');
    var storageKey = 'cv-keepalive-at';
    var idleTimer = null;
    var tickTimer = null;
    var keepAliveTimer = null;
    var deadline = 0;

    function lastKeepAlive() {
        try { return parseInt(localStorage.getItem(storageKey) || '0', 10) || 0; } catch (e) { return 0; }
    }

    function sendKeepAlive() {
        keepAliveTimer = null;
        try { localStorage.setItem(storageKey, String(Date.now())); } catch (e) { /* private mode: per page only */ }
        return fetch(dialog.dataset.keepalive, {
            method: 'POST',
            credentials: 'same-origin',
            // X-Requested-With makes an ended session answer 401 instead of redirecting to the sign-in page.
            headers: { 'X-CSRF-TOKEN': dialog.dataset.token, 'X-Requested-With': 'XMLHttpRequest' }
        }).then(function (response) {
            if (response.status === 401) {
                // The session has already ended: sign in again, and come back here.
                window.location.href = '/dang-nhap?het-phien=true&ReturnUrl=' + encodeURIComponent(location.pathname + location.search);
            }
            return response.ok;
        });
    }

    // The post goes at once if the last one is older than the interval, otherwise when the interval is up.
    function scheduleKeepAlive() {
        if (keepAliveTimer !== null) { return; }
        var wait = Math.max(0, lastKeepAlive() + keepAliveMs - Date.now());
        keepAliveTimer = setTimeout(function () { sendKeepAlive().catch(function () { /* offline: next activity retries */ }); }, wait);
    }

    function startIdle() {
        clearTimeout(idleTimer);
        idleTimer = setTimeout(warn, idleMs);
    }

    function activity() {
        if (dialog.open) { return; }
        startIdle();
        scheduleKeepAlive();
    }

    function signOut() {
        clearInterval(tickTimer);
        document.getElementById('idle-signout').submit();
    }

    // The countdown follows the clock, not the number of ticks: a background tab's timers may run late.
    function tick() {
        var remaining = Math.max(0, Math.ceil((deadline - Date.now()) / 1000));
        countdown.textContent = String(remaining);
        if (remaining <= 0) { signOut(); }
    }

    function warn() {
        deadline = Date.now() + warningMs;
        tick();
        if (typeof dialog.showModal === 'function') { dialog.showModal(); } else { dialog.setAttribute('open', ''); }
        keepButton.focus();
        tickTimer = setInterval(tick, 250);
    }

    function keep() {
        clearTimeout(keepAliveTimer);
        keepAliveTimer = null;
        sendKeepAlive().then(function (ok) {
            if (!ok) { return; }
            clearInterval(tickTimer);
            if (dialog.open) { dialog.close(); }
            startIdle();
        }, function () {
            // Offline for a moment: the dialog and its countdown stay, so the user can try again.
        });
    }

    keepButton.addEventListener('click', keep);
    // Escape would close the dialog without keeping the session; treat it as the button.
    dialog.addEventListener('cancel', function (e) { e.preventDefault(); keep(); });
    ['keydown', 'pointerdown', 'input', 'wheel', 'touchstart', 'scroll'].forEach(function (type) {
        document.addEventListener(type, activity, { capture: true, passive: true });
    });
    // Loading the page is activity too.
    activity();
}());
