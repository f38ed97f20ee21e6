"""Writes synthetic.jsonl: news-style sentences written for truceline's event models, each coded
in PLOVER 2.0 (type, mode, source, target), for the types, modes and forms the annotated real
sentences lack (passives, nominal events, negations, hypotheticals, "X called on Y to ...") and
sentences that report no event between political actors. Every line is marked synthetic.

The templates are written by hand; the generator fills them with actors of many conflicts and
varies tense, wording and order. Deterministic (a fixed seed), so `make train` rebuilds the same
file. See DATASHEET.md.

    python data/training/synthetic.py > data/training/synthetic.jsonl
"""

from __future__ import annotations

import json
import random
import sys

SEED = 14
# (canonical name, ways a news text names it). Pairs of sides of real conflicts, and mediators.
SIDES = [
    (("Israel", ["Israel", "the Israeli government", "Israeli forces", "Israel's military"]),
     ("Hamas", ["Hamas", "Hamas militants", "the Hamas movement"])),
    (("Russia", ["Russia", "Moscow", "Russian forces", "the Kremlin"]),
     ("Ukraine", ["Ukraine", "Kyiv", "Ukrainian forces", "the Ukrainian government"])),
    (("Israel", ["Israel", "Israeli troops", "the Israeli army"]),
     ("Hezbollah", ["Hezbollah", "Hezbollah fighters", "the Lebanese group Hezbollah"])),
    (("Armenia", ["Armenia", "Yerevan", "Armenian forces"]),
     ("Azerbaijan", ["Azerbaijan", "Baku", "Azerbaijani troops"])),
    (("India", ["India", "New Delhi", "Indian troops"]),
     ("Pakistan", ["Pakistan", "Islamabad", "Pakistani forces"])),
    (("Saudi Arabia", ["Saudi Arabia", "Riyadh", "the Saudi-led coalition"]),
     ("Houthis", ["the Houthis", "Houthi rebels", "Yemen's Houthis"])),
    (("United States", ["the United States", "Washington", "U.S. forces", "the Biden administration"]),
     ("Iran", ["Iran", "Tehran", "Iranian officials", "the Iranian government"])),
    (("Democratic Republic of the Congo", ["Congo", "the Congolese army", "Kinshasa"]),
     ("Rwanda", ["Rwanda", "Kigali", "Rwandan troops"])),
    (("China", ["China", "Beijing", "the Chinese military"]),
     ("Taiwan", ["Taiwan", "Taipei", "Taiwanese authorities"])),
    (("Ethiopia", ["Ethiopia", "Addis Ababa", "Ethiopian forces"]),
     ("Eritrea", ["Eritrea", "Asmara", "Eritrean troops"])),
    (("Serbia", ["Serbia", "Belgrade", "Serbian police"]),
     ("Kosovo", ["Kosovo", "Pristina", "Kosovo's government"])),
    (("Sudan", ["Sudan", "the Sudanese army", "Khartoum"]),
     ("South Sudan", ["South Sudan", "Juba"])),
    (("United States", ["the United States", "Washington", "the U.S. military"]),
     ("Houthis", ["the Houthis", "Houthi militants"])),
    (("Thailand", ["Thailand", "Bangkok", "Thai troops"]),
     ("Cambodia", ["Cambodia", "Phnom Penh", "Cambodian forces"])),
    (("Sudan", ["the Sudanese army", "Sudan's armed forces", "army chief Abdel Fattah al-Burhan"]),
     ("Rapid Support Forces", ["the Rapid Support Forces", "the RSF", "RSF fighters"])),
    (("Democratic Republic of the Congo", ["Congo", "the Congolese government", "Congolese troops"]),
     ("M23", ["M23", "M23 rebels", "the March 23 Movement"])),
]
# Sides that are no state: crowds that protest against them gather in a third country.
NON_STATES = {"Hamas", "Hezbollah", "Houthis", "Rapid Support Forces", "M23"}
CROWD_COUNTRIES = ["Jordan", "Turkey", "Indonesia", "Pakistan", "Malaysia", "Kenya", "Poland"]
PLACE_NAMES = {"United States": "the United States", "Democratic Republic of the Congo": "Congo"}
# Types the annotated sentences have fewest of: each story states two of them, in different words.
THIN = ("PROTEST", "REJECT", "CONCEDE", "THREATEN")
MEDIATORS = [
    ("Qatar", ["Qatar", "Doha", "Qatari mediators"]), ("Egypt", ["Egypt", "Cairo", "Egyptian officials"]),
    ("Turkey", ["Turkey", "Ankara", "Turkish officials"]), ("United Nations", ["the United Nations", "the UN"]),
    ("United States", ["the United States", "Washington", "the State Department"]),
    ("African Union", ["the African Union"]), ("Saudi Arabia", ["Saudi Arabia", "Riyadh"]),
    ("France", ["France", "Paris", "the French government"]), ("Norway", ["Norway", "Oslo"]),
]
WHEN = ["on Monday", "on Tuesday", "late on Wednesday", "on Thursday", "on Friday", "over the weekend",
        "earlier this week", "last month", "on Sunday", "", "", ""]
PLACES = ["the border town", "the capital", "a village near the front line", "the port city",
          "a refugee camp", "the disputed region", "a military base"]

# type -> (template, form, plover_mode); {S} acts, {T} is acted on, {M} a third party, {W} when.
ASSERTED = {
    "AGREE": [
        ("{S} agreed to a ceasefire with {T} {W}.", "active", None),
        ("{S} and {T} signed a peace deal in {Mc} {W}.", "joint", None),
        ("{S} accepted a truce proposal from {T} {W}.", "active", None),
        ("An agreement between {S} and {T} was reached {W} after weeks of talks.", "nominal", None),
        ("{S} pledged to {T} that it would honor the prisoner exchange.", "active", None),
        ("{S} promised {T} it would keep the crossings open.", "active", None),
    ],
    "CONSULT": [
        ("{S} held talks with {T} in {Mc} {W}.", "active", None),
        ("Officials from {S} met their counterparts from {T} {W}.", "active", None),
        ("{S}'s foreign minister spoke by phone with {T} {W}.", "active", None),
        ("A delegation from {S} visited {T} {W} for consultations.", "active", None),
        ("Talks between {S} and {T} resumed {W} under {M} mediation.", "nominal", None),
        ("{S} hosted envoys from {T} {W}.", "active", None),
    ],
    "SUPPORT": [
        ("{S} voiced support for {T} {W}.", "active", None),
        ("{S} praised {T} for its restraint.", "active", None),
        ("{S} welcomed the steps taken by {T} {W}.", "active", None),
        ("{T} was commended by {S} for reopening the crossing.", "passive", None),
        ("{S} reaffirmed its backing of {T} in a statement {W}.", "nominal", None),
    ],
    "CONCEDE": [
        ("{S} declared a unilateral ceasefire toward {T} {W}.", "active", "ceasefire"),
        ("{S} offered an apology to {T} for the shelling.", "active", None),
        ("{S} eased restrictions on {T} {W}.", "active", None),
        ("{S} announced it would lift the blockade on {T}.", "active", None),
        ("{S} dropped its demand that {T} disarm before any talks {W}.", "active", None),
        ("{S} lifted some of its sanctions on {T} {W} as a goodwill gesture.", "active", None),
        ("Under pressure from {M}, {S} gave in to {T}'s demand for a halt to the raids.", "active", None),
        ("Restrictions on the movement of {T}'s officials were eased by {S} {W}.", "passive", None),
        ("{S} bowed to {T}'s conditions and postponed the vote {W}.", "active", None),
        ("{S} apologized to {T} for the deadly strike on {P}.", "active", None),
        ("The lifting of {S}'s curbs on fuel imports to {T} was announced {W}.", "nominal", None),
        ("{S} made concessions to {T} on the list of prisoners {W}.", "active", None),
        ("{S} announced a humanitarian pause in its operations against {T} {W}.", "active", "ceasefire"),
        ("{S} withdrew its objection to {T}'s seat at the negotiating table.", "active", None),
        ("{S} issued a waiver allowing payments to {T} {W}.", "active", None),
        ("{S} relaxed the curfew it had imposed on areas held by {T} {W}.", "active", None),
    ],
    "COOPERATE": [
        ("{S} and {T} launched joint border patrols {W}.", "joint", None),
        ("{S} shared intelligence with {T} {W}.", "active", None),
        ("{S} signed a security cooperation pact with {T} {W}.", "active", None),
    ],
    "AID": [
        ("{S} sent humanitarian aid to {T} {W}.", "active", None),
        ("{S} delivered food and medicine to {T} {W}.", "active", None),
        ("Aid convoys from {S} reached {T} {W}.", "nominal", None),
        ("{T} received emergency assistance from {S} {W}.", "passive", None),
        ("{S} provided air defense systems to {T} {W}.", "active", None),
    ],
    "RETREAT": [
        ("{S} withdrew its troops from {T}'s territory {W}.", "active", "withdraw"),
        ("{S} released prisoners held from {T} {W}.", "active", "release"),
        ("Hostages held by {S} were freed and handed over to {T} {W}.", "passive", "release"),
        ("{S} pulled back its forces from the border with {T} {W}.", "active", "withdraw"),
        ("{S} halted its attacks on {T} as the truce took hold {W}.", "active", "ceasefire"),
        ("The withdrawal of {S}'s forces from {T} was completed {W}.", "nominal", "withdraw"),
        ("{S} opened the crossings into {T} to aid trucks {W}.", "active", "access"),
    ],
    "REQUEST": [
        ("{S} called on {T} to agree to a ceasefire.", "call-on", "yield"),
        ("{S} urged {T} to release the hostages.", "active", "yield"),
        ("{S} demanded that {T} withdraw its forces.", "active", "yield"),
        ("{S} asked {T} for military assistance {W}.", "active", "assist"),
        ("{S} appealed to {T} to allow aid into the region.", "active", "change"),
        ("In a statement {W}, {S} called for {T} to return to the negotiating table.", "call-on", "meet"),
        ("{S}'s demand that {T} halt its offensive went unanswered.", "nominal", "yield"),
    ],
    "ACCUSE": [
        ("{S} accused {T} of violating the ceasefire {W}.", "active", None),
        ("{S} condemned {T} for the attack on civilians.", "active", None),
        ("{S} blamed {T} for the collapse of the talks.", "active", None),
        ("{T} was accused by {S} of war crimes {W}.", "passive", None),
        ("{S} criticized {T} over the killing of aid workers.", "active", None),
        ("{S} opened an investigation into abuses by {T} {W}.", "active", "investigate"),
    ],
    "REJECT": [
        ("{S} rejected the ceasefire proposal put forward by {T} {W}.", "active", None),
        ("{S} refused to negotiate with {T}.", "active", "meet"),
        ("{S} turned down {T}'s demand for a withdrawal {W}.", "active", "yield"),
        ("{T}'s offer of talks was rebuffed by {S} {W}.", "passive", "meet"),
        ("{S} dismissed calls from {T} to halt the offensive.", "active", None),
        ("{S} rejected {T}'s latest ceasefire offer {W}, calling it a trap.", "active", None),
        ("{S} vetoed a resolution drafted by {T} at the Security Council {W}.", "active", None),
        ("The proposal by {T} for a prisoner swap was turned down by {S} {W}.", "passive", None),
        ("{S} ruled out any talks with {T} while the fighting continued.", "active", "meet"),
        ("{S}'s rejection of {T}'s peace plan {W} dashed hopes of a truce.", "nominal", None),
        ("{S} declined {T}'s invitation to a new round of negotiations {W}.", "active", "meet"),
        ("{S} spurned an offer from {T} to exchange prisoners {W}.", "active", None),
        ("{S} said it would not accept the conditions set by {T} for a truce.", "active", None),
        ("{S} walked away from the talks with {T} in {Mc} {W}.", "active", "meet"),
        ("{S} refused {T}'s request to open a humanitarian corridor.", "active", None),
        ("{S} opposed the plan put forward by {T} to deploy observers {W}.", "active", None),
        ("A demand by {T} for reparations was flatly refused by {S} {W}.", "passive", None),
    ],
    "THREATEN": [
        ("{S} threatened to strike {T} if the attacks continued.", "active", None),
        ("{S} warned {T} of a harsh response {W}.", "active", None),
        ("{S} vowed retaliation against {T} {W}.", "active", None),
        ("{S} threatened {T} with new sanctions.", "active", None),
        ("{S} warned {T} it would respond with force if the shelling went on.", "active", None),
        ("{S} issued an ultimatum to {T} to pull out its troops within 48 hours.", "active", None),
        ("{S} said it would strike {T}'s bases unless the attacks stopped.", "active", None),
        ("{T} was warned by {S} of serious consequences {W}.", "passive", None),
        ("{S}'s threat to cut off fuel supplies to {T} alarmed mediators in {Mc}.", "nominal", None),
        ("{S} warned that {T} would pay a heavy price for the attack on {P}.", "active", None),
        ("{S} threatened to walk out of the talks with {T} {W}.", "active", None),
        ("{S} threatened to expel {T}'s diplomats if the detainees were not freed.", "active", None),
        ("{S} cautioned {T} against any further incursions {W}.", "active", None),
        ("{S} vowed to crush {T} if it did not lay down its arms.", "active", None),
        ("{S} gave {T} a deadline to leave {P} or face an offensive.", "active", None),
    ],
    "PROTEST": [
        ("Thousands protested outside {T}'s embassy in {Sc} {W}.", "active", None),
        ("{S} recalled its ambassador from {T} in protest {W}.", "active", None),
        ("{S} summoned {T}'s envoy to protest the incursion.", "active", None),
        ("{S} staged a walkout when {T}'s delegate spoke {W}.", "active", None),
        ("Thousands marched through {Sc}'s capital {W} against {T}'s offensive.", "active", None),
        ("Demonstrators in {Sc} rallied against {T} {W}.", "active", None),
        ("Crowds gathered outside {T}'s embassy in {Sc} to denounce the strikes.", "active", None),
        ("{S} lodged a formal protest with {T} over the border incident {W}.", "active", None),
        ("{S} delivered a protest note to {T}'s ambassador {W}.", "active", None),
        ("{S} boycotted the summit hosted by {T} {W}.", "active", None),
        ("{S}'s delegation walked out of the session in protest at {T}'s remarks {W}.", "active", None),
        ("A protest was lodged by {S} with {T} after the shelling of {P}.", "passive", None),
        ("Protesters in {Sc} blocked the road to {T}'s consulate {W}.", "active", None),
        ("Activists in {Sc} staged a sit-in outside {T}'s mission to the United Nations {W}.", "active", None),
        ("Students in {Sc} went on hunger strike {W} against {T}'s blockade.", "active", None),
    ],
    "SANCTION": [
        ("{S} imposed sanctions on {T} {W}.", "active", None),
        ("{S} cut diplomatic ties with {T} {W}.", "active", None),
        ("{S} expelled diplomats from {T} {W}.", "active", None),
        ("New sanctions were imposed on {T} by {S} {W}.", "passive", None),
        ("{S} suspended trade with {T} {W}.", "active", None),
        ("{S} froze the assets of {T} {W}.", "active", None),
    ],
    "MOBILIZE": [
        ("{S} massed troops on the border with {T} {W}.", "active", None),
        ("{S} put its forces on high alert over {T} {W}.", "active", None),
        ("{S} deployed warships near {T} {W}.", "active", None),
        ("{S} called up reservists as tensions with {T} rose.", "active", None),
        ("{S} moved tanks and artillery toward the border with {T} {W}.", "active", None),
        ("Satellite images showed a buildup of {S} troops near {T} {W}.", "nominal", None),
        ("{S} mobilized its reserves amid the standoff with {T}.", "active", None),
    ],
    "COERCE": [
        ("{S} arrested dozens of {T} supporters {W}.", "active", None),
        ("{S} seized a ship bound for {T} {W}.", "active", None),
        ("{S} imposed a blockade on {T} {W}.", "active", None),
        ("{S} detained officials from {T} at the border {W}.", "active", None),
        ("Members of {T} were detained by {S} {W}.", "passive", None),
    ],
    "ASSAULT": [
        ("{S} launched airstrikes on {T} {W}.", "active", None),
        ("{S} shelled positions held by {T} in {P} {W}.", "active", None),
        ("{S} attacked {T} with drones {W}.", "active", None),
        ("{T} came under rocket fire from {S} {W}.", "passive", None),
        ("A missile strike by {S} hit {T} {W}, killing several people.", "nominal", None),
        ("{S} fired rockets at {T} {W}.", "active", None),
        ("Fighting erupted between {S} and {T} in {P} {W}.", "joint", None),
    ],
}
# How a mode changes an asserted sentence: (prefix, verb change). Written per mode rather than
# per template so every type gets each mode.
MODES = {
    "negated": [("{S} did not {base} {rest}", "did-not"), ("{S} has not {pp} {rest}", "has-not"),
                ("{S} never {past} {rest}", "never")],
    "hypothetical": [("{S} would {base} {rest} if talks failed", "would-if"),
                     ("If {T} agrees, {S} could {base} {rest}", "if-could"),
                     ("{S} should {base} {rest}", "should")],
    "hedged": [("{S} reportedly {past} {rest}", "reportedly"), ("{S} may have {pp} {rest}", "may-have"),
               ("{S} appeared to {base} {rest}", "appeared-to")],
    "proposed": [("{S} plans to {base} {rest}", "plans-to"), ("{S} offered to {base} {rest}", "offered-to"),
                 ("{S} is preparing to {base} {rest}", "preparing-to")],
}
# Verbs whose forms the mode templates need: type -> [(base, past, participle, rest)].
VERBS = {
    "AGREE": [("agree to", "agreed to", "agreed to", "a ceasefire with {T}")],
    "CONSULT": [("meet with", "met with", "met with", "officials from {T}"),
                ("hold talks with", "held talks with", "held talks with", "{T}")],
    "SUPPORT": [("endorse", "endorsed", "endorsed", "{T}'s peace plan")],
    "CONCEDE": [("ease", "eased", "eased", "restrictions on {T}"), ("lift", "lifted", "lifted", "sanctions on {T}"),
                ("drop", "dropped", "dropped", "its demands on {T}")],
    "COOPERATE": [("share", "shared", "shared", "intelligence with {T}")],
    "AID": [("send", "sent", "sent", "aid to {T}"), ("supply", "supplied", "supplied", "weapons to {T}")],
    "RETREAT": [("withdraw", "withdrew", "withdrawn", "its troops from {T}'s territory"),
                ("release", "released", "released", "prisoners from {T}")],
    "REQUEST": [("ask", "asked", "asked", "{T} for help")],
    "ACCUSE": [("accuse", "accused", "accused", "{T} of violating the truce")],
    "REJECT": [("reject", "rejected", "rejected", "{T}'s proposal"), ("veto", "vetoed", "vetoed", "{T}'s resolution"),
               ("turn down", "turned down", "turned down", "{T}'s offer of talks")],
    "THREATEN": [("threaten", "threatened", "threatened", "{T} with force"),
                 ("warn", "warned", "warned", "{T} of retaliation")],
    "PROTEST": [("protest", "protested", "protested", "{T}'s incursion"),
                ("boycott", "boycotted", "boycotted", "the talks with {T}")],
    "SANCTION": [("impose", "imposed", "imposed", "sanctions on {T}"), ("expel", "expelled", "expelled", "{T}'s diplomats")],
    "MOBILIZE": [("deploy", "deployed", "deployed", "troops to the border with {T}")],
    "COERCE": [("seize", "seized", "seized", "ships bound for {T}")],
    "ASSAULT": [("strike", "struck", "struck", "{T}"), ("attack", "attacked", "attacked", "{T}'s positions"),
                ("shell", "shelled", "shelled", "{T}'s border villages")],
}
# Sentences of a briefing that report no interaction between political actors.
NO_EVENT = [
    "The storm is expected to make landfall on {day}, forecasters said.",
    "Inflation slowed for a third straight month, according to new figures.",
    "The president will travel to {city} next week for a campaign event.",
    "Lawmakers passed the spending bill late on {day} after a long debate.",
    "The minister said the economy of {Sn} grew faster than expected.",
    "Schools in {city} reopened after the holiday.",
    "{Sn}'s central bank left interest rates unchanged.",
    "The press secretary declined to comment on the report.",
    "Thank you all for being here today.",
    "I want to talk about what this means for families.",
    "Officials in {Sn} said the election would be held in the spring.",
    "The number of tourists visiting {Sn} rose by a fifth last year.",
    "We're going to take a few questions.",
    "The ministry said the new hospital in {city} would open next year.",
    "{Sn}'s parliament elected a new speaker {W}.",
    "Wildfires forced thousands of residents to flee their homes.",
    "The company reported record profits for the quarter.",
    "Let me begin by giving you an update on the schedule.",
    "The talks are about the future of the region, the spokesman said.",
    "The conflict has displaced more than a million people since it began.",
    "Prices of fuel in {Sn} have doubled since January.",
    "The summit will focus on climate change and trade.",
    "Analysts said the ceasefire remained fragile.",
    "It was a long day, and everyone is tired.",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
CITIES = ["Chicago", "Atlanta", "Phoenix", "Detroit", "Denver", "Boston"]


def main() -> None:
    rng = random.Random(SEED)
    lines = []
    story = 0
    for round_ in range(6):
        for (side_a, side_b) in SIDES:
            story += 1
            doc = f"synthetic/story-{story:03d}"
            for type_, templates in ASSERTED.items():
                for k in range(2 if type_ in THIN else 1):
                    s, t = (side_a, side_b) if rng.random() < 0.5 else (side_b, side_a)
                    template, form, plover_mode = templates[(2 * round_ + story + 5 * k) % len(templates)]
                    lines.append(_line(doc, rng, template, s, t, type_, "asserted", form, plover_mode))
            for mode, patterns in MODES.items():
                for _ in range(3):
                    type_ = rng.choice(sorted(VERBS))
                    s, t = (side_a, side_b) if rng.random() < 0.5 else (side_b, side_a)
                    base, past, pp, rest = rng.choice(VERBS[type_])
                    pattern, form = rng.choice(patterns)
                    text = pattern.format(S="{S}", T="{T}", base=base, past=past, pp=pp, rest=rest)
                    text = text[0].upper() + text[1:] + "."
                    lines.append(_line(doc, rng, text, s, t, type_, mode, form, None))
            for _ in range(8):
                template = rng.choice(NO_EVENT)
                lines.append(_none(doc, rng, template, rng.choice((side_a, side_b))))
    for line in lines:
        sys.stdout.write(json.dumps(line, ensure_ascii=False) + "\n")


def _line(doc, rng, template, s, t, type_, mode, form, plover_mode) -> dict:
    mediator = rng.choice([m for m in MEDIATORS if m[0] not in (s[0], t[0])])
    text = template.format(S=rng.choice(s[1]), T=rng.choice(t[1]), M=rng.choice(mediator[1]), Mc=mediator[0],
                           Sc=_crowd_country(rng, s[0]), W=rng.choice(WHEN), P=rng.choice(PLACES))
    text = " ".join(text.split()).replace(" .", ".").replace(" ,", ",")
    text = text[0].upper() + text[1:]
    events = [{"type": type_, "mode": mode, "source": s[0], "target": t[0]}]
    if plover_mode:
        events[0]["plover_mode"] = plover_mode
    if form == "joint" and type_ in ("AGREE", "COOPERATE", "CONSULT", "ASSAULT"):
        events.append({"type": type_, "mode": mode, "source": t[0], "target": s[0]})  # both act
    if "{Sc}" in template:  # protesters, not the government of the country they are in
        events = [{"type": type_, "mode": mode, "source": None, "target": t[0]}]
    return {"doc": doc, "sentence": text, "events": events, "form": form, "synthetic": True}


def _crowd_country(rng, side: str) -> str:
    return rng.choice(CROWD_COUNTRIES) if side in NON_STATES else PLACE_NAMES.get(side, side)


def _none(doc, rng, template, side) -> dict:
    text = template.format(day=rng.choice(DAYS), city=rng.choice(CITIES), Sn=side[0], W=rng.choice(WHEN))
    text = " ".join(text.split()).replace(" .", ".")
    return {"doc": doc, "sentence": text, "events": [], "form": "no-event", "synthetic": True}


if __name__ == "__main__":
    main()
