"""The words of the UCCN Membership Monitoring Report draft, in English (UNESCO's language) and
Swedish, as (Swedish, English) pairs like the other report texts.

No fact about the city is written here: its creative field and year of designation come from
the UCCN reference list (with its source), the other general information from the settings an
admin edits (uccn_data.unesco_details), the rest from the store; what is not known is a
highlighted placeholder for the officials.
"""

from __future__ import annotations

from typing import Any

MONITORING_TEXTS: dict[str, tuple[str, str]] = {
    "title": (
        "UCCN Membership Monitoring Report – {city} – utkast",
        "UCCN Membership Monitoring Report – {city} – draft",
    ),
    "city_field": ("{city} ({field})", "{city} ({field})"),
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
    "comment.only_sv": (
        "[Kommentaren finns bara på svenska.]",
        "[This comment is only in Swedish: translate it before the report is sent.]",
    ),
    # --- 1 ---
    "h.summary": ("1. Sammanfattning", "1. Executive summary"),
    "summary.what": (
        "en sammanfattning på högst en sida av periodens viktigaste resultat och lärdomar",
        "a summary of at most one page of the period's main results and lessons",
    ),
    "summary.figures": ("Perioden i siffror:", "The period in figures:"),
    "summary.comments": (
        "Samordnarnas kommentarer till nyckeltalen:",
        "The coordinators' comments on the key figures:",
    ),
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
    "g.field": ("Kreativt område", "Creative field"),
    "g.period": ("Rapportperiod", "Period covered"),
    "g.from_unesco": (
        "{what} som UNESCO:s beslut anger det (staden finns inte i uppföljningens UCCN-lista)",
        "{what} as UNESCO's decision states it (the city is not in the follow-up's UCCN list)",
    ),
    "g.detail_what": (
        "{hint} Det kan också fyllas i under Data, fliken UNESCO-uppgifter.",
        "{hint} It can also be set on the Data page, tab UNESCO details.",
    ),
    "g.source_list": (
        "Källa för land, kreativt område och utnämningsår: {source}.",
        "Source of the country, creative field and year of designation: {source}.",
    ),
    "g.source_setting": (
        "Datum för utnämningen: som en administratör angett det i uppföljningens inställningar.",
        "Date of designation: as an administrator entered it in the follow-up's settings.",
    ),
    "g.submitted": ("Datum för inlämning", "Date of submission"),
    "g.submitted_what": ("datum", "date"),
    # --- 3 ---
    "h.global": (
        "3. Bidrag till nätverkets globala arbete",
        "3. Contribution to the network's global management",
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
        "Nätverk som mötts under perioden, med de städer och länder mötena samlade:",
        "Networks met in the period, with the cities and countries their meetings gathered:",
    ),
    "global.meetings": ("Nätverksmöten under perioden:", "Network meetings in the period:"),
    "global.no_meetings": (
        "Inga nätverksmöten registrerade för perioden.",
        "No network meetings are registered for the period.",
    ),
    "global.meeting": (
        "{name} ({when}; {how}; deltagare: {people})",
        "{name} ({when}; {how}; participants: {people})",
    ),
    "meeting.outbound": ("på plats", "attended on site"),
    "meeting.inbound": ("värd här", "hosted here"),
    "meeting.digital": ("digitalt", "online"),
    "global.hosted": (
        "Internationella evenemang i länet (aktiviteter på internationell nivå med plats i länet):",
        "International events hosted in the county (activities of international level held in the county):",
    ),
    "global.no_hosted": (
        "Inga internationella evenemang i länet registrerade för perioden.",
        "No international events hosted in the county are registered for the period.",
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
        "Alla aktiviteter inom ramaktiviteten, på alla nivåer: {n}; genomförda: {done}; deltagare: {people}; företag som nåtts: {smes}; kopplade till mål 11: {share}.",
        "All activities in the framework activity, at every level: {n}; completed: {done}; participants: {people}; SMEs reached: {smes}; linked to SDG 11: {share}.",
    ),
    "local.where_else": (
        "Här står regionala och nationella aktiviteter. Aktiviteter med UCCN-städer som partner står i avsnitt 5, internationella evenemang i länet i avsnitt 3 och andra internationella aktiviteter i avsnitt 5.",
        "This section lists regional and national activities. Activities with UCCN cities as partners are in section 5, international events hosted in the county in section 3, and other international activities in section 5.",
    ),
    "local.listed": (
        "Regionala och nationella aktiviteter, med deras resultat:",
        "Regional and national activities, with their results:",
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
    "local.none": (
        "Inga regionala eller nationella aktiviteter under perioden.",
        "No regional or national activities in the period.",
    ),
    "col.level": ("Nivå", "Level"),
    "col.results": ("Resultat", "Results"),
    "with_status": ("{when} ({status})", "{when} ({status})"),
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
        "Av dem var {network} nätverksmöten (de står i avsnitt 3) och {other} utbyten med regioner eller organisationer; ett möte med flera partnerstäder är ett utbyte och står under varje stad.",
        "Of them, {network} were network meetings (listed in section 3) and {other} exchanges with regions or organisations; a meeting with several partner cities is one exchange and is listed under each city.",
    ),
    "intercity.regions": (
        "Regioner och organisationer i utbytena:",
        "Regions and organisations in the exchanges:",
    ),
    "intercity.others": (
        "Andra internationella aktiviteter, utanför länet eller där platsen inte är känd:",
        "Other international activities, outside the county or where the place is not known:",
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
    "plan.next_window": (
        "Nästa period i datalagret: {period} ({start} – {end}), ett rapporteringsfönster utan åtaganden.",
        "Next period in the data store: {period} ({start} – {end}), a reporting window without commitments.",
    ),
    "plan.none": (
        "Ingen följande period finns ännu i datalagret: planerade aktiviteter och budgetar visas när den finns.",
        "No following period is in the data store yet: planned activities and budgets are shown once there is one.",
    ),
    "h.plan_local": ("Initiativ på lokal nivå", "Initiatives at the local level"),
    "h.plan_intercity": (
        "Initiativ genom samarbete mellan städer",
        "Initiatives through inter-city cooperation",
    ),
    "h.plan_budget": ("Budget", "Budget"),
    "h.plan_communication": ("Kommunikation", "Communication"),
    "plan.planned_local": (
        "Planerade regionala och nationella aktiviteter:",
        "Planned regional and national activities:",
    ),
    "plan.planned_intercity": (
        "Planerade aktiviteter med UCCN-städer som partner eller på internationell nivå:",
        "Planned activities with UCCN cities as partners or of international level:",
    ),
    "plan.no_planned": (
        "Inga sådana aktiviteter är planerade i datalagret ännu.",
        "No such activities are planned in the data store yet.",
    ),
    "plan.budget_total": (
        "Budgetar för perioden: {budget}; budgetposter: {n}, varav med okänt belopp: {unknown}. Budgetar är planerade medel, inte utfall.",
        "Budgets for the period: {budget}; budget items: {n}, of which with an unknown amount: {unknown}. Budgets are money planned, not money spent.",
    ),
    "plan.no_budget": (
        "Inga budgetar registrerade för perioden.",
        "No budgets are registered for the period.",
    ),
    "plan.partial": ("{amount} (del av {whole})", "{amount} (part of {whole})"),
    "plan.communication": (
        "Planerade aktiviteter inom {area}:",
        "Planned activities in {area}:",
    ),
    "plan.communication_what": (
        "hur medlemskapet och handlingsplanen ska kommuniceras",
        "how the membership and the action plan will be communicated",
    ),
    "col.category": ("Kategori", "Category"),
    "col.funder": ("Finansiär", "Funder"),
    "col.amount": ("Belopp", "Amount"),
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
