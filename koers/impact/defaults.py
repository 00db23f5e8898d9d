"""What Koers ships for the impact timeline: a starting price list with its sources, the themes
that the overview counts, and case 1 of the Dynamisch Op Weg evaluation (2021), "Er is altijd een
tweede kans" (October 2019 - October 2020), retold in our own words for the demo and the tests.

The amounts and sources are those the evaluation printed; a municipality checks and updates them
on /instellingen/prijslijst/ (each line keeps its source and year)."""

from decimal import Decimal

# (name, unit, low, high, payer, source, source year, note)
PRICE_LIST = (
    (
        "Behandeling verslaving",
        "year",
        Decimal("1400.00"),
        Decimal("13000.00"),
        "municipality",
        "Inkoopregeling Noord-Midden Drenthe (Jeugdwet): 117 tot 1.102 euro per maand",
        2021,
        "Als het gebruik van drugs of alcohol doorgaat.",
    ),
    (
        "Verblijf in de maatschappelijke opvang",
        "once",
        Decimal("12000.00"),
        Decimal("12000.00"),
        "municipality",
        "Maatschappelijke prijslijst, versie 6 september 2019: gemiddelde kosten van een verblijf",
        2019,
        "Als de jongere geen dak boven het hoofd meer heeft.",
    ),
    (
        "Bijstandsuitkering, 18 tot en met 20 jaar",
        "year",
        Decimal("8750.00"),
        Decimal("8750.00"),
        "municipality",
        "Netto jaarbedrag 2021 met aanvullende bijzondere bijstand, 18 tot en met 20 jaar, alleenstaand",
        2021,
        "",
    ),
    (
        "Bijstandsuitkering, 21 jaar en ouder",
        "year",
        Decimal("16000.00"),
        Decimal("16000.00"),
        "municipality",
        "Bruto jaarbedrag 2021 vanaf 21 jaar, alleenstaand",
        2021,
        "",
    ),
    (
        "Bijstandsuitkering (18 tot en met 20 jaar tot 21 jaar en ouder)",
        "year",
        Decimal("8750.00"),
        Decimal("16000.00"),
        "municipality",
        "Bijstandsnorm 1 juli 2021: netto 18 tot en met 20 jaar met aanvullende bijzondere bijstand tot bruto 21+",
        2021,
        "Een bandbreedte als de leeftijd in de periode verandert.",
    ),
    (
        "Uitvoeringskosten van een bijstandsuitkering",
        "year",
        Decimal("2900.00"),
        Decimal("2900.00"),
        "municipality",
        "Gemeente.nu: Uitvoering bijstand kost bijna 2900 euro per uitkering",
        2021,
        "Wat de gemeente kwijt is aan het uitvoeren van één uitkering.",
    ),
    (
        "Traject GGZ voor een jongere",
        "once",
        Decimal("3700.00"),
        Decimal("8000.00"),
        "health_insurer",
        "Maatschappelijke prijslijst, versie 6 september 2019: GGZ per jaar gemiddeld (laag), "
        "deeltijdbehandeling tweedelijns GGZ van 16 weken (hoog)",
        2019,
        "Als psychische klachten toenemen.",
    ),
)

# The source's average cost of the guidance per participant per year, and its parts.
GUIDANCE_PER_YEAR = (
    ("Begeleiding", Decimal("6298.00")),
    ("Personele overhead", Decimal("1777.00")),
    ("Materiële kosten", Decimal("2074.00")),
    ("Overige kosten", Decimal("3113.00")),
)
GUIDANCE_PER_YEAR_TOTAL = Decimal("13261.00")

# Themes the overview counts (a point may also say "anders").
THEMES = {
    "added_value": (
        ("cooperation", "Samenwerking tussen partners"),
        ("low_threshold", "Laagdrempelige, snelle start"),
        ("second_chance", "Steeds een nieuwe kans"),
        ("perspective", "Zicht op school of werk"),
        ("network", "Familie en netwerk betrokken"),
        ("trust", "Vertrouwen en een vaste contactpersoon"),
        ("practical", "Praktische belemmeringen opgelost"),
        ("other", "Anders"),
    ),
    "attention": (
        ("income", "Inkomen en vergoeding"),
        ("inclusive_work", "Werkplek minder toegankelijk"),
        ("aftercare", "Begeleiding na uitstroom"),
        ("known", "Partners kennen de aanpak niet"),
        ("family", "Steun voor het gezin"),
        ("other", "Anders"),
    ),
}

# Case 1, retold: the episodes, points, the reference scenario and its priced items.
CASE_1 = {
    "title": "Er is altijd een tweede kans",
    "starts_on": "2019-10-01",
    "ends_on": "2020-10-31",
    "costs_total": Decimal("14000.00"),
    "costs_months": 13,
    "costs_source": "Schatting in de evaluatie van Dynamisch Op Weg (2021)",
    "episodes": (
        {
            "title": "Beginsituatie",
            "narrative": (
                "De jongere is 19, heeft geen werk meer sinds een ongeluk en geen diploma. Hij woont bij "
                "zijn vader, slaapt overdag, gebruikt drugs en ziet geen toekomst voor zich."
            ),
            "actors": (("youth", ""), ("parent", "Biedt hem een thuis.")),
            "quotes": (("youth", "Ik lag tot de middag in bed en niets kon me schelen."),),
        },
        {
            "title": "Start",
            "narrative": (
                "De RMC-coördinator ziet hem en zoekt contact met het leerwerkbedrijf. Na een kennismaking "
                "met rondleiding begint hij, eerst alleen 's middags, om aan een ritme te wennen."
            ),
            "actors": (
                ("chain_partner", "Bracht hem in beeld en legde het contact met het leerwerkbedrijf."),
                ("work_learning", "Kennismaking, rondleiding en werkkleding; een start in de middag."),
            ),
            "quotes": (("youth", "Langzaam leerde ik weer op tijd op te staan. Ze geven je altijd een kans."),),
        },
        {
            "title": "Terugval",
            "narrative": (
                "Hij is vaak ziek, de band met zijn moeder is moeilijk, hij gebruikt weer en zijn opa "
                "overlijdt. Hij stopt en woont een tijd bij familie ver weg om tot rust te komen."
            ),
            "actors": (("relative", "Geeft hem een tijdelijke plek om te wonen."),),
            "quotes": (),
        },
        {
            "title": "Doorstart",
            "narrative": (
                "Terug thuis wil hij stoppen met drugs en vooruit. Hij mag terugkomen, werkt goed mee op "
                "een project en krijgt een opleiding in de infra met een baan bij een wegenbouwer; "
                "werkbegeleiding helpt bij die zwaardere stap."
            ),
            "actors": (
                ("parent", "Praat mee in het gesprek over terugkomen."),
                ("work_learning", "Laat hem terugkomen en regelt de opleiding met de baan."),
                ("employer", "Biedt een dienstverband naast de opleiding."),
            ),
            "quotes": (("youth", "Bij de wegenbouwer is het echt werk, met meer druk. Ik moet nog veel leren."),),
        },
    ),
    "points": (
        ("added_value", "cooperation", "RMC-coördinator en leerwerkbedrijf werkten nauw samen.", ""),
        ("added_value", "network", "Er was steeds overleg met de jongere en zijn vader.", ""),
        ("added_value", "low_threshold", "De start was eenvoudig en dichtbij.", ""),
        (
            "added_value",
            "second_chance",
            "Na een terugval kreeg hij opnieuw een kans; zo groeide zijn vertrouwen.",
            "Ze laten je niet vallen.",
        ),
        ("added_value", "perspective", "Er kwam een echte opleiding met werk in zicht.", ""),
        ("attention", "income", "Een kleine vergoeding hielp hem om te blijven komen.", ""),
        ("attention", "inclusive_work", "De gewone werkvloer is minder toegankelijk; de overstap vraagt zorg.", ""),
        ("attention", "aftercare", "Na de overstap blijft begeleiding soms nodig.", ""),
    ),
    "scenario": {
        "title": "Zonder het traject",
        "narrative": (
            "Hij was blijven gebruiken, had misschien kort ongeschoold werk gehad en was thuis "
            "weggestuurd door een vader die het zat was."
        ),
        "youth_view": "Ik was doorgegaan met drugs en had het in een fabriek niet lang volgehouden.",
        "items": (
            ("Behandeling verslaving", "Als hij was blijven gebruiken."),
            ("Verblijf in de maatschappelijke opvang", "Als zijn vader hem geen onderdak meer had gegeven."),
            ("Bijstandsuitkering (18 tot en met 20 jaar tot 21 jaar en ouder)", ""),
            ("Uitvoeringskosten van een bijstandsuitkering", ""),
        ),
    },
}
