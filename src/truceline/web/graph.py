"""The actor network drawn as a graph: actors on a circle, an arrow from source to target for
each edge, coloured by the event type's quad class and as thick as its events are many. Laid
out here and drawn by network.html as SVG: no script runs and nothing is fetched. (Force layouts
need a JavaScript library; a circle keeps every label readable for the few dozen edges a page shows.)"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from truceline.web.queries import Edge

# PLOVER's types in the four classes of CAMEO's "quad" scheme, the common way to colour them.
QUAD_CLASSES = {
    "verbal-cooperation": ("AGREE", "CONSULT", "SUPPORT", "REQUEST"),
    "material-cooperation": ("COOPERATE", "AID", "CONCEDE", "RETREAT"),
    "verbal-conflict": ("ACCUSE", "REJECT", "THREATEN"),
    "material-conflict": ("PROTEST", "MOBILIZE", "SANCTION", "COERCE", "ASSAULT"),
}
_QUAD_OF = {type: quad for quad, types in QUAD_CLASSES.items() for type in types}
WIDTH, HEIGHT = 960, 540
_RADIUS = 200  # of the circle the actors sit on
_BEND = 0.18  # how far an arc bows from the straight line, as a share of its length
GRAPH_EDGES = 25  # the heaviest edges of a page that the graph draws; more would hide the labels


@dataclass(frozen=True)
class Node:
    name: str
    x: float
    y: float
    r: float
    label_x: float
    label_y: float
    anchor: str  # the label's text-anchor: it sits outside the circle


@dataclass(frozen=True)
class Arc:
    row: int  # the edge's row in the table below the graph
    edge: Edge
    quad: str
    path: str  # SVG path: a quadratic curve, bowed so that A → B and B → A do not overlap
    width: float


def layout(edges: Sequence[Edge]) -> tuple[list[Node], list[Arc]]:
    """Nodes for the actors of the first GRAPH_EDGES `edges`, heaviest first clockwise from the
    top, and an arc per edge between two of them (an actor's edges to itself stay in the table)."""
    edges = edges[:GRAPH_EDGES]
    weight: Counter[str] = Counter()
    for edge in edges:
        weight[edge.source] += edge.weight
        weight[edge.target] += edge.weight
    names = [name for name, _ in weight.most_common()]
    heaviest = max(weight.values(), default=1)
    nodes = {name: _node(name, i, len(names), 4 + 8 * math.sqrt(weight[name] / heaviest))
             for i, name in enumerate(names)}
    strongest = max((edge.weight for edge in edges), default=1)
    arcs = [Arc(row, edge, _QUAD_OF.get(edge.type, "other"), _path(nodes[edge.source], nodes[edge.target]),
                round(1 + 5 * math.log1p(edge.weight) / math.log1p(strongest), 1))
            for row, edge in enumerate(edges) if edge.source != edge.target]
    return list(nodes.values()), sorted(arcs, key=lambda arc: arc.width)  # thin ones drawn first, under


def _node(name: str, i: int, count: int, r: float) -> Node:
    angle = 2 * math.pi * i / max(count, 1) - math.pi / 2
    x, y = WIDTH / 2 + _RADIUS * math.cos(angle), HEIGHT / 2 + _RADIUS * math.sin(angle)
    out = _RADIUS + r + 6
    anchor = "middle" if abs(math.cos(angle)) < 0.2 else "start" if math.cos(angle) > 0 else "end"
    return Node(name, round(x, 1), round(y, 1), round(r, 1), round(WIDTH / 2 + out * math.cos(angle), 1),
                round(HEIGHT / 2 + out * math.sin(angle) + 4, 1), anchor)


def _path(source: Node, target: Node) -> str:
    dx, dy = target.x - source.x, target.y - source.y
    # control point: off the midpoint, to the right of the direction of travel
    cx, cy = source.x + dx / 2 - dy * _BEND, source.y + dy / 2 + dx * _BEND
    # stop at the target's rim, so that the arrowhead shows
    tx, ty = target.x - cx, target.y - cy
    to_rim = (target.r + 3) / (math.hypot(tx, ty) or 1)
    end_x, end_y = target.x - tx * to_rim, target.y - ty * to_rim
    return f"M{source.x},{source.y} Q{cx:.1f},{cy:.1f} {end_x:.1f},{end_y:.1f}"
