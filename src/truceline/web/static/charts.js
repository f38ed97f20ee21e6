// Draws each figure's chart from the JSON block beside its canvas (figures.html). Data comes
// only through that block, never through text written into a script.
"use strict";

document.querySelectorAll("figure.chart").forEach((figure) => {
  const series = JSON.parse(figure.querySelector("script.series").textContent);
  const days = [...new Set(series.points.map((point) => point.x))].sort();
  // A series page (series.html) marks each point a running total or an increment: totals are
  // drawn as a line, increments as bars.
  const kinds = series.points.some((point) => point.change) ? ["total", "increment"] : [null];
  new Chart(figure.querySelector("canvas"), {
    type: "line",
    data: {
      labels: days,
      datasets: kinds.map((kind) => ({
        type: kind === "increment" ? "bar" : "line",
        label: kind ? `${series.label}: ${kind === "total" ? "running total" : "increment"}` : series.label,
        data: series.points.filter((point) => !kind || point.change === kind),
        borderColor: kind === "increment" ? "#c0803a" : "#5b6b8c",
        backgroundColor: kind === "increment" ? "#c0803a" : "#5b6b8c",
        pointRadius: 3,
        tension: 0,
      })),
    },
    options: {
      animation: false,
      maintainAspectRatio: false,
      plugins: { legend: { display: kinds.length > 1 } },
      scales: { y: { beginAtZero: false, ticks: { precision: 0 } } },
    },
  });
});
