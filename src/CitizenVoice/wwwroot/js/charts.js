// Draws the results charts from the numbers the page already shows in tables (the tables are the text alternative).
(function () {
    'use strict';
    if (typeof Chart === 'undefined') { return; }
    document.querySelectorAll('canvas[data-chart]').forEach(function (canvas) {
        var labels = JSON.parse(canvas.dataset.labels);
        var values = JSON.parse(canvas.dataset.values);
        var low = JSON.parse(canvas.dataset.low || '[]');
        var high = JSON.parse(canvas.dataset.high || '[]');
        var line = canvas.dataset.chart === 'line';
        var datasets = [{
            label: canvas.getAttribute('aria-label'),
            data: values,
            backgroundColor: '#9e1b1b',
            borderColor: '#9e1b1b'
        }];
        if (line && low.length) {
            datasets.push({ label: '95% low', data: low, borderColor: '#c9a227', borderDash: [4, 4], pointRadius: 0, fill: false });
            datasets.push({ label: '95% high', data: high, borderColor: '#c9a227', borderDash: [4, 4], pointRadius: 0, fill: false });
        }
        new Chart(canvas, {
            type: line ? 'line' : 'bar',
            data: { labels: labels, datasets: datasets },
            options: {
                animation: false,
                plugins: { legend: { display: false } },
                // Bars start at 0, as in the PDF: a bar's length is the figure, so a cut axis would make a 6-point
                // difference look double. A trend line may zoom to its range, its axis labels say where it starts.
                scales: { y: { min: line ? Math.max(0, Math.floor(Math.min.apply(null, low.length ? low : values) / 10) * 10) : 0, max: 100 } }
            }
        });
    });
}());
