// Keeps the code of the citizen's registration for a session in this browser, so the session page can show it again
// after the confirmation is closed. Only the code is kept: never the name or the phone number.
(() => {
    const key = session => 'cv.registration.' + session;
    const valid = code => typeof code === 'string' && /^[A-Z0-9]{8}$/.test(code);
    const confirmed = document.querySelector('[data-registration-code]');
    if (confirmed && valid(confirmed.dataset.registrationCode)) {
        try { localStorage.setItem(key(confirmed.dataset.session), confirmed.dataset.registrationCode); } catch { /* storage off: the bookmark link still works */ }
        return;
    }

    const mine = document.querySelector('[data-my-registration]');
    if (!mine) {
        return;
    }

    let code = null;
    try { code = localStorage.getItem(key(mine.dataset.session)); } catch { /* storage off */ }
    if (valid(code)) {
        mine.querySelector('.my-registration-code').textContent = code;
        mine.querySelector('a').href = `/doi-thoai/${mine.dataset.session}/dang-ky/${code}`;
        mine.hidden = false;
    }
})();
