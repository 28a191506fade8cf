// The moderator's console: tells the secretary when citizens send new questions, without reloading under their typing.
(() => {
    const box = document.getElementById('console-live');
    if (!box || !window.signalR) {
        return;
    }

    const connection = new signalR.HubConnectionBuilder().withUrl(box.dataset.hub).withAutomaticReconnect().build();
    connection.on('received', pending => {
        box.textContent = box.dataset.template.replace('{0}', pending);
        box.hidden = false;
    });
    // data-listening tells (a test, a curious secretary's dev tools) that new questions will now be announced.
    const join = () => connection.invoke('JoinConsole', parseInt(box.dataset.session, 10)).then(ok => { box.dataset.listening = ok; });
    connection.onreconnected(join);
    connection.start().then(join).catch(() => { });
})();
