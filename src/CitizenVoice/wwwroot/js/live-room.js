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
    connection.onreconnected(join);

    const start = async () => {
        try {
            await connection.start();
            await join();
        } catch {
            setTimeout(start, 5000);
        }
    };
    start();
})();
