// Draws each figure's chart from the JSON block beside its canvas (figures.html). Data comes
// only through that block, never through text written into a script.
"use strict";

document.querySelectorAll("figure.chart").forEach((figure) => {
  const series = JSON.parse(figure.querySelector("script.series").textContent);
  const days = [...new Set(series.points.map((point) => point.x))].sort();
  new Chart(figure.querySelector("canvas"), {
    type: "line",
    data: {
      labels: days,
      datasets: [{
        label: series.label,
        data: series.points,
        borderColor: "#5b6b8c",
        backgroundColor: "#5b6b8c",
        pointRadius: 3,
        tension: 0,
      }],
    },
    options: {
      animation: false,
      maintainAspectRatio: false,
      plugins: { legend: { display: false } },
      scales: { y: { beginAtZero: false, ticks: { precision: 0 } } },
    },
  });
});
