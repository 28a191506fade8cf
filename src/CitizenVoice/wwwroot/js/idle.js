// The idle warning for signed-in staff: after the configured idle time a dialog counts down; its button keeps
// the session (the server re-issues the sign-in cookie), letting it run out signs the user out.
(function () {
    'use strict';
    var dialog = document.getElementById('idle-dialog');
    if (!dialog) { return; }
    var idleSeconds = parseInt(dialog.dataset.idleSeconds, 10);
    var warningSeconds = parseInt(dialog.dataset.warningSeconds, 10);
    var countdown = document.getElementById('idle-countdown');
    var idleTimer = null;
    var tickTimer = null;
    var remaining = warningSeconds;

    function startIdle() {
        clearTimeout(idleTimer);
        idleTimer = setTimeout(warn, idleSeconds * 1000);
    }

    function warn() {
        remaining = warningSeconds;
        countdown.textContent = String(remaining);
        if (typeof dialog.showModal === 'function') { dialog.showModal(); } else { dialog.setAttribute('open', ''); }
        document.getElementById('idle-keep').focus();
        tickTimer = setInterval(function () {
            remaining -= 1;
            countdown.textContent = String(Math.max(remaining, 0));
            if (remaining <= 0) {
                clearInterval(tickTimer);
                document.getElementById('idle-signout').submit();
            }
        }, 1000);
    }

    function keep() {
        clearInterval(tickTimer);
        fetch(dialog.dataset.keepalive, {
            method: 'POST',
            credentials: 'same-origin',
            headers: { 'X-CSRF-TOKEN': dialog.dataset.token }
        }).then(function (response) {
            if (!response.ok) { window.location.href = '/dang-nhap'; return; }
            if (dialog.open) { dialog.close(); }
            startIdle();
        }, function () {
            // Offline for a moment: keep the dialog so the user can try again.
            warn();
        });
    }

    document.getElementById('idle-keep').addEventListener('click', keep);
    // Escape would close the dialog without keeping the session; treat it as the button.
    dialog.addEventListener('cancel', function (e) { e.preventDefault(); keep(); });
    startIdle();
}());
