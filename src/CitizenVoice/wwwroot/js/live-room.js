// The public live room: keeps the server-rendered page current through SignalR. Text is set with textContent only.
(() => {
    const room = document.getElementById('live-room');
    if (!room || !window.signalR) {
        return;
    }

    const sessionId = parseInt(room.dataset.session, 10);
    const queue = document.getElementById('queue');
    const current = document.getElementById('current');
    const viewers = document.getElementById('viewer-count');
    let currentId = null;

    const el = (tag, cls, text) => {
        const e = document.createElement(tag);
        e.className = cls;
        e.textContent = text;
        return e;
    };

    const answerLine = q => {
        const p = el('p', 'mb-0 live-answer', ' ' + q.answer);
        p.prepend(el('span', 'fw-semibold', room.dataset.labelAnswer + ':'));
        return p;
    };

    const setViewers = n => {
        if (typeof n === 'number') {
            viewers.textContent = n.toLocaleString(document.documentElement.lang);
        }
    };

    const upsert = q => {
        let li = queue.querySelector(`li[data-id="${q.id}"]`);
        if (!li) {
            li = el('li', 'p-2 mb-2 bg-white live-item', '');
            li.dataset.id = q.id;
            queue.append(li);
        }
        li.replaceChildren(
            el('p', 'mb-1 live-question', q.text),
            el('p', 'mb-1 small text-body-secondary live-supports', room.dataset.labelSupports.replace('{0}', q.supports)));
        if (q.answer) {
            li.append(answerLine(q));
        }
        if (q.id === currentId) {
            showCurrent(q);
        }
    };

    const showCurrent = q => {
        currentId = q ? q.id : null;
        if (!q) {
            current.replaceChildren(el('p', 'mb-0 live-empty', room.dataset.labelNone));
            return;
        }
        current.replaceChildren(el('p', 'fw-semibold live-question', q.text));
        if (q.answer) {
            current.append(answerLine(q));
        }
    };

    // WebSockets first; Server-Sent Events and long polling keep phones on poor connections in the room.
    const connection = new signalR.HubConnectionBuilder()
        .withUrl(room.dataset.hub)
        .withAutomaticReconnect([0, 2000, 5000, 10000, 20000, 30000])
        .build();

    connection.on('question', (q, n) => { upsert(q); setViewers(n); });
    connection.on('answer', (q, n) => { upsert(q); setViewers(n); });
    connection.on('withdrawn', id => queue.querySelector(`li[data-id="${id}"]`)?.remove());
    connection.on('current', (q, n) => { if (q) { upsert(q); } showCurrent(q); setViewers(n); });

    const join = async () => setViewers(await connection.invoke('Join', sessionId));

    // Back after a lost signal or on another copy of the server: what was published or answered meanwhile was never
    // pushed to this page, so it takes the room as it is now.
    const catchUp = async () => {
        const state = await connection.invoke('State', sessionId);
        const shown = new Set(state.queue.map(q => q.id));
        queue.querySelectorAll('li[data-id]').forEach(li => { if (!shown.has(parseInt(li.dataset.id, 10))) { li.remove(); } });
        state.queue.forEach(upsert);
        showCurrent(state.queue.find(q => q.id === state.currentId) || null);
    };
    connection.onreconnected(async () => { await join(); await catchUp(); });

    const start = async again => {
        try {
            await connection.start();
            await join();
            if (again) {
                await catchUp();
            }
        } catch {
            setTimeout(() => start(again), 5000);
        }
    };
    // Automatic reconnection gives up after its last delay; the room keeps trying for as long as the page is open.
    connection.onclose(() => setTimeout(() => start(true), 5000));
    start(false);
})();
