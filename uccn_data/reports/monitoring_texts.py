"""The words of the UCCN Membership Monitoring Report draft, in English (UNESCO's language) and
Swedish, as (Swedish, English) pairs like the other report texts.

Facts about Östersund's place in the network come from the cooperation agreement (see the data
contract); everything else in the draft is either a figure from the store or a placeholder
for the officials' own narrative.
"""

from __future__ import annotations

from typing import Any

MONITORING_TEXTS: dict[str, tuple[str, str]] = {
    "title": (
        "UCCN Membership Monitoring Report – Östersund, gastronomistad – utkast",
        "UCCN Membership Monitoring Report – Östersund, City of Gastronomy – draft",
    ),
    "period": (
        "Rapportperiod: {start} – {end} (avtalsperioden {period})",
        "Period covered: {start} – {end} (agreement period {period})",
    ),
    "period_window": (
        "Rapportperiod: {start} – {end} (rapporteringsfönstret {period}, utan åtaganden)",
        "Period covered: {start} – {end} (reporting window {period}, without commitments)",
    ),
    "drafted": (
        "Utkast skapat {date} ur uppföljningens datalager.",
        "Draft generated on {date} from the follow-up data store.",
    ),
    "how_to": (
        "Siffror och listor är hämtade ur datalagret. Gulmarkerade platser skrivs av tjänstepersonerna innan rapporten skickas till UNESCO.",
        "Figures and lists come from the data store. Highlighted places are written by the officials before the report is sent to UNESCO.",
    ),
    "placeholder": (
        "[Skrivs av tjänstepersonerna: {what}]",
        "[To be written by the officials: {what}]",
    ),
    # --- 1 ---
    "h.summary": ("1. Sammanfattning", "1. Executive summary"),
    "summary.what": (
        "en sammanfattning på högst en sida av periodens viktigaste resultat och lärdomar",
        "a summary of at most one page of the period's main results and lessons",
    ),
    "summary.figures": ("Perioden i siffror:", "The period in figures:"),
    "fig.activities": (
        "Aktiviteter (utom inställda): {n}, varav {done} genomförda",
        "Activities (cancelled excluded): {n}, of which {done} completed",
    ),
    "fig.smes_unknown": (
        "Små och medelstora företag som nåtts: {n}",
        "Small and medium-sized enterprises reached: {n}",
    ),
    "fig.participants": (
        "Deltagare i aktiviteterna: {people} (rapporterat för {known} av {n} aktiviteter)",
        "Participants in the activities: {people} (reported for {known} of {n} activities)",
    ),
    "fig.smes": (
        "Små och medelstora företag som nåtts: {n}, varav {listed} listade med namn ({share} av dem utanför Östersund)",
        "Small and medium-sized enterprises reached: {n}, of which {listed} listed by name ({share} of them outside Östersund)",
    ),
    "fig.exchanges": (
        "Utbyten: {n} med {cities} partnerstäder i {countries} länder",
        "Exchanges: {n} with {cities} partner cities in {countries} countries",
    ),
    "fig.money": (
        "Östersunds kommuns medel: {used} av åtagandet {commitment}",
        "Östersund Municipality's funds: {used} of the commitment {commitment}",
    ),
    "fig.money_window": (
        "Östersunds kommuns medel: {used}",
        "Östersund Municipality's funds: {used}",
    ),
    "fig.budget": (
        "Budgetar för perioden: {budget}, redovisade bredvid utfallet och aldrig inräknade i det",
        "Budgets for the period: {budget}, shown beside the funds used and never added to them",
    ),
    "fig.outcomes": (
        "Resultat utöver aktiviteterna: {n} ({kinds})",
        "Outcomes beyond the activities: {n} ({kinds})",
    ),
    "fig.outcomes_none": (
        "Resultat utöver aktiviteterna: inga registrerade",
        "Outcomes beyond the activities: none registered",
    ),
    "summary.reading": ("Om siffrorna:", "About the figures:"),
    "fig.external": (
        "Extern finansiering: {external}; växling: {ratio}",
        "External funding: {external}; leverage ratio: {ratio}",
    ),
    "fig.sdg11": (
        "Aktiviteter kopplade till Agenda 2030 mål 11: {share}",
        "Activities linked to SDG 11 of Agenda 2030: {share}",
    ),
    # --- 2 ---
    "h.general": ("2. Allmän information", "2. General information"),
    "g.item": ("Uppgift", "Item"),
    "g.value": ("Svar", "Information"),
    "g.city": ("Stad", "City"),
    "g.country": ("Land", "Country"),
    "g.country_value": ("Sverige", "Sweden"),
    "g.field": ("Kreativt område", "Creative field"),
    "g.field_value": ("Gastronomi", "Gastronomy"),
    "g.designation": ("År för utnämning", "Year of designation"),
    "g.period": ("Rapportperiod", "Period covered"),
    "g.entity": ("Ansvarig organisation", "Entity responsible"),
    "g.entity_value": (
        "Östersunds kommun, i samverkan med Region Jämtland Härjedalen",
        "Östersund Municipality, in cooperation with Region Jämtland Härjedalen",
    ),
    "g.contact": ("Kontaktperson", "Contact officer"),
    "g.contact_what": (
        "namn, titel, e-post och telefon till kontaktpersonen",
        "name, title, e-mail and telephone of the focal point",
    ),
    "g.submitted": ("Datum för inlämning", "Date of submission"),
    "g.submitted_what": ("datum", "date"),
    # --- 3 ---
    "h.global": (
        "3. Bidrag till nätverkets globala arbete",
        "3. Contribution to the network's global management",
    ),
    "global.facts": (
        "När samverkansavtalet skrevs hade UCCN 246 medlemsstäder, varav 36 i gastronominätverket. "
        "Östersund är gastronomistad sedan 2010. Alla UCCN-städer undertecknade Östersunddeklarationen i Östersund 2016.",
        "When the cooperation agreement was written, the UCCN had 246 member cities, 36 of them in the gastronomy "
        "subnetwork. Östersund has been a City of Gastronomy since 2010. All UCCN cities signed the Östersund "
        "Declaration in Östersund in 2016.",
    ),
    "global.reference": (
        "Uppföljningens lista över medlemsstäder har {n} städer i sju kreativa områden, varav {gastronomy} i gastronomi (källa: {source}).",
        "The follow-up's list of member cities holds {n} cities in seven creative fields, {gastronomy} of them in gastronomy (source: {source}).",
    ),
    "global.figures": (
        "Under perioden: {uccn} av {known} utbyten med partnerstäder vars medlemskap är känt var med UCCN-städer ({share}); utbyten med okänt medlemskap: {unknown}. Uppföljningar med Svenska Unescorådet: {council}; aktiviteter med Team Sweden: {team}.",
        "In the period: {uccn} of {known} exchanges with partner cities of known membership were with UCCN cities ({share}); exchanges of unknown membership: {unknown}. Follow-ups with the Swedish National Commission for UNESCO: {council}; activities with Team Sweden: {team}.",
    ),
    "global.roles": (
        "Uppdrag i nätverket (resultat av slaget Uppdrag i nätverket):",
        "Roles in the network (outcomes of the kind Role in the network):",
    ),
    "global.no_roles": (
        "Inga uppdrag i nätverket registrerade för perioden.",
        "No roles in the network are registered for the period.",
    ),
    "global.networks": (
        "Nätverksmöten och andra partner än städer:",
        "Network meetings and partners other than cities:",
    ),
    "global.what": (
        "deltagande i UCCN:s årskonferenser och gastronominätverkets möten, uppdrag i nätverket och sammanställningen av nätverkets aktiviteter",
        "participation in the UCCN Annual Conferences and the gastronomy subnetwork's meetings, roles in the network, and the compilation of the subnetwork's activities",
    ),
    # --- 4 ---
    "h.local": (
        "4. Större initiativ på lokal nivå",
        "4. Major initiatives implemented at the local level",
    ),
    "local.figures": (
        "Aktiviteter: {n}; genomförda: {done}; deltagare: {people}; företag som nåtts: {smes}; kopplade till mål 11: {share}.",
        "Activities: {n}; completed: {done}; participants: {people}; SMEs reached: {smes}; linked to SDG 11: {share}.",
    ),
    "local.several": (
        "Aktiviteter som också hör till en annan ramaktivitet och därför redovisas under var och en: {n}.",
        "Activities that also belong to another framework activity and are therefore listed under each: {n}.",
    ),
    "h.outcomes": ("Resultat", "Outcomes"),
    "outcomes.lead": (
        "Utmärkelser, avtal, publikationer, antagna strategier och uppmärksamhet i media under perioden (uppdrag i nätverket står i avsnitt 3):",
        "Awards, agreements, publications, strategies adopted and media coverage in the period (roles in the network are in section 3):",
    ),
    "outcomes.none": (
        "Inga sådana resultat registrerade för perioden.",
        "No such outcomes are registered for the period.",
    ),
    "col.kind": ("Slag", "Kind"),
    "col.outcome": ("Resultat", "Outcome"),
    "col.when": ("När", "When"),
    "col.partner": ("Partner", "Partner"),
    "col.where": ("Var", "Where"),
    "col.lead": ("Leds av", "Led by"),
    "col.areas": ("Ramaktiviteter", "Framework activities"),
    "col.uccn_cities": ("UCCN-partnerstäder", "UCCN partner cities"),
    "col.partner_kind": ("Slag av partner", "Kind of partner"),
    "col.cities": ("Städer", "Cities"),
    "col.countries": ("Länder", "Countries"),
    "local.completed": ("Genomförda aktiviteter:", "Completed activities:"),
    "local.none": (
        "Inga genomförda aktiviteter under perioden.",
        "No completed activities in the period.",
    ),
    "local.what": (
        "de viktigaste initiativen inom {area}, deras resultat och påverkan",
        "the main initiatives in {area}, their results and impact",
    ),
    "col.activity": ("Aktivitet", "Activity"),
    "col.start": ("Start", "Start"),
    "col.end": ("Slut", "End"),
    "col.theme": ("Tema", "Theme"),
    "col.municipality": ("Kommun", "Municipality"),
    # --- 5 ---
    "h.intercity": (
        "5. Större initiativ genom samarbete mellan städer",
        "5. Major initiatives implemented through inter-city cooperation",
    ),
    "intercity.figures": (
        "Utbyten: {n} ({outbound} utresande, {inbound} inkommande, {digital} digitala); deltagare: {people}; företag: {smes}.",
        "Exchanges: {n} ({outbound} outbound, {inbound} inbound, {digital} digital); participants: {people}; SMEs: {smes}.",
    ),
    "intercity.other_partners": (
        "Av dem var {network} nätverksmöten och {other} utbyten med regioner eller organisationer; ett möte med flera partnerstäder är ett utbyte och står under varje stad.",
        "Of them, {network} were network meetings and {other} exchanges with regions or organisations; a meeting with several partner cities is one exchange and is listed under each city.",
    ),
    "intercity.partners": ("Partnerstäder:", "Partner cities:"),
    "intercity.none": ("Inga utbyten under perioden.", "No exchanges in the period."),
    "intercity.projects": (
        "Aktiviteter med UCCN-städer som partner, oavsett ramaktivitet:",
        "Activities with UCCN cities as partners, whatever their framework activity:",
    ),
    "intercity.no_projects": (
        "Inga aktiviteter med UCCN-städer som partner registrerade under perioden.",
        "No activities with UCCN cities as partners registered in the period.",
    ),
    "intercity.what": (
        "de viktigaste samarbetena med andra UCCN-städer och deras resultat",
        "the main cooperation projects with other UCCN cities and their results",
    ),
    "col.city": ("Stad", "City"),
    "col.country": ("Land", "Country"),
    "col.uccn": ("UCCN-medlem", "UCCN member"),
    "col.exchanges": ("Utbyten", "Exchanges"),
    "col.participants": ("Deltagare", "Participants"),
    "col.status": ("Status", "Status"),
    "col.partners": ("Partner", "Partners"),
    "yes": ("ja", "yes"),
    "no": ("nej", "no"),
    "unknown": ("okänt", "unknown"),
    # --- 6 ---
    "h.plan": (
        "6. Föreslagen handlingsplan för de kommande fyra åren",
        "6. Proposed action plan for the forthcoming four-year period",
    ),
    "plan.next": (
        "Nästa avtalsperiod i datalagret: {period} ({start} – {end}), med Östersunds kommuns {money} per år och {share} av en heltid per part.",
        "Next agreement period in the data store: {period} ({start} – {end}), with Östersund Municipality's {money} a year and {share} of one full-time post per party.",
    ),
    "plan.example": (
        "Perioden är ett exempel (demodata), inte ett beslutat avtal.",
        "The period is an example (demo data), not an agreed one.",
    ),
    "plan.registered": (
        "Aktiviteter redan registrerade för perioden: {n}.",
        "Activities already registered for the period: {n}.",
    ),
    "plan.none": (
        "Ingen följande avtalsperiod finns ännu i datalagret.",
        "No following agreement period is in the data store yet.",
    ),
    "plan.local": (
        "planerade initiativ på lokal nivå, per ramaktivitet",
        "planned initiatives at the local level, per framework activity",
    ),
    "plan.intercity": (
        "planerade initiativ i samarbete med andra städer",
        "planned initiatives in cooperation with other cities",
    ),
    "plan.budget": (
        "uppskattad årlig budget för handlingsplanen",
        "estimated annual budget for the action plan",
    ),
    # --- notices ---
    "demo": (
        "Demodata: siffrorna är påhittade och visar hur verktyget fungerar. Rapporten får inte skickas in.",
        "Demo data: the figures are made up to show how the tool works. This report must not be submitted.",
    ),
    "no_data": (
        "Det finns inga data ännu för perioden. Siffrorna fylls i när en samordnare har importerat filer.",
        "There is no data yet for the period. The figures are filled in once a coordinator has imported files.",
    ),
}


def mt(key: str, lang: str, **params: Any) -> str:
    """The monitoring report's text for `key` in the language, placeholders filled in."""
    sv, en = MONITORING_TEXTS[key]
    return (sv if lang == "sv" else en).format(**params)
